import { createHash } from "node:crypto";
import { insertAuditEvent, newId } from "@shopreg/db";
import { testEngines } from "@shopreg/db/testing";
import { sql } from "kysely";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backfillMakers } from "../../../packages/db/src/migrations/2026_12_07_0013_credential_makers.ts";
import { startTestApi, TEST_PASSWORD, type TestApi, totpCode } from "../src/testing.ts";
import { auditOf, draftApplication, expectError, type Partner } from "./helpers.ts";
import { startSmtp, until } from "./webhook-kit.ts";

const cookieOf = (setCookie: string | null) => setCookie?.split(";")[0] ?? "";
const NEW_PASSWORD = "a-brand-new-passphrase";
const KEY_SCOPES = ["api_keys:read", "api_keys:write", "webhooks:read", "webhooks:write", "services:read", "members:read"];

/** Issue 22, access: credentials end with the grant behind them (docs/teams-and-account-security.md). */
describe.each(testEngines())("access that ends when it should on $engine", ({ engine }) => {
  let api: TestApi;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let n = 0;

  const mailsTo = (address: string) => smtp.mails.filter((m) => (m.to as { text: string }).text === address.toLowerCase());
  const mailTo = async (address: string, subject: RegExp, nth = 1) => {
    const matching = () => mailsTo(address).filter((m) => subject.test(m.subject ?? ""));
    await until(() => matching().length >= nth, 10_000, `mail ${nth} "${subject}" to ${address}`);
    return matching()[nth - 1] as ParsedMail;
  };
  const tokenIn = (mail: ParsedMail, page: string) => {
    const link = new RegExp(`https?://\\S+/${page}\\?token=([A-Za-z0-9_%-]+)`).exec(mail.text ?? "");
    if (!link?.[1]) throw new Error(`no ${page} link in: ${mail.text}`);
    return decodeURIComponent(link[1]);
  };
  const email = (who: string) => `${who}${++n}-${Math.random().toString(36).slice(2, 7)}@example.com`;
  const logIn = (address: string, password = TEST_PASSWORD) => api.request("/v1/session", { body: { email: address, password } });

  beforeAll(async () => {
    smtp = await startSmtp();
    api = await startTestApi(engine, {
      smtpUrl: smtp.url,
      partnerPublicUrl: "http://portal.test",
      webhookAllowPrivateUrls: true,
    });
    await api.startWorker();
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  async function join(owner: { cookie: string }, role: string, who = email(role)) {
    const inv = await api.request("/v1/invitations", { cookie: owner.cookie, body: { email: who, role } });
    expect(inv.status, JSON.stringify(inv.body)).toBe(201);
    const token = tokenIn(await mailTo(who, /invited/), "accept-invitation");
    const accepted = await api.request("/v1/invitations/accept", {
      body: { token, name: `The ${role}`, password: TEST_PASSWORD },
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    return { cookie: cookieOf(accepted.setCookie), userId: accepted.body.user.id as string, email: who };
  }
  const mintKey = async (auth: { cookie?: string; token?: string }, scopes = KEY_SCOPES) => {
    const res = await api.request("/v1/api-keys", { ...auth, body: { name: "k", scopes } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return { id: res.body.id as string, secret: res.body.secret as string };
  };
  const endpoint = async (auth: { cookie?: string; token?: string }) => {
    const res = await api.request("/v1/webhook-endpoints", {
      ...auth,
      body: { url: "http://127.0.0.1:9/hook", event_types: ["webhook_endpoint.disabled"] },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  const endpointRow = (id: string) =>
    api.db.selectFrom("webhook_endpoints").select(["enabled", "deleted_at"]).where("id", "=", id).executeTakeFirstOrThrow();

  it("item 1: a key minted by a key has the human maker; a key acts with at most its maker's current role", async () => {
    const owner = await api.signUp();
    const dev = await join(owner, "developer");
    const k1 = await mintKey({ cookie: dev.cookie });
    const k2 = await mintKey({ token: k1.secret });
    const row = await api.db.selectFrom("api_keys").select("created_by").where("id", "=", k2.id).executeTakeFirstOrThrow();
    expect(row.created_by).toBe(dev.userId);

    expect((await api.request("/v1/webhook-endpoints", { token: k1.secret })).status).toBe(200);
    const demoted = await api.request(`/v1/members/${dev.userId}`, {
      method: "PATCH",
      cookie: owner.cookie,
      body: { role: "analyst" },
    });
    expect(demoted.status).toBe(200);
    // The analyst's key can no longer manage webhooks, keys or read members.
    expectError(
      await api.request("/v1/webhook-endpoints", { token: k1.secret, body: { url: "http://127.0.0.1:9/x" } }),
      403,
      "api_key_scope_required",
    );
    expectError(await api.request("/v1/members", { token: k2.secret }), 403, "api_key_scope_required");
    expect((await api.request("/v1/api-keys/current", { token: k1.secret })).body.scopes).toEqual([]);
    expectError(await api.request("/v1/api-keys", { token: k2.secret, body: { name: "k3", scopes: ["members:read"] } }), 403);
    // Promoted back, the key's own scopes apply again.
    await api.request(`/v1/members/${dev.userId}`, { method: "PATCH", cookie: owner.cookie, body: { role: "developer" } });
    expect((await api.request("/v1/members", { token: k2.secret })).status).toBe(200);

    // Removed: both keys stop, and so does everything the member made.
    const hook = await endpoint({ token: k2.secret });
    expect((await api.request(`/v1/members/${dev.userId}`, { method: "DELETE", cookie: owner.cookie })).status).toBe(204);
    expectError(await api.request("/v1/members", { token: k2.secret }), 401);
    expectError(await api.request("/v1/api-keys/current", { token: k1.secret }), 401);
    expect((await endpointRow(hook)).enabled).toBe(false);
  });

  it("item 1: a removed admin's open invitation can no longer be accepted; a disabled maker's keys stop", async () => {
    const owner = await api.signUp();
    const admin = await join(owner, "admin");
    const who = email("late");
    expect((await api.request("/v1/invitations", { cookie: admin.cookie, body: { email: who, role: "admin" } })).status).toBe(
      201,
    );
    const token = tokenIn(await mailTo(who, /invited/), "accept-invitation");
    expect((await api.request(`/v1/members/${admin.userId}`, { method: "DELETE", cookie: owner.cookie })).status).toBe(204);
    const accepted = await api.request("/v1/invitations/accept", { body: { token, name: "Late", password: TEST_PASSWORD } });
    expect(accepted.status).toBe(409);
    expect(accepted.body.error.details).toEqual({ reason: "revoked" });

    const dev = await join(owner, "developer");
    const key = await mintKey({ cookie: dev.cookie });
    const staffAdmin = await api.staff("admin");
    const off = await api.request(`/v1/staff/partners/${owner.partnerId}/members/${dev.userId}/disable`, {
      method: "POST",
      cookie: staffAdmin.cookie,
    });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expectError(await api.request("/v1/api-keys/current", { token: key.secret }), 401);
  });

  // Not on Citus: migration 0013's backfill updates reference tables (the keys' and endpoints' makers)
  // from a join with audit_events, which stays on the coordinator, and Citus refuses that; it runs
  // once, and distribution (issue 25) came after 0013, so no distributed database ever runs it.
  const offCitus = engine === "citus" ? it.skip : it;
  offCitus("item 1: the migration gives old keys minted by keys their human maker, and revokes keys with none", async () => {
    const owner = await api.signUp();
    const co = await join(owner, "owner");
    const now = new Date();
    const key = (id: string, createdBy: string | null) =>
      api.db
        .insertInto("api_keys")
        .values({
          id,
          partner_id: owner.partnerId,
          name: "legacy",
          prefix: `sr_live_${id.slice(-8)}`,
          secret_hash: `hash-${id}`,
          scopes: ["services:read"],
          created_by: createdBy,
          created_at: now,
        })
        .execute();
    const createdBy = (actor: { type: "user" | "api_key"; id: string }, entity: "api_key" | "webhook_endpoint", id: string) =>
      insertAuditEvent(api.db, {
        id: newId(),
        occurred_at: now,
        actor_type: actor.type,
        actor_id: actor.id,
        partner_id: owner.partnerId,
        entity_type: entity,
        entity_id: id,
        action: "create",
      });
    // Rows as they were before the migration: keys minted by keys had no maker.
    await sql`ALTER TABLE api_keys DROP CONSTRAINT api_keys_have_maker`.execute(api.db);
    try {
      const [k1, k2, k3, orphan] = [newId(), newId(), newId(), newId()];
      await key(k1, co.userId);
      await key(k2, null);
      await createdBy({ type: "api_key", id: k1 }, "api_key", k2);
      await key(k3, null);
      await createdBy({ type: "api_key", id: k2 }, "api_key", k3);
      await key(orphan, null);
      const hook = await endpoint({ cookie: owner.cookie });
      const unknownHook = await endpoint({ cookie: co.cookie });
      await api.db.updateTable("webhook_endpoints").set({ created_by: null }).where("id", "in", [hook, unknownHook]).execute();
      await api.db.deleteFrom("audit_events").where("entity_id", "in", [hook, unknownHook]).execute();
      await createdBy({ type: "api_key", id: k3 }, "webhook_endpoint", hook);

      await backfillMakers(api.db as never);
      const keys = await api.db
        .selectFrom("api_keys")
        .select(["id", "created_by", "revoked_at"])
        .where("id", "in", [k2, k3, orphan])
        .execute();
      const byId = new Map(keys.map((k) => [k.id, k]));
      expect(byId.get(k2)).toMatchObject({ created_by: co.userId, revoked_at: null });
      expect(byId.get(k3)).toMatchObject({ created_by: co.userId, revoked_at: null });
      expect(byId.get(orphan)?.created_by).toBeNull();
      expect(byId.get(orphan)?.revoked_at).not.toBeNull();
      const hooks = await api.db
        .selectFrom("webhook_endpoints")
        .select(["id", "created_by"])
        .where("id", "in", [hook, unknownHook])
        .execute();
      // From the audit trail (through the chain of keys), else the account's first owner.
      expect(Object.fromEntries(hooks.map((h) => [h.id, h.created_by]))).toEqual({
        [hook]: co.userId,
        [unknownHook]: owner.userId,
      });
    } finally {
      await sql`ALTER TABLE api_keys ADD CONSTRAINT api_keys_have_maker CHECK (created_by IS NOT NULL OR revoked_at IS NOT NULL)`.execute(
        api.db,
      );
    }
  });

  it("item 1: an unverified maker's key cannot submit an application", async () => {
    const owner = await api.signUp();
    const key = await mintKey({ cookie: owner.cookie }, ["applications:read", "applications:write", "api_keys:write"]);
    const child = await mintKey({ token: key.secret }, ["applications:read", "applications:write"]);
    const id = await draftApplication(api, owner as Partner);
    await api.db.updateTable("users").set({ email_verified_at: null }).where("id", "=", owner.userId).execute();
    expectError(
      await api.request(`/v1/applications/${id}/submit`, { method: "POST", token: child.secret }),
      403,
      "email_not_verified",
    );
  });

  it("item 2: an unverified account prepares but mints no key, creates no webhook and invites nobody", async () => {
    const owner = await api.signUp({ verified: false });
    expect(
      (await api.request("/v1/profile", { method: "PATCH", cookie: owner.cookie, body: { contact_name: "Me" } })).status,
    ).toBe(200);
    await draftApplication(api, owner as Partner);
    for (const [path, body] of [
      ["/v1/api-keys", { name: "k" }],
      ["/v1/webhook-endpoints", { url: "http://127.0.0.1:9/x" }],
      ["/v1/invitations", { email: email("x"), role: "owner" }],
    ] as const) {
      const res = await api.request(path, { cookie: owner.cookie, body });
      expect(expectError(res, 403, "email_not_verified").details).toEqual({ resend: "/v1/me/email-verification" });
    }
  });

  it("item 2: the first reset of an unverified account removes what that account made", async () => {
    const squatter = await api.signUp({ verified: false });
    // Made before the rule above (as accounts before this change could): verified for a moment, then not.
    await api.db.updateTable("users").set({ email_verified_at: new Date() }).where("id", "=", squatter.userId).execute();
    const key = await mintKey({ cookie: squatter.cookie });
    const hook = await endpoint({ cookie: squatter.cookie });
    const accomplice = await join(squatter, "owner");
    const pending = email("pending");
    const inv = await api.request("/v1/invitations", { cookie: squatter.cookie, body: { email: pending, role: "admin" } });
    await api.db.updateTable("users").set({ email_verified_at: null }).where("id", "=", squatter.userId).execute();

    // The address's real owner resets the password from the mail.
    await api.request("/v1/password-resets", { body: { email: squatter.email } });
    const token = tokenIn(await mailTo(squatter.email, /Reset your shopreg password/), "reset-password");
    expect((await api.request("/v1/password-resets/confirm", { body: { token, password: NEW_PASSWORD } })).status).toBe(204);

    expectError(await api.request("/v1/api-keys/current", { token: key.secret }), 401);
    expect((await endpointRow(hook)).deleted_at).not.toBeNull();
    const invRow = await api.db
      .selectFrom("invitations")
      .select("revoked_at")
      .where("id", "=", inv.body.id)
      .executeTakeFirstOrThrow();
    expect(invRow.revoked_at).not.toBeNull();
    const acc = await api.db
      .selectFrom("users")
      .select("partner_id")
      .where("id", "=", accomplice.userId)
      .executeTakeFirstOrThrow();
    expect(acc.partner_id).toBeNull();
    expectError(await api.request("/v1/session", { cookie: accomplice.cookie }), 401);
    const members = await api.request("/v1/members", { cookie: cookieOf((await logIn(squatter.email, NEW_PASSWORD)).setCookie) });
    expect(members.body.data.map((m: { id: string }) => m.id)).toEqual([squatter.userId]);
    expect((await auditOf(api, squatter.userId)).map((a) => a.action)).toContain("reset_password");
  });

  it("item 4: an invitation is sent at most 5 times; open invitations per partner are capped", async () => {
    const owner = await api.signUp();
    const inv = await api.request("/v1/invitations", { cookie: owner.cookie, body: { email: email("r"), role: "analyst" } });
    for (let i = 0; i < 4; i++) {
      expect((await api.request(`/v1/invitations/${inv.body.id}/resend`, { method: "POST", cookie: owner.cookie })).status).toBe(
        200,
      );
    }
    const sixth = await api.request(`/v1/invitations/${inv.body.id}/resend`, { method: "POST", cookie: owner.cookie });
    expect(expectError(sixth, 409, "invitation_resend_limit").details).toMatchObject({ reason: "resend_limit" });

    const other = await api.signUp();
    for (let i = 0; i < 50; i++) {
      const res = await api.request("/v1/invitations", { cookie: other.cookie, body: { email: email("cap"), role: "analyst" } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const over = await api.request("/v1/invitations", { cookie: other.cookie, body: { email: email("cap"), role: "analyst" } });
    expect(expectError(over, 409, "too_many_open_invitations").details).toMatchObject({
      reason: "too_many_open_invitations",
      limit: 50,
    });
  });

  it("item 6 and 18: two-factor changes need the current password, are mailed and audited; failures are counted", async () => {
    const owner = await api.signUp({ locale: "zh-CN" });
    const start = await api.request("/v1/me/two-factor", { method: "POST", cookie: owner.cookie });
    expect(start.status).toBe(201);
    expect((await auditOf(api, owner.userId)).map((a) => a.action)).toContain("start_two_factor");
    const code = totpCode(start.body.secret);
    expect(
      expectError(await api.request("/v1/me/two-factor/confirm", { cookie: owner.cookie, body: { code } }), 422).details.fields[0]
        .path,
    ).toBe("password");
    expectError(
      await api.request("/v1/me/two-factor/confirm", { cookie: owner.cookie, body: { code, password: "wrong-password" } }),
      422,
    );
    const on = await api.request("/v1/me/two-factor/confirm", { cookie: owner.cookie, body: { code, password: TEST_PASSWORD } });
    expect(on.status, JSON.stringify(on.body)).toBe(200);
    const mail = await mailTo(owner.email, /已开启双重验证/);
    expect(mail.text).toContain("双重验证");

    const regen = (password: string) =>
      api.request("/v1/me/two-factor/recovery-codes", {
        cookie: owner.cookie,
        body: { code: totpCode(start.body.secret, 1), password },
      });
    expectError(await regen("wrong-password"), 422);
    const fresh = await regen(TEST_PASSWORD);
    expect(fresh.status, JSON.stringify(fresh.body)).toBe(200);
    await mailTo(owner.email, /新的恢复码/);

    // Wrong passwords on these checks are counted per user: the fifth failure in a row locks them for a while.
    for (let i = 0; i < 3; i++) expectError(await regen("wrong-password"), 422);
    expectError(await regen("wrong-password"), 429, "rate_limited");
    expectError(await regen(TEST_PASSWORD), 429, "rate_limited");

    const staffAdmin = await api.staff("admin");
    expect((await auditOf(api, staffAdmin.userId)).map((a) => a.action)).toContain("start_two_factor");
  });

  it("item 6 and 17: a password changed from the account page is mailed and retires reset links", async () => {
    const owner = await api.signUp();
    await api.request("/v1/password-resets", { body: { email: owner.email } });
    const token = tokenIn(await mailTo(owner.email, /Reset your shopreg password/), "reset-password");
    const changed = await api.request("/v1/me/password", {
      cookie: owner.cookie,
      body: { current_password: TEST_PASSWORD, new_password: NEW_PASSWORD },
    });
    expect(changed.status).toBe(200);
    await mailTo(owner.email, /Your shopreg password was changed/);
    const reset = await api.request("/v1/password-resets/confirm", { body: { token, password: "yet-another-passphrase" } });
    expect(expectError(reset, 410).details).toEqual({ reason: "used" });
  });

  it("item 12: recovery codes are keyed hashes; codes stored before still work once", async () => {
    const owner = await api.signUp();
    const start = await api.request("/v1/me/two-factor", { method: "POST", cookie: owner.cookie });
    const on = await api.request("/v1/me/two-factor/confirm", {
      cookie: owner.cookie,
      body: { code: totpCode(start.body.secret), password: TEST_PASSWORD },
    });
    const codes: string[] = on.body.recovery_codes;
    const sha = (c: string) =>
      createHash("sha256")
        .update(`recovery:${c.replace("-", "")}`)
        .digest("hex");
    const stored = await api.db.selectFrom("recovery_codes").select("code_hash").where("user_id", "=", owner.userId).execute();
    expect(stored.map((s) => s.code_hash)).not.toContain(sha(codes[0] as string));
    // A code stored the old way (unsalted sha256) before this change.
    await api.db
      .insertInto("recovery_codes")
      .values({ user_id: owner.userId, code_hash: sha("abcde23456"), used_at: null })
      .execute();
    expect(await logIn(owner.email).then((r) => r.status)).toBe(401);
    expect(
      (await api.request("/v1/session", { body: { email: owner.email, password: TEST_PASSWORD, code: "abcde-23456" } })).status,
    ).toBe(200);
    expectError(
      await api.request("/v1/session", { body: { email: owner.email, password: TEST_PASSWORD, code: "abcde-23456" } }),
      401,
    );
    expect(
      (await api.request("/v1/session", { body: { email: owner.email, password: TEST_PASSWORD, code: codes[0] } })).status,
    ).toBe(200);
  });

  it("item 13: a former member with two-factor must pass it to accept an invitation", async () => {
    const owner = await api.signUp();
    const former = await join(owner, "developer");
    const start = await api.request("/v1/me/two-factor", { method: "POST", cookie: former.cookie });
    await api.request("/v1/me/two-factor/confirm", {
      cookie: former.cookie,
      body: { code: totpCode(start.body.secret), password: TEST_PASSWORD },
    });
    await api.request(`/v1/members/${former.userId}`, { method: "DELETE", cookie: owner.cookie });
    const other = await api.signUp();
    await api.request("/v1/invitations", { cookie: other.cookie, body: { email: former.email, role: "admin" } });
    const token = tokenIn(await mailTo(former.email, /invited/, 2), "accept-invitation");
    expectError(
      await api.request("/v1/invitations/accept", { body: { token, password: TEST_PASSWORD } }),
      401,
      "two_factor_required",
    );
    const ok = await api.request("/v1/invitations/accept", {
      body: { token, password: TEST_PASSWORD, code: totpCode(start.body.secret, 1) },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
  });

  it("item 14: staff users lists no former partner member, and staff disable/enable refuse them", async () => {
    const owner = await api.signUp();
    const gone = await join(owner, "analyst");
    await api.request(`/v1/members/${gone.userId}`, { method: "DELETE", cookie: owner.cookie });
    const staffAdmin = await api.staff("admin");
    const list = await api.request("/v1/staff/users", { cookie: staffAdmin.cookie });
    expect(list.status).toBe(200);
    expect(list.body.data.map((u: { id: string }) => u.id)).not.toContain(gone.userId);
    for (const verb of ["disable", "enable"]) {
      const res = await api.request(`/v1/staff/users/${gone.userId}/${verb}`, { method: "POST", cookie: staffAdmin.cookie });
      expect(expectError(res, 404, "not_found").message).toMatch(/former partner member/);
    }
  });

  it("item 17: GET /v1/invitations is paginated by cursor", async () => {
    const owner = await api.signUp();
    for (let i = 0; i < 3; i++)
      await api.request("/v1/invitations", { cookie: owner.cookie, body: { email: email("p"), role: "analyst" } });
    const first = await api.request("/v1/invitations?limit=2", { cookie: owner.cookie });
    expect(first.body.data).toHaveLength(2);
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const second = await api.request(`/v1/invitations?limit=2&cursor=${first.body.next_cursor}`, { cookie: owner.cookie });
    expect(second.body.data).toHaveLength(1);
    expect(second.body.next_cursor).toBeNull();
  });

  it("item 18: a webhook test event is audited", async () => {
    const owner = await api.signUp();
    const hook = await endpoint({ cookie: owner.cookie });
    expect(
      (await api.request(`/v1/webhook-endpoints/${hook}/test`, { method: "POST", cookie: owner.cookie })).status,
    ).toBeLessThan(300);
    expect((await auditOf(api, hook)).map((a) => a.action)).toContain("send_test");
  });

  it("item 19: an admin removing the sole owner is told what they can do", async () => {
    const owner = await api.signUp();
    const admin = await join(owner, "admin");
    const res = await api.request(`/v1/members/${owner.userId}`, { method: "DELETE", cookie: admin.cookie });
    const err = expectError(res, 403, "owner_required");
    expect(err.message).not.toMatch(/make another member an owner/);
    expect(err.message).toMatch(/only an owner/i);
  });
});
