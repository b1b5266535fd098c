import { testEngines } from "@shopreg/db/testing";
import { actionPath, ERROR_WORDS, interpolate, REVIEW_ACTIONS, REVIEW_DECISIONS, reviewRows } from "@shopreg/domain";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, TEST_PASSWORD, type TestApi } from "../src/testing.ts";
import { expectError } from "./helpers.ts";
import { startSmtp, until } from "./webhook-kit.ts";

const ZH = { "accept-language": "zh-CN,zh;q=0.9,en;q=0.8" };
const HAN = /\p{Script=Han}/u;
const cookieOf = (setCookie: string | null) => setCookie?.split(";")[0] ?? "";

/** Issue 23: errors carry a specific code from the catalogue, and their message follows Accept-Language. */
describe.each(testEngines())("the catalogue at the API on $engine", ({ engine }) => {
  let api: TestApi;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    smtp = await startSmtp();
    api = await startTestApi(engine, { smtpUrl: smtp.url });
    await api.startWorker();
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  async function joinAs(ownerCookie: string, role: string) {
    const who = `${role}-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const inv = await api.request("/v1/invitations", { cookie: ownerCookie, body: { email: who, role } });
    expect(inv.status, JSON.stringify(inv.body)).toBe(201);
    const to = (m: ParsedMail) => (m.to as { text: string }).text === who;
    await until(() => smtp.mails.some(to), 10_000, `invitation mail to ${who}`);
    const token = /accept-invitation\?token=([A-Za-z0-9_-]+)/.exec(smtp.mails.find(to)?.text ?? "")?.[1] ?? "";
    const accepted = await api.request("/v1/invitations/accept", {
      body: { token: decodeURIComponent(token), name: `The ${role}`, password: TEST_PASSWORD },
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    return cookieOf(accepted.setCookie);
  }

  it("scope_required names the scope, in Chinese for zh-CN and in English by default", async () => {
    const owner = await api.signUp();
    const developer = await joinAs(owner.cookie, "developer");
    const path = "/v1/analytics/summary?from=2026-11-01T00:00:00.000Z&to=2026-11-08T00:00:00.000Z";
    const zh = expectError(await api.request(path, { cookie: developer, headers: ZH }), 403, "scope_required");
    expect(zh.message).toBe(interpolate(ERROR_WORDS.scope_required.zh, { scope: "analytics:read" }));
    expect(zh.message).toContain("analytics:read");
    expect(zh.message).toMatch(HAN);
    expect(zh.details).toMatchObject({ required_scope: "analytics:read", params: { scope: "analytics:read" } });
    const profile = await api.request("/v1/profile", {
      method: "PATCH",
      cookie: developer,
      headers: ZH,
      body: { contact_name: "Dev" },
    });
    expect(expectError(profile, 403, "scope_required").message).toBe(
      interpolate(ERROR_WORDS.scope_required.zh, { scope: "profile:write" }),
    );
    const en = expectError(await api.request(path, { cookie: developer }), 403, "scope_required");
    expect(en.message).toContain('"analytics:read"');
    expect(en.message).not.toMatch(HAN);
  });

  it("last_owner: the sole owner leaving is told why in their language", async () => {
    const owner = await api.signUp();
    const userId = owner.userId;
    const leave = await api.request(`/v1/members/${userId}`, { method: "DELETE", cookie: owner.cookie, headers: ZH });
    const zh = expectError(leave, 409, "last_owner");
    expect(zh.message).toBe(ERROR_WORDS.last_owner.zh);
    expect(leave.headers.get("content-language")).toBe("zh-CN");
    const en = expectError(await api.request(`/v1/members/${userId}`, { method: "DELETE", cookie: owner.cookie }), 409);
    expect(en.code).toBe("last_owner");
    expect(en.message).toBe(ERROR_WORDS.last_owner.en);
  });

  it("field errors carry a code per rule, and no validator English reaches a zh-CN caller", async () => {
    const owner = await api.signUp();
    const res = await api.request("/v1/applications", {
      cookie: owner.cookie,
      headers: ZH,
      body: { target_market: 7, extra: 1 },
    });
    const error = expectError(res, 422, "validation_failed");
    expect(error.message).toBe(ERROR_WORDS.validation_failed.zh);
    const byPath = Object.fromEntries(error.details.fields.map((f: { path: string }) => [f.path, f]));
    expect(byPath.category_id).toMatchObject({ code: "field_required", message: ERROR_WORDS.field_required.zh });
    expect(byPath.target_market).toMatchObject({ code: "field_invalid_type" });
    expect(byPath.extra).toMatchObject({ code: "field_unknown", params: { key: "extra" } });
    for (const f of error.details.fields) {
      expect(f.message).toMatch(HAN);
      expect(f.message).not.toMatch(/Invalid input|expected|received/);
    }
    const en = expectError(
      await api.request("/v1/applications", { cookie: owner.cookie, body: { target_market: "US" } }),
      422,
      "validation_failed",
    );
    expect(en.details.fields[0]).toMatchObject({ path: "category_id", code: "field_required" });
  });

  it("every staff decision of the machine is an operation with the rows' roles, body and id (the document is derived)", async () => {
    const doc = (await api.request("/openapi.json")).body;
    for (const action of REVIEW_ACTIONS) {
      const op = doc.paths[`/v1/staff/applications/{id}/${actionPath(action)}`]?.post;
      expect(op, action).toBeDefined();
      expect(op.operationId).toBe(REVIEW_DECISIONS[action].operationId);
      const roles = [...new Set(reviewRows(action).flatMap((r) => r.actors))].filter((a) => a !== "partner");
      expect(op.security).toEqual([{ staffSession: roles }]);
      expect(Boolean(op.requestBody), action).toBe(reviewRows(action).some((r) => r.reasonRequired));
    }
  });

  it("answers made outside the use cases (idempotency, signatures, origin) are words of the catalogue too", async () => {
    const owner = await api.signUp();
    const headers = { ...ZH, "idempotency-key": "catalogue-zh-1" };
    const body = { category_id: "shop_registration", target_market: "US" };
    const first = await api.request("/v1/applications", { cookie: owner.cookie, body, headers });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    // The same key with another body is refused as a reuse, in the caller's language.
    const reuse = await api.request("/v1/applications", {
      cookie: owner.cookie,
      body: { ...body, target_market: "GB" },
      headers,
    });
    const err = expectError(reuse, 409, "idempotency_key_reused");
    expect(err.message).toBe(ERROR_WORDS.idempotency_key_reused.zh);
    expect(err.message).toMatch(HAN);
  });
});
