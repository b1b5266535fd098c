import { testEngines } from "@shopreg/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, TEST_PASSWORD, type TestApi } from "../src/testing.ts";
import { auditOf, expectError } from "./helpers.ts";
import { startSmtp, until } from "./webhook-kit.ts";

const NEW_PASSWORD = "a-fresh-staff-passphrase";

/** Issue 26 item 5: an admin changes a staff member's role and sends them a reset link, audited; an admin always remains. */
describe.each(testEngines())("staff management on $engine", ({ engine }) => {
  let api: TestApi;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let admin: Awaited<ReturnType<TestApi["staff"]>>;

  const staffLogIn = (email: string, password: string) => api.request("/v1/staff/session", { body: { email, password } });
  const setRole = (cookie: string, id: string, role: string) =>
    api.request(`/v1/staff/users/${id}/role`, { cookie, body: { role } });

  beforeAll(async () => {
    smtp = await startSmtp();
    api = await startTestApi(engine, { smtpUrl: smtp.url, partnerPublicUrl: "http://portal.test" });
    await api.startWorker();
    admin = await api.staff("admin");
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  it("an admin changes a staff member's role: it applies at once and is audited; others may not", async () => {
    const analyst = await api.staff("analyst");
    const changed = await setRole(admin.cookie, analyst.userId, "reviewer");
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ id: analyst.userId, role: "reviewer" });
    // The member's own session already has the new role.
    expect((await api.request("/v1/staff/session", { cookie: analyst.cookie })).body.user.role).toBe("reviewer");
    const trail = await auditOf(api, analyst.userId);
    const row = trail.find((a) => a.action === "change_role");
    expect(row).toMatchObject({
      entity_type: "staff_user",
      from_status: "analyst",
      to_status: "reviewer",
      actor_id: admin.userId,
    });

    const bad = await setRole(admin.cookie, analyst.userId, "owner");
    expect(expectError(bad, 422, "validation_failed").details.fields[0].path).toBe("role");
    expectError(await setRole(analyst.cookie, analyst.userId, "admin"), 403, "staff_role_required");
    expect((await api.request("/v1/staff/session", { cookie: analyst.cookie })).body.user.role).toBe("reviewer");
  });

  it("the last admin who can sign in stays an admin; two admins disabling each other at once leave one", async () => {
    const [a, b] = [await api.staff("admin"), await api.staff("admin")];
    // Three admins (with the suite's): a may demote b, then the suite's admin, but not itself last.
    expect((await setRole(a.cookie, b.userId, "analyst")).status).toBe(200);
    expect((await setRole(a.cookie, admin.userId, "reviewer")).status).toBe(200);
    const last = await setRole(a.cookie, a.userId, "reviewer");
    expect(expectError(last, 409, "last_admin").details).toEqual({ reason: "last_admin" });
    expect((await api.request("/v1/staff/session", { cookie: a.cookie })).body.user.role).toBe("admin");

    // Back to two admins, who each disable the other in the same instant: one of them remains.
    expect((await setRole(a.cookie, admin.userId, "admin")).status).toBe(200);
    const [one, two] = await Promise.all([
      api.request(`/v1/staff/users/${admin.userId}/disable`, { cookie: a.cookie, method: "POST" }),
      api.request(`/v1/staff/users/${a.userId}/disable`, { cookie: admin.cookie, method: "POST" }),
    ]);
    const statuses = [one.status, two.status].sort();
    expect(statuses[0]).toBe(200);
    expect([401, 409]).toContain(statuses[1]);
    const admins = await api.db
      .selectFrom("users")
      .select("id")
      .where("role", "=", "admin")
      .where("disabled_at", "is", null)
      .where("id", "in", [a.userId, admin.userId])
      .execute();
    expect(admins).toHaveLength(1);
    // The suite goes on with whichever admin remains.
    if (admins[0]!.id === a.userId) admin = a;
    else await api.request(`/v1/staff/users/${a.userId}/enable`, { cookie: admin.cookie, method: "POST" });
  });

  it("an admin mails a staff member a reset link: no password is shown, the link sets one, audited", async () => {
    const reviewer = await api.staff("reviewer");
    const sent = await api.request(`/v1/staff/users/${reviewer.userId}/password-reset`, { cookie: admin.cookie, method: "POST" });
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    expect(sent.body).toMatchObject({ id: reviewer.userId, email: reviewer.email });
    expect(JSON.stringify(sent.body)).not.toMatch(/password|token/i);
    const mailed = () => smtp.mails.find((m) => (m.to as { text: string }).text === reviewer.email);
    await until(() => Boolean(mailed()), 10_000, "the staff reset mail");
    const mail = mailed()!;
    expect(mail.subject).toBe("Choose a new password for the shopreg dashboard");
    const token = decodeURIComponent(/http:\/\/portal\.test\/reset-password\?token=([A-Za-z0-9_%-]+)/.exec(mail.text ?? "")![1]!);
    // Until the link is used, the current password still works.
    expect((await staffLogIn(reviewer.email, TEST_PASSWORD)).status).toBe(200);
    expect((await api.request("/v1/password-resets/check", { body: { token } })).body.valid).toBe(true);

    const done = await api.request("/v1/password-resets/confirm", { body: { token, password: NEW_PASSWORD } });
    expect(done.status, JSON.stringify(done.body)).toBe(204);
    expectError(await staffLogIn(reviewer.email, TEST_PASSWORD), 401);
    const after = await staffLogIn(reviewer.email, NEW_PASSWORD);
    expect(after.status).toBe(200);
    expect(after.body.user.role).toBe("reviewer");
    expectError(await api.request("/v1/staff/session", { cookie: reviewer.cookie }), 401);
    const trail = await auditOf(api, reviewer.userId);
    expect(trail.find((a) => a.action === "send_password_reset")).toMatchObject({
      entity_type: "staff_user",
      actor_id: admin.userId,
    });
    expect(trail.find((a) => a.action === "reset_password")).toMatchObject({
      entity_type: "staff_user",
      actor_id: reviewer.userId,
    });

    // A disabled account gets no link; a reviewer cannot send one.
    await api.request(`/v1/staff/users/${reviewer.userId}/disable`, { cookie: admin.cookie, method: "POST" });
    const refused = await api.request(`/v1/staff/users/${reviewer.userId}/password-reset`, {
      cookie: admin.cookie,
      method: "POST",
    });
    expect(expectError(refused, 409, "account_disabled").details).toEqual({ reason: "disabled" });
    const other = await api.staff("reviewer");
    expectError(
      await api.request(`/v1/staff/users/${reviewer.userId}/password-reset`, { cookie: other.cookie, method: "POST" }),
      403,
      "staff_role_required",
    );
  });
});
