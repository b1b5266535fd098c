import { testEngines } from "@shopreg/db/testing";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, TEST_PASSWORD, type TestApi } from "../src/testing.ts";
import { auditOf, draftApplication, expectError } from "./helpers.ts";
import { startSmtp, until } from "./webhook-kit.ts";

const cookieOf = (setCookie: string | null) => setCookie?.split(";")[0] ?? "";
const NEW_PASSWORD = "a-brand-new-passphrase";

/** Issue 14, phase 2: password reset by email and the verified address (docs/teams-and-account-security.md), with a real SMTP server. */
describe.each(testEngines())("password reset and verified email on $engine", ({ engine }) => {
  let api: TestApi;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let n = 0;

  const mailsTo = (address: string) => smtp.mails.filter((m) => (m.to as { text: string }).text === address.toLowerCase());
  /** The `nth` mail to `address` whose subject matches, once it arrived. */
  const mailTo = async (address: string, subject: RegExp, nth = 1) => {
    const matching = () => mailsTo(address).filter((m) => subject.test(m.subject ?? ""));
    await until(() => matching().length >= nth, 10_000, `mail ${nth} "${subject}" to ${address}`);
    return matching()[nth - 1] as ParsedMail;
  };
  /** The token of the link to the portal's `page` in the mail, read as the person would click it. */
  const tokenIn = (mail: ParsedMail, page: string) => {
    const link = new RegExp(`https?://\\S+/${page}\\?token=([A-Za-z0-9_%-]+)`).exec(mail.text ?? "");
    if (!link?.[1]) throw new Error(`no ${page} link in: ${mail.text}`);
    return decodeURIComponent(link[1]);
  };
  const logIn = (email: string, password: string) => api.request("/v1/session", { body: { email, password } });
  const email = (who: string) => `${who}${++n}-${Math.random().toString(36).slice(2, 7)}@example.com`;

  beforeAll(async () => {
    smtp = await startSmtp();
    api = await startTestApi(engine, { smtpUrl: smtp.url, partnerPublicUrl: "http://portal.test" });
    await api.startWorker();
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  it("resets a forgotten password from the mailed link: every session ends, the old password stops working", async () => {
    const owner = await api.signUp();
    const laptop = cookieOf((await logIn(owner.email, TEST_PASSWORD)).setCookie);
    expect((await api.request("/v1/session", { cookie: laptop })).status).toBe(200);

    const asked = await api.request("/v1/password-resets", { body: { email: owner.email.toUpperCase() } });
    expect(asked.status).toBe(202);
    const mail = await mailTo(owner.email, /Reset your shopreg password/);
    expect(mail.text).toContain("http://portal.test/reset-password?token=");
    const token = tokenIn(mail, "reset-password");
    expect(JSON.stringify(asked.body)).not.toContain(token);
    // Stored only as a hash.
    const rows = await api.db
      .selectFrom("account_tokens")
      .selectAll()
      .where("user_id", "=", owner.userId)
      .where("purpose", "=", "password_reset")
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).not.toBe(token);
    expect(rows[0]!.expires_at.getTime() - rows[0]!.created_at.getTime()).toBe(3600_000);

    // The page asks first whether the link works; asking does not use it.
    const check = (t: string) => api.request("/v1/password-resets/check", { body: { token: t } });
    const works = await check(token);
    expect(works.status, JSON.stringify(works.body)).toBe(200);
    expect(works.body).toEqual({ valid: true, reason: null, expires_at: rows[0]!.expires_at.toISOString() });
    expect((await check(token)).body.valid).toBe(true);

    const weak = await api.request("/v1/password-resets/confirm", { body: { token, password: "short" } });
    expect(expectError(weak, 422, "validation_failed").details.fields[0].path).toBe("password");

    const done = await api.request("/v1/password-resets/confirm", {
      body: { token, password: NEW_PASSWORD },
      cookie: laptop,
      headers: { "idempotency-key": "reset-1" },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(204);
    // The sign-up helper's session and the laptop's both ended.
    expectError(await api.request("/v1/session", { cookie: laptop }), 401);
    expectError(await api.request("/v1/session", { cookie: owner.cookie }), 401);
    expectError(await logIn(owner.email, TEST_PASSWORD), 401);
    expect((await logIn(owner.email, NEW_PASSWORD)).status).toBe(200);

    // Single use.
    const again = await api.request("/v1/password-resets/confirm", { body: { token, password: `${NEW_PASSWORD}-2` } });
    expect(expectError(again, 410, "link_not_valid").details).toEqual({ reason: "used" });
    // The page learns it before showing the form.
    expect((await check(token)).body).toEqual({ valid: false, reason: "used", expires_at: null });
    // Audited in the change's transaction; the owner is told by mail; the idempotency table kept nothing of it.
    const trail = await auditOf(api, owner.userId);
    expect(trail.map((a) => a.action)).toEqual(expect.arrayContaining(["request_password_reset", "reset_password"]));
    const reset = trail.find((a) => a.action === "reset_password");
    expect(reset?.data).toEqual({ sessions_ended: 2 });
    expect(reset?.actor_id).toBe(owner.userId);
    await mailTo(owner.email, /Your shopreg password was changed/);
    const kept = await api.db.selectFrom("idempotency_keys").selectAll().where("key", "=", "reset-1").execute();
    expect(kept).toEqual([]);
  });

  it("refuses expired and unknown links with a reason; a new request retires the earlier link", async () => {
    const owner = await api.signUp();
    await api.request("/v1/password-resets", { body: { email: owner.email } });
    const first = tokenIn(await mailTo(owner.email, /Reset your/), "reset-password");
    await api.request("/v1/password-resets", { body: { email: owner.email } });
    const second = tokenIn(await mailTo(owner.email, /Reset your/, 2), "reset-password");
    const retired = await api.request("/v1/password-resets/confirm", { body: { token: first, password: NEW_PASSWORD } });
    expect(expectError(retired, 410, "link_not_valid").details).toEqual({ reason: "used" });

    // An hour later (moved in the row): expired, and the password is unchanged.
    await api.db
      .updateTable("account_tokens")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("user_id", "=", owner.userId)
      .execute();
    const late = await api.request("/v1/password-resets/confirm", { body: { token: second, password: NEW_PASSWORD } });
    expect(expectError(late, 410, "link_not_valid").details).toEqual({ reason: "expired" });
    const lateCheck = await api.request("/v1/password-resets/check", { body: { token: second } });
    expect(lateCheck.body).toEqual({ valid: false, reason: "expired", expires_at: null });
    expect((await logIn(owner.email, TEST_PASSWORD)).status).toBe(200);

    const unknown = await api.request("/v1/password-resets/confirm", {
      body: { token: "x".repeat(43), password: NEW_PASSWORD },
    });
    expect(expectError(unknown, 410, "link_not_valid").details).toEqual({ reason: "unknown" });
    const unknownCheck = await api.request("/v1/password-resets/check", { body: { token: "x".repeat(43) } });
    expect(unknownCheck.body).toEqual({ valid: false, reason: "unknown", expires_at: null });
  });

  it("answers an unknown address exactly as a known one, mails nobody, and limits both per address", async () => {
    const owner = await api.signUp();
    const stranger = email("nobody");
    const known = await api.request("/v1/password-resets", { body: { email: owner.email } });
    const unknown = await api.request("/v1/password-resets", { body: { email: stranger } });
    expect(unknown.status).toBe(known.status);
    expect(Object.keys(unknown.body)).toEqual(Object.keys(known.body));
    expect({ ...unknown.body, email: "" }).toEqual({ ...known.body, email: "" });
    await mailTo(owner.email, /Reset your/);
    expect(mailsTo(stranger)).toEqual([]);

    // Five an hour per address (ACCOUNT_MAIL_PER_HOUR), the same for an address without an account.
    for (const address of [owner.email, stranger]) {
      for (let i = 0; i < 4; i++) await api.request("/v1/password-resets", { body: { email: address } });
      const limited = await api.request("/v1/password-resets", { body: { email: address } });
      expectError(limited, 429, "rate_limited");
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(60);
    }
    // Another address is not held back by those.
    expect((await api.request("/v1/password-resets", { body: { email: email("other") } })).status).toBe(202);
  });

  it("a new partner confirms the address from the mail; until then it prepares but cannot submit (403)", async () => {
    const owner = await api.signUp({ verified: false, locale: "zh-CN" });
    const session = await api.request("/v1/session", { cookie: owner.cookie });
    expect(session.body.user.email_verified).toBe(false);
    const mail = await mailTo(owner.email, /确认您在 shopreg 的邮箱地址/);
    const token = tokenIn(mail, "verify-email");

    const id = await draftApplication(api, owner);
    const refused = await api.request(`/v1/applications/${id}/submit`, { method: "POST", cookie: owner.cookie });
    expect(expectError(refused, 403, "email_not_verified").details).toEqual({ resend: "/v1/me/email-verification" });
    const app = await api.request(`/v1/applications/${id}`, { cookie: owner.cookie });
    expect(app.body.status).toBe("DRAFT");
    // Nor can it mint a key to submit with (issue 22; access.db.test.ts covers a key whose maker is unverified).
    const key = await api.request("/v1/api-keys", {
      cookie: owner.cookie,
      body: { name: "ci", scopes: ["applications:read", "applications:write"] },
    });
    expectError(key, 403, "email_not_verified");

    // The link works without a session, once.
    const ok = await api.request("/v1/email-verifications/confirm", { body: { token } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toEqual({ email: owner.email, email_verified: true });
    expect((await api.request("/v1/session", { cookie: owner.cookie })).body.user.email_verified).toBe(true);
    const reused = await api.request("/v1/email-verifications/confirm", { body: { token } });
    expect(expectError(reused, 410, "link_not_valid").details).toEqual({ reason: "used" });
    const trail = await auditOf(api, owner.userId);
    expect(trail.find((a) => a.action === "verify_email")).toMatchObject({ from_status: "UNVERIFIED", to_status: "VERIFIED" });

    expect((await api.request(`/v1/applications/${id}/submit`, { method: "POST", cookie: owner.cookie })).status).toBe(200);
    // Nothing left to confirm.
    const resend = await api.request("/v1/me/email-verification", { method: "POST", cookie: owner.cookie });
    expect(expectError(resend, 409, "already_verified").details).toEqual({ reason: "already_verified" });
  });

  it("resends the confirmation (the earlier link stops working), rate limited per user", async () => {
    const owner = await api.signUp({ verified: false });
    const first = tokenIn(await mailTo(owner.email, /Confirm your email address/), "verify-email");
    const resent = await api.request("/v1/me/email-verification", { method: "POST", cookie: owner.cookie });
    expect(resent.status).toBe(202);
    const second = tokenIn(await mailTo(owner.email, /Confirm your email address/, 2), "verify-email");
    expect(second).not.toBe(first);
    expect(expectError(await api.request("/v1/email-verifications/confirm", { body: { token: first } }), 410).details).toEqual({
      reason: "used",
    });
    for (let i = 0; i < 4; i++) await api.request("/v1/me/email-verification", { method: "POST", cookie: owner.cookie });
    expectError(await api.request("/v1/me/email-verification", { method: "POST", cookie: owner.cookie }), 429, "rate_limited");
    // An API key is not a person: 401.
    expectError(await api.request("/v1/me/email-verification", { method: "POST" }), 401);
  });

  it("signing up with a known address creates nothing, answers the same, and mails the owner", async () => {
    const owner = await api.signUp({ company_name: "First Owner Co" });
    const input = (address: string) => ({
      company_name: "Impostor Ltd",
      registration_region: "US",
      company_registration_region: "US",
      contact_name: "Someone",
      contact_email: address,
      password: "impostor-password-1",
    });
    const before = await api.db.selectFrom("partners").select(api.db.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    const taken = await api.request("/v1/partners", { body: input(owner.email) });
    const after = await api.db.selectFrom("partners").select(api.db.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    const fresh = await api.request("/v1/partners", { body: input(email("fresh")) });
    expect(taken.status).toBe(202);
    expect(fresh.status).toBe(202);
    expect({ ...taken.body, email: "" }).toEqual({ ...fresh.body, email: "" });
    expect(taken.setCookie).toBeNull();
    expect(fresh.setCookie).toBeNull();
    const notice = await mailTo(owner.email, /Someone tried to sign up/);
    expect(notice.text).toContain("http://portal.test/forgot-password");
    expect(notice.text).not.toContain("token=");
    // The impostor's password opens nothing; the owner's still does.
    expectError(await logIn(owner.email, "impostor-password-1"), 401);
    expect((await logIn(owner.email, TEST_PASSWORD)).status).toBe(200);
  });

  it("a member who accepts an emailed invitation is verified by it", async () => {
    const owner = await api.signUp();
    const who = email("invitee");
    await api.request("/v1/invitations", { cookie: owner.cookie, body: { email: who, role: "admin" } });
    const token = tokenIn(await mailTo(who, /You are invited/), "accept-invitation");
    const accepted = await api.request("/v1/invitations/accept", { body: { token, name: "Ina", password: TEST_PASSWORD } });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    expect(accepted.body.user.email_verified).toBe(true);
  });
});
