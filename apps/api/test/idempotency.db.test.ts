import { testEngines } from "@shopreg/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../src/testing.ts";
import { counts, expectError, type Partner, partnerWithService, publish } from "./helpers.ts";

const APPLY = { category_id: "shop_registration", target_market: "US" };

/** Idempotency-Key on POST: a retry returns the first response; another body with the key is a 409. */
describe.each(testEngines())("idempotency on $engine", ({ engine }) => {
  let api: TestApi;
  let reviewer: { cookie: string };

  beforeAll(async () => {
    api = await startTestApi(engine);
    reviewer = await api.staff("reviewer");
  });
  afterAll(async () => api?.close());

  const apply = (p: Partner, key: string, body: Record<string, unknown> = APPLY) =>
    api.request("/v1/applications", { cookie: p.cookie, body, headers: { "idempotency-key": key } });

  it("a retry with the same key and body replays the first response and creates one row", async () => {
    const partner = await api.signUp();
    const first = await apply(partner, "create-app-1");
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const before = await counts(api);
    const retry = await apply(partner, "create-app-1");
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.headers.get("x-request-id")).toBeTruthy();
    expect(await counts(api)).toEqual(before);
    const rows = await api.db.selectFrom("applications").selectAll().where("partner_id", "=", partner.partnerId).execute();
    expect(rows).toHaveLength(1);
  });

  it("replays an error response too, without running the request again", async () => {
    const partner = await api.signUp();
    await apply(partner, "first");
    const conflict = await apply(partner, "second");
    expectError(conflict, 409, "application_already_live");
    const replay = await apply(partner, "second");
    expect(replay.status).toBe(409);
    expect(replay.body).toEqual(conflict.body);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
  });

  it("the same key with a different body is 409 idempotency_key_reused and changes nothing", async () => {
    const partner = await api.signUp();
    expect((await apply(partner, "k-1")).status).toBe(201);
    const before = await counts(api);
    const reused = await apply(partner, "k-1", { ...APPLY, details: { website: "https://other.example.com" } });
    expectError(reused, 409, "idempotency_key_reused");
    // The same key on another path is another request, too.
    const otherPath = await api.request("/v1/api-keys", {
      cookie: partner.cookie,
      body: APPLY,
      headers: { "idempotency-key": "k-1" },
    });
    expectError(otherPath, 409, "idempotency_key_reused");
    expect(await counts(api)).toEqual(before);
  });

  it("keys are scoped to the caller: two partners can use the same key", async () => {
    const a = await api.signUp();
    const b = await api.signUp();
    const ra = await apply(a, "shared-key");
    const rb = await apply(b, "shared-key");
    expect(ra.status).toBe(201);
    expect(rb.status).toBe(201);
    expect(rb.headers.get("idempotent-replayed")).toBeNull();
    expect(ra.body.id).not.toBe(rb.body.id);
    expect(ra.body.partner_id).toBe(a.partnerId);
    expect(rb.body.partner_id).toBe(b.partnerId);
  });

  it("a retried publish returns the same service and links, and mints nothing more", async () => {
    const { partner, serviceId } = await partnerWithService(api, reviewer.cookie);
    const opts = { cookie: partner.cookie, body: { confirm_target_market: "US" }, headers: { "idempotency-key": "pub-1" } };
    const first = await api.request(`/v1/services/${serviceId}/publish`, opts);
    expect(first.status).toBe(200);
    const retry = await api.request(`/v1/services/${serviceId}/publish`, opts);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    // Without the key the second publish is a real, refused transition.
    expectError(await publish(api, partner.cookie, serviceId), 409, "invalid_transition");
    const links = await api.db.selectFrom("referral_links").selectAll().where("service_id", "=", serviceId).execute();
    expect(links).toHaveLength(2);
  });

  it("concurrent requests with one key run once: the others replay or are told it is in progress", async () => {
    const partner = await api.signUp();
    const results = await Promise.all(Array.from({ length: 5 }, () => apply(partner, "race-key")));
    const fresh = results.filter((r) => r.status === 201 && r.headers.get("idempotent-replayed") === null);
    expect(fresh).toHaveLength(1);
    for (const r of results) {
      if (r === fresh[0]) continue;
      if (r.status === 201) expect(r.body).toEqual(fresh[0]?.body);
      else {
        expectError(r, 409, "idempotency_in_progress");
        expect(r.headers.get("retry-after")).toBe("1");
      }
    }
    const rows = await api.db.selectFrom("applications").selectAll().where("partner_id", "=", partner.partnerId).execute();
    expect(rows).toHaveLength(1);
  });

  it("refuses a key that is not printable ASCII with 400", async () => {
    const partner = await api.signUp();
    const before = await counts(api);
    const res = await api.request("/v1/applications", {
      cookie: partner.cookie,
      body: APPLY,
      headers: { "idempotency-key": "x".repeat(300) },
    });
    expectError(res, 400, "invalid_idempotency_key");
    expect(await counts(api)).toEqual(before);
  });
});
