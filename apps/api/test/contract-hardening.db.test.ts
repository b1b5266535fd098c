import { testEngines } from "@shopreg/db/testing";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256 } from "../src/auth/secrets.ts";
import { startTestApi, TEST_PASSWORD, type TestApi } from "../src/testing.ts";
import { expectError, fieldPaths } from "./helpers.ts";

/** Issue 22's items on input and answers (3, 10, 11, 16, 19), each with the request that showed it. */
describe.each(testEngines())("input hardening on $engine", ({ engine }) => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi(engine);
  });
  afterAll(async () => api?.close());

  describe("item 19 and issue 29: every answer is declared; who may call is checked first", () => {
    it("declares 415, 401 and 422 where the server gives them", async () => {
      const doc = (await api.request("/openapi.json")).body;
      let withBody = 0;
      for (const [path, item] of Object.entries<Record<string, { requestBody?: unknown; responses: object }>>(doc.paths)) {
        for (const [method, op] of Object.entries(item)) {
          const declared = Object.keys(op.responses);
          expect(declared, `${method} ${path}`).toEqual(expect.arrayContaining(["401", "422", "429"]));
          if (op.requestBody) {
            withBody++;
            expect(declared, `${method} ${path}`).toEqual(expect.arrayContaining(["400", "413", "415"]));
          }
        }
      }
      expect(withBody).toBeGreaterThan(30);
      // What they are declared for:
      expectError(await api.request("/v1/session", { rawBody: "x", headers: { "content-type": "text/plain" } }), 415);
      expectError(await api.request("/v1/catalog", { headers: { authorization: "Basic abc" } }), 401);
      expectError(await api.request("/v1/catalog?a%00b=1"), 422);
    });

    it("refuses an unknown query parameter with a 422 naming it (after authentication)", async () => {
      const partner = await api.signUp();
      const res = await api.request("/v1/applications?limit=5&colour=blue", { cookie: partner.cookie });
      expectError(res, 422, "validation_failed");
      expect(fieldPaths(res)).toEqual(["query.colour"]);
      expect(res.body.error.details.fields[0].message).toMatch(/it takes limit, cursor/);
      expect((await api.request("/v1/applications?limit=5", { cookie: partner.cookie })).status).toBe(200);
      expectError(await api.request("/v1/catalog?x=1"), 422);
      expectError(await api.request("/v1/applications?colour=blue"), 401);
    });

    it("answers a request line over Node's limit in the error shape with an x-request-id", async () => {
      const res = await fetch(`${api.url}/v1/staff/referral-quality?partner_ids=${"a".repeat(17_000)}`);
      expect(res.status).toBe(431);
      const body = await res.json();
      expect(body.error.code).toBe("request_header_too_large");
      expect(body.error.request_id).toBe(res.headers.get("x-request-id"));
    });

    it("a 413 says the connection closes", async () => {
      const res = await fetch(`${api.url}/v1/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "x".repeat(70_000),
      });
      expect(res.status).toBe(413);
      expect(res.headers.get("connection")).toBe("close");
    });

    it("answers 401 without credentials before the Idempotency-Key or the query is looked at", async () => {
      const idem = await api.request("/v1/me/two-factor", { method: "POST", headers: { "idempotency-key": "é" } });
      expectError(idem, 401, "unauthenticated");
      expectError(await api.request("/v1/staff/analytics/funnel?tz=%00"), 401, "unauthenticated");
    });

    it("answers a method a path does not take with 405 and Allow, a static path before an id", async () => {
      for (const [method, path, allow] of [
        ["DELETE", "/v1/api-keys/current", "GET"],
        ["DELETE", "/v1/invitations/accept", "POST"],
        ["PUT", "/v1/catalog", "GET"],
      ] as const) {
        const res = await api.request(path, { method });
        expectError(res, 405, "method_not_allowed");
        expect(res.headers.get("allow")).toBe(allow);
      }
    });
  });

  describe("item 16: single-line fields", () => {
    it("refuse CR/LF, U+2028 and U+0085 in company and contact names with a 422 naming the field", async () => {
      const partner = await api.signUp();
      for (const [field, value] of [
        ["company_name", "Acme\r\nBcc: victim@example.com"],
        ["contact_name", "Jane\u2028Doe"],
        ["company_name", "Acme\u0085Ltd"],
      ] as const) {
        const res = await api.request("/v1/profile", { method: "PATCH", cookie: partner.cookie, body: { [field]: value } });
        expectError(res, 422, "validation_failed");
        expect(fieldPaths(res)).toEqual([field]);
      }
    });
  });

  describe("item 11: deeply nested JSON", () => {
    it("is a 422 naming the problem at any depth the body limit allows, never a 500", async () => {
      for (const depth of [6_175, 30_000]) {
        const rawBody = `{"email":${"[".repeat(depth)}${"]".repeat(depth)}}`;
        const res = await api.request("/v1/session", { rawBody });
        const error = expectError(res, 422, "validation_failed");
        expect(error.details.fields[0]).toMatchObject({ code: "too_deep" });
        expect(error.details.fields[0].message).toMatch(/deeper than 32/);
      }
    });

    it("still names a NUL at a reasonable depth", async () => {
      const res = await api.request("/v1/session", { rawBody: '{"email":[[["a\\u0000"]]],"password":"x"}' });
      expectError(res, 422, "validation_failed");
      expect(fieldPaths(res)).toEqual(["email.0.0.0"]);
    });
  });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(testEngines())("item 3: the per-account sign-in backoff is atomic on $engine", ({ engine }) => {
  for (const store of ["database", "memory"] as const) {
    it(`counts parallel wrong guesses before checking them (${store} store)`, async () => {
      const api = await startTestApi(engine, { loginAccountFreeFailures: 3, rateLimitStore: store });
      try {
        const victim = await api.signUp();
        const key = `login-account:${sha256(victim.email.toLowerCase())}`;
        const counter = async () =>
          store === "database"
            ? Number((await api.db.selectFrom("rate_limits").select("hits").where("key", "=", key).executeTakeFirst())?.hits)
            : undefined;
        const guesses = (n: number) =>
          Promise.all(
            Array.from({ length: n }, () =>
              api.request("/v1/session", { body: { email: victim.email, password: "wrong-guess" } }),
            ),
          );
        // From nothing: three free failures are evaluated, the other eleven wait.
        let answers = await guesses(14);
        expect(answers.filter((r) => r.status === 401)).toHaveLength(3);
        expect(answers.filter((r) => r.status === 429)).toHaveLength(11);
        if (store === "database") expect(await counter()).toBe(3);
        // After the wait, fourteen at once: one is evaluated and the counter moves by one.
        await sleep(1_100);
        answers = await guesses(14);
        expect(answers.filter((r) => r.status === 401)).toHaveLength(1);
        expect(answers.filter((r) => r.status === 429)).toHaveLength(13);
        if (store === "database") expect(await counter()).toBe(4);
        // A request that checks no password (422) is not counted; the right password after the wait resets it.
        await sleep(2_100);
        expect((await api.request("/v1/session", { body: { email: victim.email, password: 7 } })).status).toBe(422);
        if (store === "database") expect(await counter()).toBe(4);
        expect((await api.request("/v1/session", { body: { email: victim.email, password: TEST_PASSWORD } })).status).toBe(200);
        if (store === "database") expect(await counter()).toBeNaN();
      } finally {
        await api.close();
      }
    });
  }
});

describe.each(testEngines())("item 10: a password reset request answers before looking anything up on $engine", ({ engine }) => {
  it("answers 202 while the account's tables are locked, then issues the link once they are free", async () => {
    const api = await startTestApi(engine);
    try {
      const owner = await api.signUp();
      let release = () => {};
      const released = new Promise<void>((r) => {
        release = r;
      });
      let locked = () => {};
      const isLocked = new Promise<void>((r) => {
        locked = r;
      });
      // Holds the tables a reset writes (and, on PGlite, the only connection): a request that did the
      // work before answering would wait here.
      const holder = api.db.transaction().execute(async (trx) => {
        await sql`LOCK TABLE account_tokens, users IN ACCESS EXCLUSIVE MODE`.execute(trx);
        locked();
        await released;
      });
      await isLocked;
      const answer = await Promise.race([
        api.request("/v1/password-resets", { body: { email: owner.email } }),
        sleep(3_000).then(() => "still waiting" as const),
      ]);
      release();
      await holder;
      expect(answer === "still waiting" ? answer : answer.status).toBe(202);
      // The link is issued afterwards, off the request.
      let tokens = 0;
      for (let i = 0; i < 100 && tokens === 0; i++) {
        await sleep(50);
        const rows = await api.db
          .selectFrom("account_tokens")
          .select("user_id")
          .where("user_id", "=", owner.userId)
          .where("purpose", "=", "password_reset")
          .execute();
        tokens = rows.length;
      }
      expect(tokens).toBe(1);
    } finally {
      await api.close();
    }
  });
});
