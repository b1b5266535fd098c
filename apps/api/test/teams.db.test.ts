import { testEngines } from "@shopreg/db/testing";
import { sql } from "kysely";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, TEST_PASSWORD, type TestApi, totpCode } from "../src/testing.ts";
import { auditOf, counts, expectError, fieldPaths, type Partner, partnerWithService, SERVICE_INPUT } from "./helpers.ts";
import { startSmtp, until } from "./webhook-kit.ts";

const cookieOf = (setCookie: string | null) => setCookie?.split(";")[0] ?? "";
const RANGE = "from=2026-11-01T00:00:00.000Z&to=2026-11-08T00:00:00.000Z";
const CHROME_MAC =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

/** Partner teams: members and roles, invitations, passwords, sessions, two-factor (docs/teams-and-account-security.md). */
describe.each(testEngines())("teams and account security on $engine", ({ engine }) => {
  let api: TestApi;
  let reviewer: Awaited<ReturnType<TestApi["staff"]>>;
  let n = 0;

  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  /** The token of the latest invitation mailed to `address` (waiting for the `nth` one), read from the mail's link. */
  const invitationToken = async (address: string, nth = 1) => {
    const to = (m: ParsedMail) => (m.to as { text: string }).text === address.toLowerCase();
    await until(() => smtp.mails.filter(to).length >= nth, 10_000, `invitation mail ${nth} to ${address}`);
    const mail = smtp.mails.filter(to).at(-1) as ParsedMail;
    const link = /https?:\/\/\S+\/accept-invitation\?token=([A-Za-z0-9_-]+)/.exec(mail.text ?? "");
    if (!link?.[1]) throw new Error(`no invitation link in: ${mail.text}`);
    return decodeURIComponent(link[1]);
  };
  beforeAll(async () => {
    smtp = await startSmtp();
    api = await startTestApi(engine, { smtpUrl: smtp.url });
    await api.startWorker();
    reviewer = await api.staff("reviewer");
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  const email = (who: string) => `${who}${++n}-${Math.random().toString(36).slice(2, 7)}@example.com`;

  /** Invites the address with the role and accepts it as the invitee would, from the link; returns their cookie. */
  async function join(owner: Partner, role: string, who = email(role)) {
    const inv = await api.request("/v1/invitations", { cookie: owner.cookie, body: { email: who, role } });
    expect(inv.status, JSON.stringify(inv.body)).toBe(201);
    expect(JSON.stringify(inv.body)).not.toContain(await invitationToken(who));
    const accepted = await api.request("/v1/invitations/accept", {
      body: { token: await invitationToken(who), name: `The ${role}`, password: TEST_PASSWORD },
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    expect(accepted.body.user.role).toBe(role);
    return {
      cookie: cookieOf(accepted.setCookie),
      userId: accepted.body.user.id as string,
      email: who,
      invitationId: inv.body.id,
    };
  }

  it("an analyst reads analytics but cannot create a key or a service, or see the members (403)", async () => {
    const { partner } = await partnerWithService(api, reviewer.cookie);
    const analyst = await join(partner, "analyst");
    const session = await api.request("/v1/session", { cookie: analyst.cookie });
    expect(session.body.user).toMatchObject({ role: "analyst", scopes: ["analytics:read", "incentives:read"] });
    expect(session.body.partner.id).toBe(partner.partnerId);

    expect((await api.request(`/v1/analytics/summary?${RANGE}`, { cookie: analyst.cookie })).status).toBe(200);
    const before = await counts(api);
    const key = await api.request("/v1/api-keys", { cookie: analyst.cookie, body: { name: "mine" } });
    expect(expectError(key, 403, "scope_required").details).toEqual({
      required_scope: "api_keys:write",
      params: { scope: "api_keys:write" },
    });
    const service = await api.request("/v1/services", { cookie: analyst.cookie, body: SERVICE_INPUT });
    expect(expectError(service, 403, "scope_required").details).toEqual({
      required_scope: "services:write",
      params: { scope: "services:write" },
    });
    expectError(await api.request("/v1/members", { cookie: analyst.cookie }), 403, "scope_required");
    expect(await counts(api)).toEqual(before);
  });

  it("a developer's key holds at most the developer's scopes", async () => {
    const owner = await api.signUp();
    const dev = await join(owner, "developer");
    const tooMuch = await api.request("/v1/api-keys", {
      cookie: dev.cookie,
      body: { name: "admin key", scopes: ["services:write", "members:write"] },
    });
    expect(expectError(tooMuch, 403, "scopes_not_held").details).toEqual({
      missing_scopes: ["members:write"],
      params: { scopes: ["members:write"] },
    });
    // No scopes named: the default key scopes the developer's role holds.
    const plain = await api.request("/v1/api-keys", { cookie: dev.cookie, body: { name: "plain" } });
    expect(plain.body.scopes).toEqual(["profile:read", "applications:read", "services:read", "services:write"]);
    const key = await api.request("/v1/api-keys", {
      cookie: dev.cookie,
      body: { name: "deploys", scopes: ["api_keys:read", "services:read", "services:write", "webhooks:write"] },
    });
    expect(key.status).toBe(201);
    expect(key.body.scopes).not.toContain("members:write");
    expect(key.body.scopes).not.toContain("analytics:read");
    const row = await api.db.selectFrom("api_keys").select("created_by").where("id", "=", key.body.id).executeTakeFirstOrThrow();
    expect(row.created_by).toBe(dev.userId);
    // The key acts with its scopes: it can read services but not analytics, and cannot invite.
    expect((await api.request("/v1/services", { token: key.body.secret })).status).toBe(200);
    expectError(await api.request(`/v1/analytics/summary?${RANGE}`, { token: key.body.secret }), 403, "api_key_scope_required");
    expectError(
      await api.request("/v1/invitations", { token: key.body.secret, body: { email: email("x"), role: "analyst" } }),
      403,
      "api_key_scope_required",
    );
  });

  it("changes roles (audited); only an owner makes owners; the last owner cannot be demoted or leave", async () => {
    const owner = await api.signUp();
    const admin = await join(owner, "admin");
    const analyst = await join(owner, "analyst");

    const list = await api.request("/v1/members", { cookie: admin.cookie });
    expect(list.status).toBe(200);
    expect(list.body.data.map((m: { id: string; role: string }) => [m.id, m.role])).toEqual([
      [owner.userId, "owner"],
      [admin.userId, "admin"],
      [analyst.userId, "analyst"],
    ]);

    const promoted = await api.request(`/v1/members/${analyst.userId}`, {
      method: "PATCH",
      cookie: admin.cookie,
      body: { role: "developer" },
    });
    expect(promoted.status).toBe(200);
    expect(promoted.body.role).toBe("developer");
    // The member's very next request carries the new role's scopes.
    expect((await api.request("/v1/services", { cookie: analyst.cookie })).status).toBe(200);
    const change = (await auditOf(api, analyst.userId)).find((a) => a.action === "change_role");
    expect(change).toMatchObject({ from_status: "analyst", to_status: "developer", actor_id: admin.userId });

    expectError(
      await api.request(`/v1/members/${analyst.userId}`, { method: "PATCH", cookie: admin.cookie, body: { role: "owner" } }),
      403,
      "owner_required",
    );
    expectError(
      await api.request(`/v1/members/${owner.userId}`, { method: "PATCH", cookie: admin.cookie, body: { role: "analyst" } }),
      403,
      "owner_required",
    );
    const bad = await api.request(`/v1/members/${analyst.userId}`, {
      method: "PATCH",
      cookie: owner.cookie,
      body: { role: "boss" },
    });
    expect(fieldPaths(expectError(bad, 422, "validation_failed") && bad)).toEqual(["role"]);

    const demote = await api.request(`/v1/members/${owner.userId}`, {
      method: "PATCH",
      cookie: owner.cookie,
      body: { role: "admin" },
    });
    expect(expectError(demote, 409, "last_owner").details).toEqual({ reason: "last_owner" });
    const leave = await api.request(`/v1/members/${owner.userId}`, { method: "DELETE", cookie: owner.cookie });
    expect(expectError(leave, 409, "last_owner").details).toEqual({ reason: "last_owner" });
  });

  it("removing a member ends their sessions and revokes the keys they created", async () => {
    const owner = await api.signUp();
    const dev = await join(owner, "developer");
    const key = await api.request("/v1/api-keys", { cookie: dev.cookie, body: { name: "theirs" } });
    expect(key.status).toBe(201);
    const removed = await api.request(`/v1/members/${dev.userId}`, { method: "DELETE", cookie: owner.cookie });
    expect(removed.status).toBe(204);
    expectError(await api.request("/v1/session", { cookie: dev.cookie }), 401);
    expectError(await api.request("/v1/services", { token: key.body.secret }), 401);
    const signIn = await api.request("/v1/session", { body: { email: dev.email, password: TEST_PASSWORD } });
    expectError(signIn, 401, "unauthenticated");
    expect((await auditOf(api, dev.userId)).map((a) => a.action)).toContain("remove");

    // A new invitation attaches the same user again, with their own password.
    await api.request("/v1/invitations", { cookie: owner.cookie, body: { email: dev.email, role: "analyst" } });
    const again = await invitationToken(dev.email, 2);
    const wrong = await api.request("/v1/invitations/accept", { body: { token: again, password: "not-their-password" } });
    expectError(wrong, 401, "unauthenticated");
    const back = await api.request("/v1/invitations/accept", {
      body: { token: again, password: TEST_PASSWORD },
    });
    expect(back.status, JSON.stringify(back.body)).toBe(201);
    expect(back.body.user).toMatchObject({ id: dev.userId, role: "analyst" });
  });

  it("transfers ownership: the member becomes the owner and the owner an admin", async () => {
    const owner = await api.signUp();
    const dev = await join(owner, "developer");
    const byDev = await api.request(`/v1/members/${owner.userId}/transfer-ownership`, { method: "POST", cookie: dev.cookie });
    expectError(byDev, 403, "owner_required");
    const res = await api.request(`/v1/members/${dev.userId}/transfer-ownership`, { method: "POST", cookie: owner.cookie });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.role).toBe("owner");
    const roles = (await api.request("/v1/members", { cookie: dev.cookie })).body.data.map((m: { role: string }) => m.role);
    expect(roles).toEqual(["admin", "owner"]);
    expectError(
      await api.request(`/v1/members/${dev.userId}/transfer-ownership`, { method: "POST", cookie: owner.cookie }),
      403,
      "owner_required",
    );
    expect((await auditOf(api, dev.userId)).map((a) => a.action)).toContain("transfer_ownership");
  });

  it("every member change is an event (in the change's transaction), with the member or invitation as its data", async () => {
    const owner = await api.signUp();
    const dev = await join(owner, "developer");
    await api.request(`/v1/members/${dev.userId}`, { method: "PATCH", cookie: owner.cookie, body: { role: "admin" } });
    await api.request(`/v1/members/${dev.userId}/transfer-ownership`, { method: "POST", cookie: owner.cookie });
    const analyst = await join(owner, "analyst");
    await api.request(`/v1/members/${analyst.userId}`, { method: "DELETE", cookie: dev.cookie });
    const events = await api.db
      .selectFrom("events")
      .select(["type", "payload"])
      .where("partner_id", "=", owner.partnerId)
      .where("type", "like", "%.%")
      .orderBy("occurred_at")
      .orderBy("id")
      .execute();
    const ofTeam = events.filter((e) => /^(member|ownership)\./.test(e.type));
    expect(ofTeam.map((e) => e.type)).toEqual([
      "member.invited",
      "member.joined",
      "member.role_changed",
      "ownership.transferred",
      "member.invited",
      "member.joined",
      "member.removed",
    ]);
    expect(ofTeam[0]?.payload).toMatchObject({ email: dev.email, role: "developer", status: "PENDING" });
    expect(ofTeam[1]?.payload).toMatchObject({ id: dev.userId, role: "developer" });
    expect(ofTeam[2]?.payload).toMatchObject({ id: dev.userId, role: "admin" });
    expect(ofTeam[3]?.payload).toMatchObject({ id: dev.userId, role: "owner" });
    expect(ofTeam[6]?.payload).toMatchObject({ id: analyst.userId, role: "analyst" });
    expect(JSON.stringify(ofTeam)).not.toMatch(/token/);
  });

  it("an invitation is single use, resending replaces its link, revoking or expiry ends it", async () => {
    const owner = await api.signUp();
    const who = email("invitee");
    const inv = await api.request("/v1/invitations", { cookie: owner.cookie, body: { email: who, role: "developer" } });
    expect(inv.body).toMatchObject({ email: who, role: "developer", status: "PENDING", sent_count: 1 });
    const row = await api.db.selectFrom("invitations").selectAll().where("id", "=", inv.body.id).executeTakeFirstOrThrow();
    expect(row.token_hash).not.toBe(await invitationToken(who));
    expect(row.expires_at.getTime() - row.created_at.getTime()).toBe(7 * 24 * 3600_000);
    expectError(
      await api.request("/v1/invitations", { cookie: owner.cookie, body: { email: who, role: "analyst" } }),
      409,
      "invitation_open",
    );
    const first = await invitationToken(who);
    // The mail: who invites, to which company, and the portal's accept page; the queue holds no token in clear.
    const mail = smtp.mails.findLast((m) => (m.to as { text: string }).text === who)!;
    expect(mail.subject).toMatch(/^You are invited to join /);
    expect(mail.text).toContain(`http://localhost:4200/accept-invitation?token=${first}`);
    expect(mail.html).toContain("accept-invitation?token=");
    const jobs = await sql<{ data: unknown }>`select data from pgboss.job where name = 'mail'`.execute(api.db);
    expect(JSON.stringify(jobs.rows)).not.toContain(first);
    const resent = await api.request(`/v1/invitations/${inv.body.id}/resend`, { method: "POST", cookie: owner.cookie });
    expect(resent.body.sent_count).toBe(2);
    const second = await invitationToken(who, 2);
    expect(second).not.toBe(first);
    expectError(await api.request("/v1/invitations/accept", { body: { token: first, name: "X", password: TEST_PASSWORD } }), 404);
    const noName = await api.request("/v1/invitations/accept", { body: { token: second, password: TEST_PASSWORD } });
    expect(fieldPaths(noName)).toEqual(["name"]);
    const ok = await api.request("/v1/invitations/accept", { body: { token: second, name: "Dev", password: TEST_PASSWORD } });
    expect(ok.status).toBe(201);
    const again = await api.request("/v1/invitations/accept", { body: { token: second, name: "Dev", password: TEST_PASSWORD } });
    expect(expectError(again, 409, "invitation_used").details).toEqual({ reason: "accepted" });

    // In the inviter's language when the invitee has no user here yet.
    await api.db.updateTable("users").set({ locale: "zh-CN" }).where("id", "=", owner.userId).execute();
    const zh = email("zh");
    await api.request("/v1/invitations", { cookie: owner.cookie, body: { email: zh, role: "analyst" } });
    await invitationToken(zh);
    expect(smtp.mails.findLast((m) => (m.to as { text: string }).text === zh)?.subject).toMatch(/^邀请您加入 shopreg 上的 /);

    const other = email("late");
    const late = await api.request("/v1/invitations", { cookie: owner.cookie, body: { email: other, role: "analyst" } });
    await api.db
      .updateTable("invitations")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("id", "=", late.body.id)
      .execute();
    const listed = await api.request("/v1/invitations", { cookie: owner.cookie });
    expect(listed.body.data.find((i: { id: string }) => i.id === late.body.id).status).toBe("EXPIRED");
    const expired = await api.request("/v1/invitations/accept", {
      body: { token: await invitationToken(other), name: "Late", password: TEST_PASSWORD },
    });
    expect(expectError(expired, 409, "invitation_expired").details).toEqual({ reason: "expired" });
    const revoked = await api.request(`/v1/invitations/${late.body.id}`, { method: "DELETE", cookie: owner.cookie });
    expect(revoked.body.status).toBe("REVOKED");
    expect((await auditOf(api, late.body.id)).map((a) => a.action)).toEqual(["invite", "revoke"]);
  });

  it("changing the password needs the current one and ends the other sessions", async () => {
    const owner = await api.signUp();
    const other = cookieOf(
      (await api.request("/v1/session", { body: { email: owner.email, password: TEST_PASSWORD } })).setCookie,
    );
    const wrong = await api.request("/v1/me/password", {
      cookie: owner.cookie,
      body: { current_password: "not-it-at-all", new_password: "a-brand-new-password" },
    });
    expect(fieldPaths(expectError(wrong, 422, "validation_failed") && wrong)).toEqual(["current_password"]);
    const res = await api.request("/v1/me/password", {
      cookie: owner.cookie,
      body: { current_password: TEST_PASSWORD, new_password: "a-brand-new-password" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ other_sessions_ended: 1 });
    expectError(await api.request("/v1/session", { cookie: other }), 401);
    expect((await api.request("/v1/session", { cookie: owner.cookie })).status).toBe(200);
    expectError(await api.request("/v1/session", { body: { email: owner.email, password: TEST_PASSWORD } }), 401);
    expect((await api.request("/v1/session", { body: { email: owner.email, password: "a-brand-new-password" } })).status).toBe(
      200,
    );
    // An API key is not a person: it cannot change a password.
    const key = await api.request("/v1/api-keys", { cookie: owner.cookie, body: { name: "k" } });
    expectError(
      await api.request("/v1/me/password", {
        token: key.body.secret,
        body: { current_password: "a-brand-new-password", new_password: "another-new-password" },
      }),
      401,
    );
  });

  it("lists sessions with their device, ends one, and ends all the others", async () => {
    const owner = await api.signUp();
    const signIn = async () =>
      cookieOf(
        (
          await api.request("/v1/session", {
            body: { email: owner.email, password: TEST_PASSWORD },
            headers: { "user-agent": CHROME_MAC },
          })
        ).setCookie,
      );
    const [a, b] = [await signIn(), await signIn()];
    const list = await api.request("/v1/me/sessions", { cookie: a });
    expect(list.body.data).toHaveLength(3);
    const current = list.body.data.find((s: { current: boolean }) => s.current);
    expect(current).toMatchObject({ device: "Chrome 120 on Mac OS 10.15.7", browser: "Chrome 120" });
    expect(JSON.stringify(list.body)).not.toMatch(/[0-9a-f]{64}/); // never the token's hash
    const bId = (await api.request("/v1/me/sessions", { cookie: b })).body.data.find((s: { current: boolean }) => s.current).id;
    expect((await api.request(`/v1/me/sessions/${bId}`, { method: "DELETE", cookie: a })).status).toBe(204);
    expectError(await api.request("/v1/session", { cookie: b }), 401);
    expectError(await api.request(`/v1/me/sessions/${bId}`, { method: "DELETE", cookie: a }), 404);
    const ended = await api.request("/v1/me/sessions/end-others", { method: "POST", cookie: a });
    expect(ended.body).toEqual({ sessions_ended: 1 });
    expectError(await api.request("/v1/session", { cookie: owner.cookie }), 401);
    expect((await api.request("/v1/me/sessions", { cookie: a })).body.data).toHaveLength(1);
  });

  it("two-factor: enrol with a real code, then sign-in asks for one; codes and recovery codes work once", async () => {
    const owner = await api.signUp();
    const start = await api.request("/v1/me/two-factor", { method: "POST", cookie: owner.cookie });
    expect(start.status).toBe(201);
    expect(start.body.otpauth_uri).toMatch(/^otpauth:\/\/totp\/shopreg:.+\?.*secret=/);
    const secret: string = start.body.secret;
    const row = await api.db.selectFrom("users").selectAll().where("id", "=", owner.userId).executeTakeFirstOrThrow();
    expect(row.totp_secret_enc).toMatch(/^v2\.[0-9a-f]{8}\./); // sealed under TWO_FACTOR_KEY, named by its key id
    expect(row.totp_secret_enc).not.toContain(secret);
    // Not in force until confirmed.
    expect((await api.request("/v1/session", { body: { email: owner.email, password: TEST_PASSWORD } })).status).toBe(200);

    expectError(
      await api.request("/v1/me/two-factor/confirm", { cookie: owner.cookie, body: { code: "000000", password: TEST_PASSWORD } }),
      422,
    );
    const confirm = await api.request("/v1/me/two-factor/confirm", {
      cookie: owner.cookie,
      body: { code: totpCode(secret), password: TEST_PASSWORD },
    });
    expect(confirm.status, JSON.stringify(confirm.body)).toBe(200);
    const recovery: string[] = confirm.body.recovery_codes;
    expect(recovery).toHaveLength(10);
    expect(new Set(recovery).size).toBe(10);
    const stored = await api.db.selectFrom("recovery_codes").selectAll().where("user_id", "=", owner.userId).execute();
    expect(stored).toHaveLength(10);
    expect(JSON.stringify(stored)).not.toContain(recovery[0]);

    const creds = { email: owner.email, password: TEST_PASSWORD };
    const noCode = await api.request("/v1/session", { body: creds });
    expectError(noCode, 401, "two_factor_required");
    expect(noCode.setCookie).toBeNull();
    expectError(await api.request("/v1/session", { body: { ...creds, code: "123456" } }), 401, "unauthenticated");
    const code = totpCode(secret, 1);
    const ok = await api.request("/v1/session", { body: { ...creds, code } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.user.two_factor_enabled).toBe(true);
    expectError(await api.request("/v1/session", { body: { ...creds, code } }), 401); // replay

    const viaRecovery = await api.request("/v1/session", { body: { ...creds, code: recovery[0]?.toUpperCase() } });
    expect(viaRecovery.status).toBe(200);
    expectError(await api.request("/v1/session", { body: { ...creds, code: recovery[0] } }), 401);
    const status = await api.request("/v1/me/two-factor", { cookie: owner.cookie });
    expect(status.body).toMatchObject({ enabled: true, recovery_codes_left: 9, required: false });
    expect((await auditOf(api, owner.userId)).map((a) => a.action)).toEqual(
      expect.arrayContaining(["enable_two_factor", "use_recovery_code"]),
    );

    const off = await api.request("/v1/me/two-factor/disable", {
      cookie: owner.cookie,
      body: { password: TEST_PASSWORD, code: recovery[1] },
    });
    expect(off.status).toBe(204);
    expect((await api.request("/v1/session", { body: creds })).status).toBe(200);
  });

  it("a staff admin without two-factor signs in but is asked to enrol before acting", async () => {
    const admin = await api.staff("admin", { twoFactor: false });
    const me = await api.request("/v1/staff/session", { cookie: admin.cookie });
    expect(me.status).toBe(200);
    expect(me.body.user.two_factor_enabled).toBe(false);
    const blocked = await api.request("/v1/staff/applications", { cookie: admin.cookie });
    expect(expectError(blocked, 403, "two_factor_enrolment_required").details).toEqual({ enrol: "/v1/staff/me/two-factor" });
    expectError(await api.request("/v1/staff/users", { cookie: admin.cookie }), 403, "two_factor_enrolment_required");
    // A reviewer is not required to.
    expect((await api.request("/v1/staff/applications", { cookie: reviewer.cookie })).status).toBe(200);

    const start = await api.request("/v1/staff/me/two-factor", { method: "POST", cookie: admin.cookie });
    const confirm = await api.request("/v1/staff/me/two-factor/confirm", {
      cookie: admin.cookie,
      body: { code: totpCode(start.body.secret), password: TEST_PASSWORD },
    });
    expect(confirm.status).toBe(200);
    expect((await api.request("/v1/staff/applications", { cookie: admin.cookie })).status).toBe(200);
    const creds = { email: admin.email, password: TEST_PASSWORD };
    expectError(await api.request("/v1/staff/session", { body: creds }), 401, "two_factor_required");
    const signIn = await api.request("/v1/staff/session", { body: { ...creds, code: totpCode(start.body.secret, 1) } });
    expect(signIn.status).toBe(200);
  });

  it("an owner can require two-factor for the team; a member without it must enrol first", async () => {
    const owner = await api.signUp();
    const admin = await join(owner, "admin");
    expectError(
      await api.request("/v1/team/security", { method: "PATCH", cookie: admin.cookie, body: { require_two_factor: true } }),
      403,
    );
    const set = await api.request("/v1/team/security", {
      method: "PATCH",
      cookie: owner.cookie,
      body: { require_two_factor: true },
    });
    expect(set.body.require_two_factor).toBe(true);
    expectError(await api.request("/v1/members", { cookie: admin.cookie }), 403, "two_factor_enrolment_required");
    expect((await api.request("/v1/session", { cookie: admin.cookie })).status).toBe(200);
    const status = await api.request("/v1/me/two-factor", { cookie: admin.cookie });
    expect(status.body).toMatchObject({ enabled: false, required: true });
    const start = await api.request("/v1/me/two-factor", { method: "POST", cookie: admin.cookie });
    await api.request("/v1/me/two-factor/confirm", {
      cookie: admin.cookie,
      body: { code: totpCode(start.body.secret), password: TEST_PASSWORD },
    });
    expect((await api.request("/v1/members", { cookie: admin.cookie })).status).toBe(200);
  });

  it("staff see a partner's members; an admin disables one (sessions end, audited), a reviewer cannot", async () => {
    const owner = await api.signUp();
    const dev = await join(owner, "developer");
    const list = await api.request(`/v1/staff/partners/${owner.partnerId}/members`, { cookie: reviewer.cookie });
    expect(list.body.data.map((m: { role: string }) => m.role)).toEqual(["owner", "developer"]);
    const path = `/v1/staff/partners/${owner.partnerId}/members/${dev.userId}/disable`;
    expectError(await api.request(path, { method: "POST", cookie: reviewer.cookie }), 403, "staff_role_required");
    const admin = await api.staff("admin");
    const res = await api.request(path, { method: "POST", cookie: admin.cookie });
    expect(res.status).toBe(200);
    expect(res.body.disabled_at).toEqual(expect.any(String));
    expectError(await api.request("/v1/session", { cookie: dev.cookie }), 401);
    expectError(await api.request("/v1/session", { body: { email: dev.email, password: TEST_PASSWORD } }), 401);
    expect((await auditOf(api, dev.userId)).find((a) => a.action === "disable")).toMatchObject({
      actor_id: admin.userId,
      partner_id: owner.partnerId,
    });
    const other = await api.signUp();
    expectError(
      await api.request(`/v1/staff/partners/${other.partnerId}/members/${dev.userId}/disable`, {
        method: "POST",
        cookie: admin.cookie,
      }),
      404,
    );
  });

  it("the Shop registration shortcut at sign-up is for U.S. companies only (422 for others)", async () => {
    const before = await counts(api);
    const res = await api.request("/v1/partners", {
      body: {
        company_name: "Cross Border Co",
        registration_region: "CN",
        company_registration_region: "CN",
        contact_name: "Li",
        contact_email: email("cn"),
        password: TEST_PASSWORD,
        apply_for_shop_registration: true,
      },
    });
    expectError(res, 422, "validation_failed");
    expect(fieldPaths(res)).toEqual(["apply_for_shop_registration"]);
    expect(await counts(api)).toEqual(before);
    const us = await api.signUp({ apply_for_shop_registration: true });
    expect(us.body.application_id).toEqual(expect.any(String));
  });

  it("every new operation is declared with the route factory (who may call it, an operationId)", async () => {
    const doc = (await api.request("/openapi.json")).body;
    const ours = /^\/v1\/(members|invitations|me|team|staff\/me|staff\/partners\/\{id\}\/members)(\/|$)/;
    // biome-ignore lint/suspicious/noExplicitAny: OpenAPI operation objects, read field by field
    const ops = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, op })),
    );
    const mine = ops.filter((o) => ours.test(o.path));
    expect(mine.length).toBeGreaterThanOrEqual(31);
    for (const { path, method, op } of mine) {
      const where = `${method} ${path}`;
      expect(op.operationId, where).toEqual(expect.any(String));
      expect(op["x-shopreg-caller"], where).toBeDefined();
      const caller = op["x-shopreg-caller"];
      if (caller.kind === "partner")
        expect(op.security, where).toEqual([{ apiKey: [caller.scope] }, { partnerSession: [caller.scope] }]);
      if (caller.kind === "partner_session") expect(op.security, where).toEqual([{ partnerSession: [] }]);
      if (caller.kind === "staff") expect(op.security[0].staffSession, where).toEqual(caller.roles);
      if (caller.kind === "public") expect(path, where).toBe("/v1/invitations/accept");
    }
    const ids = ops.map((o) => o.op.operationId).filter(Boolean);
    expect(new Set(ids).size).toBe(ids.length);
    // Each declared operation really answers as declared: no credentials, 401 (bar the public one).
    for (const { path, method, op } of mine) {
      if (op["x-shopreg-caller"].kind === "public") continue;
      const concrete = path.replace(/\{[^}]+\}/g, "00000000-0000-4000-8000-000000000000");
      const res = await api.request(concrete, { method: method.toUpperCase() });
      expect(res.status, `${method} ${path}`).toBe(401);
    }
  });
});
