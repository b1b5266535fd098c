import { COMPLETE_DETAILS, startTestApi, type TestApi } from "@shopreg/api/testing";
import { testEngines } from "@shopreg/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AuthenticationError,
  ConflictError,
  NotFoundError,
  PermissionError,
  type Service,
  Shopreg,
  ValidationError,
} from "../src/index.ts";

const CAMPAIGN = {
  type: "CUSTOM" as const,
  category_id: "shop_registration",
  target_market: "US",
  name: "Spring onboarding",
  description: "We register your TikTok Shop and run it for the first month.",
  contact_email: "ops@tsp.example",
};

/** A partner signed up over HTTP, with an API key made over its session, and a client on that key. */
async function partnerWithKey(api: TestApi, scopes?: string[]) {
  const partner = await api.signUp({ registration_region: "US", company_registration_region: "US" });
  const res = await api.request<{ secret: string }>("/v1/api-keys", {
    cookie: partner.cookie,
    body: { name: "tsp tool", ...(scopes ? { scopes } : {}) },
  });
  expect(res.status).toBe(201);
  return { partner, sdk: new Shopreg({ apiKey: res.body.secret, baseUrl: api.url, maxRetries: 0 }) };
}

const linksOf = (s: Service) =>
  Object.fromEntries(s.referral_links.map((l) => [l.audience, l.url])) as Record<"LOCAL_SELLER" | "CROSS_BORDER_SELLER", string>;

describe.each(testEngines())("the SDK against the real API on $engine", ({ engine }) => {
  let api: TestApi;
  let sdk: Shopreg;
  let approvedServiceId = "";

  beforeAll(async () => {
    api = await startTestApi(engine);
    // A tool that also keeps the partner's profile up to date asks for profile:write by name.
    ({ sdk } = await partnerWithKey(api, [
      "profile:read",
      "profile:write",
      "api_keys:read",
      "applications:read",
      "applications:write",
      "services:read",
      "services:write",
      "analytics:read",
    ]));
  });
  afterAll(async () => {
    await api?.close();
  });

  it("applies, is approved by a reviewer, then publishes a service and keeps its two links across deactivation", async () => {
    const key = await sdk.apiKeys.current();
    expect(key.scopes).toContain("services:write");
    const profile = await sdk.profile.get();
    expect((await sdk.profile.update({ contact_name: "Ana Ops" })).contact_name).toBe("Ana Ops");

    // Apply: a draft, its details, submit.
    const draft = await sdk.applications.create({ category_id: "shop_registration", target_market: "US" });
    expect(draft.status).toBe("DRAFT");
    const incomplete = await sdk.applications.submit(draft.id).catch((e: unknown) => e);
    expect(incomplete).toBeInstanceOf(ValidationError);
    expect((incomplete as ValidationError).fields.length).toBeGreaterThan(0);
    await sdk.applications.update(draft.id, { details: { ...COMPLETE_DETAILS[profile.entity_type] } });
    expect((await sdk.applications.submit(draft.id)).status).toBe("REVIEWING");

    // A service before approval is refused with a reason.
    const early = await sdk.services.create(CAMPAIGN).catch((e: unknown) => e);
    expect(early).toBeInstanceOf(PermissionError);

    // A reviewer approves over the staff API.
    const reviewer = await api.staff("reviewer");
    const approval = await api.request(`/v1/staff/applications/${draft.id}/approve`, { cookie: reviewer.cookie, method: "POST" });
    expect(approval.status).toBe(200);
    expect((await sdk.applications.get(draft.id)).status).toBe("APPROVED");
    const history = await sdk.applications.history(draft.id);
    expect(history.map((e) => e.to_status)).toContain("APPROVED");
    const approvedList = await sdk.applications.list({ status: "APPROVED" });
    expect(approvedList.data.map((a) => a.id)).toEqual([draft.id]);

    // Create and publish: the two referral links.
    const service = await sdk.services.create(CAMPAIGN);
    expect(service.status).toBe("DRAFT");
    expect(await sdk.services.referralLinks(service.id)).toEqual([]);
    const live = await sdk.services.publish(service.id, { confirm_target_market: "US" });
    expect(live.status).toBe("ON");
    const links = linksOf(live);
    expect(Object.keys(links).sort()).toEqual(["CROSS_BORDER_SELLER", "LOCAL_SELLER"]);
    expect(links.LOCAL_SELLER).not.toBe(links.CROSS_BORDER_SELLER);
    const read = await sdk.services.referralLinks(service.id);
    expect(read.map((l) => l.url).sort()).toEqual(Object.values(links).sort());
    expect(read.every((l) => l.active)).toBe(true);

    // Deactivate: the links stay but stop referring; re-publish finds the same links.
    const off = await sdk.services.deactivate(service.id);
    expect(off.status).toBe("OFF");
    expect((await sdk.services.referralLinks(service.id)).every((l) => !l.active)).toBe(true);
    const again = await sdk.services.publish(service.id, { confirm_target_market: "US" });
    expect(again.status).toBe("ON");
    expect(linksOf(again)).toEqual(links);
    expect(linksOf(await sdk.services.get(service.id))).toEqual(links);

    const renamed = await sdk.services.update(service.id, { name: "Spring onboarding 2" });
    expect(renamed.name).toBe("Spring onboarding 2");
    expect(linksOf(renamed)).toEqual(links);
    approvedServiceId = service.id;
  });

  it("lists services across pages", async () => {
    for (let i = 0; i < 4; i++) await sdk.services.create({ ...CAMPAIGN, name: `Campaign ${i}` });
    const ids: string[] = [];
    for await (const s of sdk.services.list({ limit: 2 })) ids.push(s.id);
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
    expect(ids).toContain(approvedServiceId);
    const first = await sdk.services.list({ limit: 2, status: "ON" });
    expect(first.data.map((s) => s.id)).toEqual([approvedServiceId]);
    expect(first.hasNextPage()).toBe(false);
  });

  it("reads clicks and attribution for a service", async () => {
    const summary = await sdk.analytics.summary({ service_id: approvedServiceId });
    expect(summary).toMatchObject({ clicks: 0, registrations: 0, approved_shops: 0 });
    const series = await sdk.analytics.timeseries({ interval: "day", service_id: approvedServiceId });
    expect(series.interval).toBe("day");
    expect(series.data.length).toBeGreaterThan(0);
    const funnel = await sdk.analytics.funnel({ group_by: "link" });
    expect(Array.isArray(funnel.data)).toBe(true);
    expect((await sdk.analytics.conversions()).data).toEqual([]);
    const csv = await sdk.analytics.export({ report: "timeseries", interval: "day" });
    expect(csv.split("\n")[0]).toContain("clicks");
  });

  it("gives an error a tool can act on for each failure", async () => {
    // Validation: each field named.
    const invalid = await sdk.services.create({ ...CAMPAIGN, contact_email: "not-an-email", name: "" }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(ValidationError);
    const v = invalid as ValidationError;
    expect(v.status).toBe(422);
    expect(v.code).toBe("validation_failed");
    expect(v.requestId).toMatch(/^req_/);
    expect(v.fields.map((f) => f.path)).toEqual(expect.arrayContaining(["contact_email", "name"]));

    // Publishing with the wrong market, and an illegal transition.
    const wrongMarket = await sdk.services.publish(approvedServiceId, { confirm_target_market: "GB" }).catch((e: unknown) => e);
    expect(wrongMarket).toBeInstanceOf(ValidationError);
    expect((wrongMarket as ValidationError).fields).toEqual([expect.objectContaining({ path: "confirm_target_market" })]);
    const twice = await sdk.services.publish(approvedServiceId, { confirm_target_market: "US" }).catch((e: unknown) => e);
    expect(twice).toBeInstanceOf(ConflictError);
    expect((twice as ConflictError).code).toBe("invalid_transition");

    // Another partner's service is not found, not forbidden.
    const other = await partnerWithKey(api);
    const foreign = await other.sdk.services.get(approvedServiceId).catch((e: unknown) => e);
    expect(foreign).toBeInstanceOf(NotFoundError);
    expect((foreign as NotFoundError).status).toBe(404);

    // A read-only key cannot write.
    const readOnly = await partnerWithKey(api, ["services:read", "applications:read"]);
    const denied = await readOnly.sdk.services.create(CAMPAIGN).catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(PermissionError);
    expect((denied as PermissionError).details).toMatchObject({ required_scope: "services:write" });

    // A wrong key.
    const bad = new Shopreg({ apiKey: "sr_live_nope", baseUrl: api.url });
    const unauth = await bad.services.list().then(
      () => null,
      (e: unknown) => e,
    );
    expect(unauth).toBeInstanceOf(AuthenticationError);
  });

  it("a retried create with the same Idempotency-Key returns the first service instead of a second", async () => {
    const first = await sdk.services.create({ ...CAMPAIGN, name: "Once" }, { idempotencyKey: "campaign-once" });
    const retry = await sdk.services.create({ ...CAMPAIGN, name: "Once" }, { idempotencyKey: "campaign-once" });
    expect(retry.id).toBe(first.id);
    const reused = await sdk.services.create({ ...CAMPAIGN, name: "Other" }, { idempotencyKey: "campaign-once" }).catch((e) => e);
    expect(reused).toBeInstanceOf(ConflictError);
    expect((reused as ConflictError).code).toBe("idempotency_key_reused");
  });
});
