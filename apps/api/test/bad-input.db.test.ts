import { testEngines } from "@shopreg/db/testing";
import { encodeCursor } from "@shopreg/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMPLETE_DETAILS, startTestApi, type TestApi } from "../src/testing.ts";
import { counts, draftApplication, expectError, fieldPaths, type Partner, partnerWithService, SERVICE_INPUT } from "./helpers.ts";

/** Each bad request gets its own clear 4xx, the error envelope, and changes nothing. */
describe.each(testEngines())("bad input on $engine", ({ engine }) => {
  let api: TestApi;
  let mine: Partner;
  let other: { partner: Partner; applicationId: string; serviceId: string };
  let myApplication: string;

  beforeAll(async () => {
    // A small body limit, so the oversized case needs no megabytes.
    api = await startTestApi(engine, { maxBodyBytes: 1024 });
    const reviewer = await api.staff("reviewer");
    mine = await api.signUp();
    myApplication = await draftApplication(api, mine);
    other = await partnerWithService(api, reviewer.cookie);
  });
  afterAll(async () => api?.close());

  /** Runs the request and proves no row was added or removed anywhere. */
  async function unchanged<T>(fn: () => Promise<T>): Promise<T> {
    const before = await counts(api);
    const result = await fn();
    expect(await counts(api)).toEqual(before);
    return result;
  }

  it("refuses malformed JSON with 400 malformed_json", async () => {
    const res = await unchanged(() =>
      api.request("/v1/applications", { cookie: mine.cookie, rawBody: '{"category_id": "shop_reg' }),
    );
    const error = expectError(res, 400, "malformed_json");
    expect(error.message).toMatch(/not valid JSON/);
  });

  it("names each field with a wrong type and each unknown field (422)", async () => {
    const res = await unchanged(() =>
      api.request("/v1/applications", {
        cookie: mine.cookie,
        body: { category_id: 42, target_market: ["US"], color: "blue", size: 3 },
      }),
    );
    expectError(res, 422, "validation_failed");
    expect(fieldPaths(res)).toEqual(expect.arrayContaining(["category_id", "target_market", "color", "size"]));
    for (const f of res.body.error.details.fields) expect(f.message).toEqual(expect.any(String));
  });

  it("names wrong types on a service create, and refuses a PATCH with unknown fields", async () => {
    const svc = await unchanged(() =>
      api.request("/v1/services", {
        cookie: other.partner.cookie,
        body: { ...SERVICE_INPUT, name: 7, contact_email: "not-an-email", extra: true },
      }),
    );
    expectError(svc, 422, "validation_failed");
    expect(fieldPaths(svc)).toEqual(expect.arrayContaining(["name", "contact_email", "extra"]));

    const before = await api.db.selectFrom("services").selectAll().where("id", "=", other.serviceId).executeTakeFirstOrThrow();
    const patch = await unchanged(() =>
      api.request(`/v1/services/${other.serviceId}`, {
        cookie: other.partner.cookie,
        method: "PATCH",
        body: { name: "Renamed", status: "ON" },
      }),
    );
    expectError(patch, 422, "validation_failed");
    expect(fieldPaths(patch)).toEqual(["status"]);
    const after = await api.db.selectFrom("services").selectAll().where("id", "=", other.serviceId).executeTakeFirstOrThrow();
    expect(after).toEqual(before);
  });

  it("names fields of the application details form that have the wrong type", async () => {
    const res = await unchanged(() =>
      api.request(`/v1/applications/${myApplication}`, {
        cookie: mine.cookie,
        method: "PATCH",
        body: { details: { ...COMPLETE_DETAILS.US, sellers_served_last_12_months: "many", website: 12 } },
      }),
    );
    expectError(res, 422, "validation_failed");
    expect(fieldPaths(res)).toEqual(expect.arrayContaining(["details.sellers_served_last_12_months", "details.website"]));
  });

  it("refuses an empty profile patch and a patch of the fixed regions (422), changing nothing", async () => {
    const before = await api.db.selectFrom("partners").selectAll().where("id", "=", mine.partnerId).executeTakeFirstOrThrow();
    const empty = await unchanged(() => api.request("/v1/profile", { cookie: mine.cookie, method: "PATCH", body: {} }));
    expectError(empty, 422, "validation_failed");
    const region = await unchanged(() =>
      api.request("/v1/profile", { cookie: mine.cookie, method: "PATCH", body: { registration_region: "CN" } }),
    );
    expectError(region, 422, "validation_failed");
    expect(fieldPaths(region)).toEqual(["registration_region"]);
    const after = await api.db.selectFrom("partners").selectAll().where("id", "=", mine.partnerId).executeTakeFirstOrThrow();
    expect(after).toEqual(before);
  });

  it("refuses a JSON array, null or a non-JSON content type with a clear 4xx", async () => {
    for (const rawBody of ["[1,2]", "null", '"text"']) {
      const res = await unchanged(() => api.request("/v1/applications", { cookie: mine.cookie, rawBody }));
      expectError(res, 422, "validation_failed");
      expect(fieldPaths(res)).toEqual(["(body)"]);
    }
    const text = await unchanged(() =>
      api.request("/v1/applications", {
        cookie: mine.cookie,
        rawBody: JSON.stringify({ category_id: "shop_registration", target_market: "US" }),
        headers: { "content-type": "text/plain" },
      }),
    );
    expectError(text, 415, "unsupported_media_type");
  });

  it("refuses an oversized body with 413", async () => {
    const res = await unchanged(() =>
      api.request("/v1/applications", {
        cookie: mine.cookie,
        body: { category_id: "shop_registration", target_market: "US", details: { company_description: "x".repeat(5000) } },
      }),
    );
    expectError(res, 413, "payload_too_large");
  });

  it("refuses a call without credentials with 401", async () => {
    const res = await unchanged(() =>
      api.request("/v1/applications", { body: { category_id: "shop_registration", target_market: "US" } }),
    );
    expectError(res, 401, "unauthenticated");
    expectError(await api.request("/v1/services"), 401, "unauthenticated");
    expectError(await api.request("/v1/staff/applications"), 401, "unauthenticated");
  });

  it("refuses a bad bearer key, or a malformed Authorization header, with 401", async () => {
    const bad = await unchanged(() =>
      api.request("/v1/applications", {
        token: "sr_live_AAAAAAAA_not-a-real-key",
        body: { category_id: "shop_registration", target_market: "US" },
      }),
    );
    expectError(bad, 401, "unauthenticated");
    const basic = await api.request("/v1/services", { headers: { authorization: "Basic dXNlcjpwYXNz" } });
    expectError(basic, 401, "unauthenticated");
  });

  it("treats another partner's ids as not found (404) and leaves its rows alone", async () => {
    const appBefore = await api.db
      .selectFrom("applications")
      .selectAll()
      .where("id", "=", other.applicationId)
      .executeTakeFirstOrThrow();
    const svcBefore = await api.db.selectFrom("services").selectAll().where("id", "=", other.serviceId).executeTakeFirstOrThrow();
    const attempts = [
      api.request(`/v1/applications/${other.applicationId}`, { cookie: mine.cookie }),
      api.request(`/v1/applications/${other.applicationId}/history`, { cookie: mine.cookie }),
      api.request(`/v1/applications/${other.applicationId}`, {
        cookie: mine.cookie,
        method: "PATCH",
        body: { details: { website: "https://evil.example.com" } },
      }),
      api.request(`/v1/applications/${other.applicationId}/withdraw`, { cookie: mine.cookie, method: "POST" }),
      api.request(`/v1/services/${other.serviceId}`, { cookie: mine.cookie }),
      api.request(`/v1/services/${other.serviceId}/referral-links`, { cookie: mine.cookie }),
      api.request(`/v1/services/${other.serviceId}`, { cookie: mine.cookie, method: "PATCH", body: { name: "Hijacked" } }),
      api.request(`/v1/services/${other.serviceId}/publish`, { cookie: mine.cookie, body: { confirm_target_market: "US" } }),
      api.request(`/v1/services/${other.serviceId}/deactivate`, { cookie: mine.cookie, method: "POST" }),
    ];
    const before = await counts(api);
    for (const res of await Promise.all(attempts)) expectError(res, 404, "not_found");
    expect(await counts(api)).toEqual(before);
    const appAfter = await api.db
      .selectFrom("applications")
      .selectAll()
      .where("id", "=", other.applicationId)
      .executeTakeFirstOrThrow();
    const svcAfter = await api.db.selectFrom("services").selectAll().where("id", "=", other.serviceId).executeTakeFirstOrThrow();
    expect(appAfter).toEqual(appBefore);
    expect(svcAfter).toEqual(svcBefore);
    // Lists show only one's own rows.
    const list = await api.request("/v1/services", { cookie: mine.cookie });
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual([]);
  });

  it("refuses an id that is not a uuid with 422 on path.id", async () => {
    const reviewer = await api.staff("reviewer");
    const cases = [
      { path: "/v1/applications/not-a-uuid", cookie: mine.cookie },
      { path: "/v1/services/123/publish", cookie: mine.cookie, body: { confirm_target_market: "US" } },
      { path: "/v1/staff/applications/x/approve", cookie: reviewer.cookie, method: "POST" },
    ];
    for (const { path, ...opts } of cases) {
      const res = await unchanged(() => api.request(path, opts));
      expectError(res, 422, "validation_failed");
      expect(fieldPaths(res)).toEqual(["path.id"]);
    }
  });

  it("refuses a bad cursor or limit with 422, whether garbage or well-formed with a bad key", async () => {
    const garbage = await api.request("/v1/applications?cursor=%%%not-base64", { cookie: mine.cookie });
    expectError(garbage, 422, "validation_failed");
    expect(fieldPaths(garbage)).toContain("cursor");
    const wrongShape = encodeCursor({ k: null, id: "not-a-uuid" });
    for (const path of ["/v1/applications", "/v1/services", "/v1/api-keys"]) {
      const res = await api.request(`${path}?cursor=${wrongShape}`, { cookie: mine.cookie });
      expectError(res, 422, "validation_failed");
      expect(fieldPaths(res)).toContain("cursor");
    }
    const limit = await api.request("/v1/applications?limit=1000", { cookie: mine.cookie });
    expectError(limit, 422, "validation_failed");
    expect(fieldPaths(limit)).toEqual(["query.limit"]);
  });

  it("refuses a bad queue cursor from staff (wrong key type) with 422", async () => {
    const reviewer = await api.staff("reviewer");
    const cursor = encodeCursor({ k: "yesterday", id: "0190a000-0000-7000-8000-000000000000" });
    const res = await api.request(`/v1/staff/applications?cursor=${cursor}`, { cookie: reviewer.cookie });
    expectError(res, 422, "validation_failed");
    expect(fieldPaths(res)).toContain("cursor");
    const uuidBad = encodeCursor({ k: new Date().toISOString(), id: "x" });
    expectError(await api.request(`/v1/staff/applications?cursor=${uuidBad}`, { cookie: reviewer.cookie }), 422);
    expectError(await api.request(`/v1/staff/audit-events?cursor=${uuidBad}`, { cookie: reviewer.cookie }), 422);
  });

  it("answers an unknown route with a 404 envelope and keeps a well-formed incoming request id", async () => {
    const { cookie } = await api.signUp();
    const res = await api.request("/v1/nothing-here", { cookie, headers: { "x-request-id": "trace-abc-12345" } });
    expectError(res, 404, "not_found");
    expect(res.body.error.request_id).toBe("trace-abc-12345");
    // A malformed one (here, with spaces) is replaced, never echoed.
    const odd = await api.request("/v1/nothing-here", { cookie, headers: { "x-request-id": "has spaces <script>" } });
    expect(expectError(odd, 404, "not_found").request_id).toMatch(/^req_[0-9a-f]{32}$/);
  });

  it("answers a known path with another method with 405, naming the methods it takes", async () => {
    const res = await unchanged(() =>
      api.request(`/v1/services/${other.serviceId}`, { cookie: mine.cookie, method: "PUT", body: { name: "x" } }),
    );
    expect(expectError(res, 405, "method_not_allowed").message).toMatch(/PUT is not allowed .* GET, PATCH/);
    expect(res.headers.get("allow")).toBe("GET, PATCH");
    const list = await api.request("/v1/applications", { cookie: mine.cookie, method: "DELETE" });
    expectError(list, 405, "method_not_allowed");
    expect(list.headers.get("allow")).toBe("GET, POST");
    // An unknown path stays a 404.
    expectError(await api.request("/v1/services/x/y/z", { cookie: mine.cookie, method: "PUT" }), 404, "not_found");
  });

  it("refuses a caller without credentials before looking at the body or the route", async () => {
    const before = await counts(api);
    // A bad body is not validated. The routes are public (/openapi.json): an unknown one is a 404 and
    // a method a path does not take a 405 for everyone (issue 29).
    expectError(await api.request("/v1/applications", { body: { nonsense: true } }), 401, "unauthenticated");
    expectError(await api.request("/v1/nothing-here"), 404, "not_found");
    expect(expectError(await api.request("/v1/catalog", { method: "PUT" }), 405).message).toMatch(/takes GET/);
    expectError(await api.request("/v1/staff/applications?limit=oops"), 401, "unauthenticated");
    // The public routes stay public.
    expect((await api.request("/v1/catalog")).status).toBe(200);
    expect((await api.request("/v1/application-forms/US")).status).toBe(200);
    expect((await api.request("/v1/session", { method: "DELETE" })).status).toBe(204);
    expect(await counts(api)).toEqual(before);
  });
});
