import { testEngines } from "@shopreg/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, TEST_PASSWORD, type TestApi } from "../src/testing.ts";
import { auditOf, counts, expectError, partnerWithService, publish, submittedApplication } from "./helpers.ts";

const cookieOf = (setCookie: string | null) => setCookie?.split(";")[0] ?? "";

/** Staff roles, session cookies and passwords. */
describe.each(testEngines())("roles and security on $engine", ({ engine }) => {
  let api: TestApi;
  let reviewer: Awaited<ReturnType<TestApi["staff"]>>;
  let analyst: Awaited<ReturnType<TestApi["staff"]>>;
  let admin: Awaited<ReturnType<TestApi["staff"]>>;

  beforeAll(async () => {
    api = await startTestApi(engine);
    [reviewer, analyst, admin] = [await api.staff("reviewer"), await api.staff("analyst"), await api.staff("admin")];
  });
  afterAll(async () => api?.close());

  it("an analyst reads the queue but cannot approve (403) or list staff users (403)", async () => {
    const partner = await api.signUp();
    const id = await submittedApplication(api, partner);
    const queue = await api.request("/v1/staff/applications", { cookie: analyst.cookie });
    expect(queue.status).toBe(200);
    expect(queue.body.data.map((a: { id: string }) => a.id)).toContain(id);
    const before = await counts(api);
    const approve = await api.request(`/v1/staff/applications/${id}/approve`, { cookie: analyst.cookie, method: "POST" });
    expect(expectError(approve, 403, "staff_role_required").details).toEqual({
      required_roles: ["reviewer", "admin"],
      params: { roles: ["reviewer", "admin"] },
    });
    expectError(await api.request("/v1/staff/users", { cookie: analyst.cookie }), 403, "staff_role_required");
    expectError(
      await api.request("/v1/staff/users", {
        cookie: analyst.cookie,
        body: { email: "new@tiktok.test", name: "New", role: "admin", password: "long-enough-pass" },
      }),
      403,
      "staff_role_required",
    );
    expect(await counts(api)).toEqual(before);
    const row = await api.db.selectFrom("applications").select("status").where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.status).toBe("REVIEWING");
  });

  it("a reviewer cannot revoke (403); an admin's revoke turns the partner's On services Off, audited", async () => {
    const { partner, applicationId, serviceId } = await partnerWithService(api, reviewer.cookie);
    const second = await api.request("/v1/services", {
      cookie: partner.cookie,
      body: {
        type: "CUSTOM",
        category_id: "shop_registration",
        target_market: "US",
        name: "Second",
        description: "Another one.",
        contact_email: "ops2@example.com",
      },
    });
    expect((await publish(api, partner.cookie, serviceId)).status).toBe(200);

    const before = await counts(api);
    const denied = await api.request(`/v1/staff/applications/${applicationId}/revoke`, {
      cookie: reviewer.cookie,
      body: { reason: "Policy violation" },
    });
    expectError(denied, 403, "staff_role_required");
    expect(await counts(api)).toEqual(before);

    const revoked = await api.request(`/v1/staff/applications/${applicationId}/revoke`, {
      cookie: admin.cookie,
      body: { reason: "Policy violation" },
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe("REVOKED");
    expect(revoked.body.decision_reason).toBe("Policy violation");

    const service = await api.request(`/v1/services/${serviceId}`, { cookie: partner.cookie });
    expect(service.body.status).toBe("OFF");
    expect(service.body.referral_links).toHaveLength(2);
    for (const link of service.body.referral_links) expect(link.active).toBe(false);
    const staffLinks = await api.request(`/v1/staff/referral-links?service_id=${serviceId}`, { cookie: analyst.cookie });
    expect(staffLinks.body.data.map((l: { active: boolean }) => l.active)).toEqual([false, false]);

    const forced = (await auditOf(api, serviceId)).filter((e) => e.action === "force_off");
    expect(forced).toHaveLength(1);
    expect(forced[0]).toMatchObject({ from_status: "ON", to_status: "OFF", actor_id: admin.userId });
    expect(forced[0]?.reason).toMatch(/Policy violation/);
    // The draft service was not On: it stays Draft and gets no force_off row.
    const draft = await api.request(`/v1/services/${second.body.id}`, { cookie: partner.cookie });
    expect(draft.body.status).toBe("DRAFT");
    expect((await auditOf(api, second.body.id)).map((e) => e.action)).toEqual(["create"]);
  });

  it("a partner session does not open /v1/staff/*, and a staff session does not open partner routes", async () => {
    const partner = await api.signUp();
    expectError(await api.request("/v1/staff/applications", { cookie: partner.cookie }), 401, "unauthenticated");
    // Even the partner's token under the staff cookie's name is refused.
    const token = partner.cookie.split("=")[1];
    expectError(
      await api.request("/v1/staff/applications", { cookie: `shopreg_staff_session=${token}` }),
      401,
      "unauthenticated",
    );
    expectError(await api.request("/v1/applications", { cookie: reviewer.cookie }), 401, "unauthenticated");
    const staffToken = reviewer.cookie.split("=")[1];
    expectError(
      await api.request("/v1/applications", { cookie: `shopreg_partner_session=${staffToken}` }),
      401,
      "unauthenticated",
    );
    // A partner's bearer key means nothing on staff paths either.
    const key = await api.request("/v1/api-keys", { cookie: partner.cookie, body: { name: "ci" } });
    expectError(await api.request("/v1/staff/partners", { token: key.body.secret }), 401, "unauthenticated");
  });

  it("sets the session cookie HttpOnly and SameSite=Lax; logging out ends the session", async () => {
    const partner = await api.signUp();
    const login = await api.request("/v1/session", { body: { email: partner.email, password: TEST_PASSWORD } });
    expect(login.status).toBe(200);
    expect(login.setCookie).toMatch(/^shopreg_partner_session=/);
    expect(login.setCookie).toMatch(/HttpOnly/i);
    expect(login.setCookie).toMatch(/SameSite=Lax/i);
    expect(login.setCookie).toMatch(/Path=\//);
    const cookie = cookieOf(login.setCookie);
    expect((await api.request("/v1/session", { cookie })).status).toBe(200);
    // Beside it, a readable "signed in" hint (so a signed-out page skips the session check): it
    // carries no token, expires with the session and authenticates nothing.
    const [session, hint] = login.headers.getSetCookie();
    expect(hint).toMatch(/^shopreg_partner_signed_in=1;/);
    expect(hint).not.toMatch(/HttpOnly/i);
    expect(hint).toMatch(/SameSite=Lax/i);
    expect(/Expires=([^;]+)/.exec(hint!)?.[1]).toBe(/Expires=([^;]+)/.exec(session!)?.[1]);
    expectError(await api.request("/v1/session", { cookie: "shopreg_partner_signed_in=1" }), 401, "unauthenticated");

    const staffLogin = await api.request("/v1/staff/session", { body: { email: reviewer.email, password: TEST_PASSWORD } });
    expect(staffLogin.setCookie).toMatch(/^shopreg_staff_session=.*HttpOnly/i);
    expect(staffLogin.setCookie).toMatch(/SameSite=Lax/i);

    const out = await api.request("/v1/session", { cookie, method: "DELETE" });
    expect(out.status).toBe(204);
    expect(out.setCookie).toMatch(/shopreg_partner_session=;/);
    expect(out.headers.getSetCookie().some((c) => c.startsWith("shopreg_partner_signed_in=;"))).toBe(true);
    expectError(await api.request("/v1/session", { cookie }), 401, "unauthenticated");
    expectError(await api.request("/v1/applications", { cookie }), 401, "unauthenticated");
    // Signing out one session leaves the partner's other sessions alone.
    expect((await api.request("/v1/session", { cookie: partner.cookie })).status).toBe(200);

    const staffCookie = cookieOf(staffLogin.setCookie);
    expect((await api.request("/v1/staff/session", { cookie: staffCookie, method: "DELETE" })).status).toBe(204);
    expectError(await api.request("/v1/staff/session", { cookie: staffCookie }), 401);
  });

  it("an expired session is refused (401), for partners and staff alike", async () => {
    const partner = await api.signUp();
    const staff = await api.staff("reviewer");
    expect((await api.request("/v1/session", { cookie: partner.cookie })).status).toBe(200);
    await api.db
      .updateTable("sessions")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("user_id", "in", [partner.userId, staff.userId])
      .execute();
    expectError(await api.request("/v1/session", { cookie: partner.cookie }), 401, "unauthenticated");
    expectError(await api.request("/v1/staff/session", { cookie: staff.cookie }), 401, "unauthenticated");
  });

  it("an admin creates staff users; a disabled one cannot sign in and loses its sessions", async () => {
    const email = `temp-${Date.now()}@tiktok.test`;
    const created = await api.request("/v1/staff/users", {
      cookie: admin.cookie,
      body: { email, name: "Temp Reviewer", role: "reviewer", password: "a-long-password-1" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email, role: "reviewer", disabled_at: null });
    expect(JSON.stringify(created.body)).not.toContain("password");
    const dup = await api.request("/v1/staff/users", {
      cookie: admin.cookie,
      body: { email, name: "Again", role: "analyst", password: "a-long-password-1" },
    });
    expectError(dup, 409, "email_taken");

    const login = await api.request("/v1/staff/session", { body: { email, password: "a-long-password-1" } });
    expect(login.status).toBe(200);
    const cookie = cookieOf(login.setCookie);
    expect((await api.request("/v1/staff/session", { cookie })).body.user.role).toBe("reviewer");

    const list = await api.request("/v1/staff/users", { cookie: admin.cookie });
    expect(list.body.data.map((u: { email: string }) => u.email)).toContain(email);

    const disabled = await api.request(`/v1/staff/users/${created.body.id}/disable`, { cookie: admin.cookie, method: "POST" });
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabled_at).not.toBeNull();
    expectError(await api.request("/v1/staff/session", { cookie }), 401, "unauthenticated");
    const sessions = await api.db.selectFrom("sessions").selectAll().where("user_id", "=", created.body.id).execute();
    expect(sessions).toEqual([]);
    const again = await api.request("/v1/staff/session", { body: { email, password: "a-long-password-1" } });
    expect(expectError(again, 401, "unauthenticated").message).toMatch(/disabled/);
    expect(again.setCookie).toBeNull();

    const enabled = await api.request(`/v1/staff/users/${created.body.id}/enable`, { cookie: admin.cookie, method: "POST" });
    expect(enabled.body.disabled_at).toBeNull();
    expect((await api.request("/v1/staff/session", { body: { email, password: "a-long-password-1" } })).status).toBe(200);

    const self = await api.request(`/v1/staff/users/${admin.userId}/disable`, { cookie: admin.cookie, method: "POST" });
    expectError(self, 403, "cannot_disable_self");
  });

  it("a wrong password and an unknown email get the same 401; passwords are stored as argon2 hashes", async () => {
    const partner = await api.signUp();
    const wrong = await api.request("/v1/session", { body: { email: partner.email, password: "not-the-password" } });
    const unknown = await api.request("/v1/session", { body: { email: "nobody@example.com", password: "not-the-password" } });
    const e1 = expectError(wrong, 401, "unauthenticated");
    const e2 = expectError(unknown, 401, "unauthenticated");
    expect(e1.message).toBe(e2.message);
    // A partner's credentials do not sign in to the staff dashboard, with the same message.
    const staffWrongKind = await api.request("/v1/staff/session", { body: { email: partner.email, password: TEST_PASSWORD } });
    expect(expectError(staffWrongKind, 401, "unauthenticated").message).toBe(e1.message);

    const user = await api.db.selectFrom("users").selectAll().where("id", "=", partner.userId).executeTakeFirstOrThrow();
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    expect(user.password_hash).not.toContain(TEST_PASSWORD);
    // Session tokens are stored hashed too: the cookie's value is not a row id.
    const token = partner.cookie.split("=")[1] ?? "";
    const raw = await api.db.selectFrom("sessions").selectAll().where("id", "=", token).execute();
    expect(raw).toEqual([]);
  });
});
