import { deleteOtherSessionsOfUser } from "@shopreg/db";
import { testEngines } from "@shopreg/db/testing";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIGNATURE_HEADER, signConversion, TIMESTAMP_HEADER } from "../src/auth/signatures.ts";
import { startTestApi, TEST_PASSWORD, type TestApi } from "../src/testing.ts";
import { counts, draftApplication, expectError, submittedApplication } from "./helpers.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every row of every table of the database, all columns as text. */
async function dumpDatabase(api: TestApi): Promise<string> {
  const tables = await sql<{ schema: string; name: string }>`
    SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
    WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'`.execute(api.db);
  expect(tables.rows.length).toBeGreaterThan(5);
  let out = "";
  for (const t of tables.rows) {
    const rows = await sql<{
      row: string;
    }>`SELECT row_to_json(x)::text AS row FROM ${sql.table(`${t.schema}.${t.name}`)} x`.execute(api.db);
    for (const r of rows.rows) out += `${t.name} ${r.row}\n`;
  }
  return out;
}

/** Issue 11: the holes a review found, each with the request that showed it. */
describe.each(testEngines())("hardening on $engine", ({ engine }) => {
  let api: TestApi;
  let reviewer: { cookie: string };

  beforeAll(async () => {
    api = await startTestApi(engine);
    reviewer = await api.staff("reviewer");
  });
  afterAll(async () => api?.close());

  describe("defect 3: no secret in clear anywhere", () => {
    it("creating API keys with an Idempotency-Key (as the portal does) leaves no secret in any table", async () => {
      const partner = await api.signUp();
      const secrets: string[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await api.request("/v1/api-keys", {
          cookie: partner.cookie,
          body: { name: `key ${i}` },
          headers: { "idempotency-key": `portal-key-${i}` },
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        secrets.push(res.body.secret);
      }
      // A retry with the key neither makes a second key nor hands back a stored secret.
      const retry = await api.request("/v1/api-keys", {
        cookie: partner.cookie,
        body: { name: "key 0" },
        headers: { "idempotency-key": "portal-key-0" },
      });
      const error = expectError(retry, 409, "idempotency_secret_not_replayed");
      expect(JSON.stringify(retry.body)).not.toContain(secrets[0]);
      expect(error.details.first_response.name).toBe("key 0");
      const keys = await api.request("/v1/api-keys", { cookie: partner.cookie });
      expect(keys.body.data).toHaveLength(3);

      const dump = await dumpDatabase(api);
      expect(dump).toContain("portal-key-0"); // the dump does see the idempotency table
      for (const secret of secrets) {
        expect(dump).not.toContain(secret);
        expect(dump).not.toContain(secret.slice(-32));
      }
    });
  });

  describe("defect 4: conversions check their signature before idempotency", () => {
    const event = () => ({
      event_id: `evt_${Math.random().toString(36).slice(2)}`,
      event_type: "seller.registered",
      occurred_at: new Date().toISOString(),
      seller_id: `seller_${Math.random().toString(36).slice(2)}`,
      seller_type: "LOCAL_SELLER",
    });

    it("an unsigned request with an Idempotency-Key claims nothing: Seller Center's signed event with that key is recorded", async () => {
      const e = event();
      const raw = JSON.stringify(e);
      const unsigned = await api.request("/v1/conversions", { rawBody: raw, headers: { "idempotency-key": "evt-key-1" } });
      expectError(unsigned, 401);
      const again = await api.request("/v1/conversions", { rawBody: raw, headers: { "idempotency-key": "evt-key-1" } });
      expect(again.headers.get("idempotent-replayed")).toBeNull();
      const ts = Math.floor(Date.now() / 1000);
      const signed = await api.request("/v1/conversions", {
        rawBody: raw,
        headers: {
          "idempotency-key": "evt-key-1",
          [TIMESTAMP_HEADER]: String(ts),
          [SIGNATURE_HEADER]: signConversion(api.services.config.conversionsSecret, ts, raw),
        },
      });
      expect(signed.status, JSON.stringify(signed.body)).toBe(201);
    });

    it("anonymous callers share no idempotency scope: two sign-ups with one key are two sign-ups", async () => {
      const body = (n: string) => ({
        company_name: `Anon ${n}`,
        registration_region: "US",
        company_registration_region: "US",
        contact_name: "A",
        contact_email: `anon-${n}-${Math.random().toString(36).slice(2)}@example.com`,
        password: TEST_PASSWORD,
      });
      const a = await api.request("/v1/partners", { body: body("a"), headers: { "idempotency-key": "shared-anon" } });
      const b = await api.request("/v1/partners", { body: body("b"), headers: { "idempotency-key": "shared-anon" } });
      expect(a.status).toBe(202);
      expect(b.status, JSON.stringify(b.body)).toBe(202);
      expect(b.body.email).not.toBe(a.body.email);
      const made = await api.db.selectFrom("users").select("email").where("email", "in", [a.body.email, b.body.email]).execute();
      expect(made).toHaveLength(2);
    });

    it("401 and 403 answers are never stored", async () => {
      const analyst = await api.staff("analyst");
      const partner = await api.signUp();
      const id = await submittedApplication(api, partner);
      const forbidden = await api.request(`/v1/staff/applications/${id}/approve`, {
        method: "POST",
        cookie: analyst.cookie,
        headers: { "idempotency-key": "analyst-approve" },
      });
      expectError(forbidden, 403);
      const stored = await api.db
        .selectFrom("idempotency_keys")
        .select("status_code")
        .where("status_code", "in", [401, 403])
        .execute();
      expect(stored).toEqual([]);
      expect(await api.db.selectFrom("idempotency_keys").selectAll().where("key", "=", "analyst-approve").execute()).toEqual([]);
    });
  });

  describe("defect 6: CSRF", () => {
    it("refuses unsafe requests with a session cookie from another origin, body-less or not, and changes nothing", async () => {
      const partner = await api.signUp();
      const draft = await draftApplication(api, partner);
      const before = await counts(api);
      const evil = await api.request(`/v1/applications/${draft}/submit`, {
        method: "POST",
        cookie: partner.cookie,
        headers: { origin: "http://evil.example", "content-type": "text/plain" },
      });
      expectError(evil, 403, "cross_origin_request");
      const crossSite = await api.request("/v1/applications", {
        cookie: partner.cookie,
        body: { category_id: "shop_registration", target_market: "US" },
        headers: { "sec-fetch-site": "cross-site" },
      });
      expectError(crossSite, 403, "cross_origin_request");
      const nullOrigin = await api.request(`/v1/applications/${draft}/submit`, {
        method: "POST",
        cookie: partner.cookie,
        headers: { origin: "null" },
      });
      expectError(nullOrigin, 403, "cross_origin_request");
      expect(await counts(api)).toEqual(before);
      const applicant = await api.signUp();
      const submitted = await submittedApplication(api, applicant);
      const staffEvil = await api.request(`/v1/staff/applications/${submitted}/approve`, {
        method: "POST",
        cookie: reviewer.cookie,
        headers: { origin: "https://evil.example" },
      });
      expectError(staffEvil, 403, "cross_origin_request");
      const app = await api.request(`/v1/applications/${submitted}`, { cookie: applicant.cookie });
      expect(app.body.status).toBe("REVIEWING");
    });

    it("the web apps' origins, the API's own origin, and calls without Origin (tools) pass", async () => {
      const partner = await api.signUp();
      for (const origin of ["http://localhost:4200", "http://localhost:4300", api.url]) {
        const ok = await api.request("/v1/applications", {
          cookie: partner.cookie,
          body: { category_id: "shop_registration", target_market: "US" },
          headers: { origin, "sec-fetch-site": "same-origin" },
        });
        expect(ok.status, `${origin}: ${JSON.stringify(ok.body)}`).not.toBe(403);
      }
      const noOrigin = await api.request("/v1/profile", { method: "PATCH", cookie: partner.cookie, body: { contact_name: "X" } });
      expect(noOrigin.status).toBe(200);
    });

    it("bearer-key calls are unaffected (no cookie is sent cross-origin, and keys are not ambient)", async () => {
      const partner = await api.signUp();
      const key = await api.request("/v1/api-keys", { cookie: partner.cookie, body: { name: "ci" } });
      const res = await api.request("/v1/applications", {
        token: key.body.secret,
        body: { category_id: "shop_registration", target_market: "US" },
        headers: { origin: "https://some-tool.example" },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    });
  });

  describe("defect 8: sessions", () => {
    it("a session kept alive by activity still ends at its absolute lifetime", async () => {
      const partner = await api.signUp();
      const realClock = api.services.clock;
      const start = Date.now();
      try {
        const HOUR = 3_600_000;
        let hours = 0;
        for (; hours <= 8 * 24; hours += 6) {
          api.services.clock = () => new Date(start + hours * HOUR);
          const res = await api.request("/v1/profile", { cookie: partner.cookie });
          if (res.status !== 200) break;
        }
        // Sliding every six hours would keep it forever; the absolute lifetime (7 days) ends it.
        expect(hours).toBeGreaterThanOrEqual(6 * 24);
        expect(hours).toBeLessThanOrEqual(7 * 24);
      } finally {
        api.services.clock = realClock;
      }
    });

    it("deleteOtherSessionsOfUser ends every session of the user but the one kept", async () => {
      const partner = await api.signUp();
      const login = () => api.request("/v1/session", { body: { email: partner.email, password: TEST_PASSWORD } });
      const second = (await login()).setCookie?.split(";")[0] as string;
      const third = (await login()).setCookie?.split(";")[0] as string;
      const other = await api.signUp();
      const me = await api.request("/v1/session", { cookie: partner.cookie });
      expect(me.status).toBe(200);
      const sessions = await api.db.selectFrom("sessions").select("id").where("user_id", "=", partner.userId).execute();
      expect(sessions).toHaveLength(3);
      const { sha256 } = await import("../src/auth/secrets.ts");
      const keep = sha256(partner.cookie.split("=")[1] as string);
      const ended = await deleteOtherSessionsOfUser(api.db, partner.userId, keep);
      expect(ended).toBe(2);
      expect((await api.request("/v1/profile", { cookie: partner.cookie })).status).toBe(200);
      expect((await api.request("/v1/profile", { cookie: second })).status).toBe(401);
      expect((await api.request("/v1/profile", { cookie: third })).status).toBe(401);
      expect((await api.request("/v1/profile", { cookie: other.cookie })).status).toBe(200);
    });
  });
});

/** Defect 5: rate limits keyed by the real client address, per account with backoff, and on sign-up. */
describe.each(testEngines())("rate limits by client and account on $engine", ({ engine }) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(engine, { loginRateLimitPerMinute: 3, clientIpHeader: "x-forwarded-for" });
  });
  afterAll(async () => api?.close());

  it("behind a trusted proxy header, one client's bad sign-ins do not lock out another's", async () => {
    const partner = await api.signUp({}).catch(() => undefined);
    const email = partner?.email ?? "nobody@example.com";
    const from = (ip: string, password = "wrong-password") =>
      api.request("/v1/session", { body: { email, password }, headers: { "x-forwarded-for": `203.0.113.9, ${ip}` } });
    for (let i = 0; i < 3; i++) expectError(await from("10.0.0.1"), 401);
    expectError(await from("10.0.0.1"), 429, "rate_limited");
    const other = await from("10.0.0.2", TEST_PASSWORD);
    expect(other.status, JSON.stringify(other.body)).toBe(200);
  });

  it("sign-up is limited per address like sign-in", async () => {
    const signUp = (n: number) =>
      api.request("/v1/partners", {
        headers: { "x-forwarded-for": "10.9.9.9" },
        body: {
          company_name: `Limited ${n}`,
          registration_region: "US",
          company_registration_region: "US",
          contact_name: "L",
          contact_email: `limited-${n}-${Math.random().toString(36).slice(2)}@example.com`,
          password: TEST_PASSWORD,
        },
      });
    for (let i = 0; i < 3; i++) expect((await signUp(i)).status).toBe(202);
    expectError(await signUp(3), 429, "rate_limited");
  });
});

describe.each(testEngines())("per-account sign-in backoff on $engine", ({ engine }) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(engine, { loginAccountFreeFailures: 3, clientIpHeader: "x-forwarded-for" });
  });
  afterAll(async () => api?.close());

  it("after the free failures each attempt on the account waits, doubling; other accounts and a later right password are fine", async () => {
    const victim = await api.signUp();
    const bystander = await api.signUp();
    let n = 0;
    const attempt = (email: string, password = "wrong-password") =>
      api.request("/v1/session", { body: { email, password }, headers: { "x-forwarded-for": `10.1.0.${++n}` } });
    for (let i = 0; i < 3; i++) expectError(await attempt(victim.email), 401);
    const blocked = await attempt(victim.email, TEST_PASSWORD);
    expectError(blocked, 429, "rate_limited");
    expect(blocked.headers.get("retry-after")).toBe("1");
    expect(blocked.setCookie).toBeNull();
    expect((await attempt(bystander.email, TEST_PASSWORD)).status).toBe(200);
    // The e-mail is matched as the sign-in matches it.
    expectError(await attempt(victim.email.toUpperCase(), TEST_PASSWORD), 429, "rate_limited");
    await sleep(1100);
    expectError(await attempt(victim.email), 401);
    const longer = await attempt(victim.email, TEST_PASSWORD);
    expectError(longer, 429, "rate_limited");
    expect(longer.headers.get("retry-after")).toBe("2");
    await sleep(2100);
    expect((await attempt(victim.email, TEST_PASSWORD)).status).toBe(200);
    // A successful sign-in starts the count again.
    expectError(await attempt(victim.email), 401);
    expectError(await attempt(victim.email), 401);
  });
});
