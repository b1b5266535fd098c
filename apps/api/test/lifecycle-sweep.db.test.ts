import { testEngines } from "@shopreg/db/testing";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, TEST_PASSWORD, type TestApi } from "../src/testing.ts";
import { ACCESS_ENDINGS, type AccessEnding, CREDENTIAL_KINDS, type CredentialKind } from "../src/usecases/users.ts";
import { startSmtp, until } from "./webhook-kit.ts";

/**
 * The lifecycle sweep (issue 22): for every way access ends and every kind of credential, what may
 * still act afterwards, checked over HTTP. Both lists come from the code (usecases/users.ts), and the
 * table below is typed by them: a new kind or a new ending does not compile without its row, and the
 * first test fails at run time too.
 *
 * - `acts`: works as before.
 * - `narrowed`: a key still authenticates but holds only what the maker's new role holds (it can no
 *   longer read webhook endpoints, which the old role could).
 * - `stopped`: refused (401 for a session or key, 409/410 for an invitation or a link, an endpoint
 *   turned off or deleted).
 */
type Outcome = "acts" | "narrowed" | "stopped";

const EXPECTED: Record<AccessEnding, Record<CredentialKind, Outcome>> = {
  member_removed: {
    session: "stopped",
    api_key: "stopped",
    key_minted_by_key: "stopped",
    open_invitation: "stopped",
    webhook_endpoint: "stopped",
    reset_link: "stopped",
    verification_link: "stopped",
  },
  member_demoted: {
    session: "acts",
    api_key: "narrowed",
    key_minted_by_key: "narrowed",
    open_invitation: "stopped",
    webhook_endpoint: "stopped",
    reset_link: "acts",
    verification_link: "acts",
  },
  user_disabled: {
    session: "stopped",
    api_key: "stopped",
    key_minted_by_key: "stopped",
    open_invitation: "stopped",
    webhook_endpoint: "stopped",
    reset_link: "stopped",
    verification_link: "stopped",
  },
  // The owner becomes an admin: admins invite admins, but hold no key or webhook scopes.
  ownership_transferred: {
    session: "acts",
    api_key: "narrowed",
    key_minted_by_key: "narrowed",
    open_invitation: "acts",
    webhook_endpoint: "stopped",
    reset_link: "acts",
    verification_link: "acts",
  },
  first_reset_unverified: {
    session: "stopped",
    api_key: "stopped",
    key_minted_by_key: "stopped",
    open_invitation: "stopped",
    webhook_endpoint: "stopped",
    reset_link: "stopped",
    verification_link: "stopped",
  },
  // The session that changed the password stays; `session` here is another one.
  password_changed: {
    session: "stopped",
    api_key: "acts",
    key_minted_by_key: "acts",
    open_invitation: "acts",
    webhook_endpoint: "acts",
    reset_link: "stopped",
    verification_link: "acts",
  },
};

const KEY_SCOPES = ["api_keys:read", "api_keys:write", "webhooks:read", "webhooks:write", "members:read"];
const cookieOf = (setCookie: string | null) => setCookie?.split(";")[0] ?? "";

describe.each(testEngines())("lifecycle sweep on $engine", ({ engine }) => {
  let api: TestApi;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let staffAdmin: Awaited<ReturnType<TestApi["staff"]>>;
  let n = 0;

  const email = (who: string) => `${who}${++n}-${Math.random().toString(36).slice(2, 7)}@example.com`;
  const mailTo = async (address: string, subject: RegExp) => {
    const matching = () =>
      smtp.mails.filter((m) => (m.to as { text: string }).text === address.toLowerCase() && subject.test(m.subject ?? ""));
    await until(() => matching().length >= 1, 10_000, `mail "${subject}" to ${address}`);
    return matching().at(-1) as ParsedMail;
  };
  const tokenIn = (mail: ParsedMail, page: string) => {
    const link = new RegExp(`https?://\\S+/${page}\\?token=([A-Za-z0-9_%-]+)`).exec(mail.text ?? "");
    if (!link?.[1]) throw new Error(`no ${page} link in: ${mail.text}`);
    return decodeURIComponent(link[1]);
  };
  const ok = (res: { status: number; body: unknown }, status: number) => {
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    return res.body as Record<string, any>;
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    api = await startTestApi(engine, {
      smtpUrl: smtp.url,
      partnerPublicUrl: "http://portal.test",
      webhookAllowPrivateUrls: true,
    });
    await api.startWorker();
    staffAdmin = await api.staff("admin");
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  /**
   * The subject: the founding owner of a fresh account, with a second owner who acts on them, and one
   * credential of every kind. Their address is confirmed through the database (as the test sign-up
   * does), so the sign-up's confirmation link stays unused; for the unverified reset it is unconfirmed
   * again afterwards, as an account prepared before unverified accounts were limited.
   */
  async function subjectWithEverything() {
    const subject = await api.signUp({ verified: false });
    const verificationToken = tokenIn(await mailTo(subject.email, /Confirm your email address/), "verify-email");
    await api.db.updateTable("users").set({ email_verified_at: new Date() }).where("id", "=", subject.userId).execute();

    const otherEmail = email("owner");
    ok(await api.request("/v1/invitations", { cookie: subject.cookie, body: { email: otherEmail, role: "owner" } }), 201);
    const joined = await api.request("/v1/invitations/accept", {
      body: { token: tokenIn(await mailTo(otherEmail, /invited/), "accept-invitation"), name: "Other", password: TEST_PASSWORD },
    });
    const other = {
      cookie: cookieOf(ok(joined, 201) && joined.setCookie),
      userId: joined.body.user.id as string,
      email: otherEmail,
    };

    const sessionLogin = await api.request("/v1/session", { body: { email: subject.email, password: TEST_PASSWORD } });
    const session = cookieOf(ok(sessionLogin, 200) && sessionLogin.setCookie);
    const k1 = ok(await api.request("/v1/api-keys", { cookie: subject.cookie, body: { name: "k1", scopes: KEY_SCOPES } }), 201);
    const k2 = ok(await api.request("/v1/api-keys", { token: k1.secret, body: { name: "k2", scopes: KEY_SCOPES } }), 201);
    const inviteeEmail = email("invitee");
    ok(await api.request("/v1/invitations", { cookie: subject.cookie, body: { email: inviteeEmail, role: "admin" } }), 201);
    const invitationToken = tokenIn(await mailTo(inviteeEmail, /invited/), "accept-invitation");
    const hook = ok(
      await api.request("/v1/webhook-endpoints", {
        cookie: subject.cookie,
        body: { url: "http://127.0.0.1:9/hook", event_types: ["webhook_endpoint.disabled"] },
      }),
      201,
    );
    ok(await api.request("/v1/password-resets", { body: { email: subject.email } }), 202);
    const resetToken = tokenIn(await mailTo(subject.email, /Reset your shopreg password/), "reset-password");
    return {
      subject,
      other,
      credentials: {
        session,
        k1: k1.secret as string,
        k2: k2.secret as string,
        invitationToken,
        hookId: hook.id as string,
        resetToken,
        verificationToken,
      },
    };
  }
  type World = Awaited<ReturnType<typeof subjectWithEverything>>;

  /** Each way access ends, done as a person would do it. */
  const END: Record<AccessEnding, (w: World) => Promise<void>> = {
    member_removed: async ({ subject, other }) => {
      ok(await api.request(`/v1/members/${subject.userId}`, { method: "DELETE", cookie: other.cookie }), 204);
    },
    member_demoted: async ({ subject, other }) => {
      ok(
        await api.request(`/v1/members/${subject.userId}`, { method: "PATCH", cookie: other.cookie, body: { role: "analyst" } }),
        200,
      );
    },
    user_disabled: async ({ subject }) => {
      ok(
        await api.request(`/v1/staff/partners/${subject.partnerId}/members/${subject.userId}/disable`, {
          method: "POST",
          cookie: staffAdmin.cookie,
        }),
        200,
      );
    },
    ownership_transferred: async ({ subject, other }) => {
      // To the other member, made an admin first so that ownership really moves.
      ok(
        await api.request(`/v1/members/${other.userId}`, { method: "PATCH", cookie: subject.cookie, body: { role: "admin" } }),
        200,
      );
      ok(await api.request(`/v1/members/${other.userId}/transfer-ownership`, { method: "POST", cookie: subject.cookie }), 200);
    },
    first_reset_unverified: async ({ subject, credentials }) => {
      await api.db.updateTable("users").set({ email_verified_at: null }).where("id", "=", subject.userId).execute();
      ok(
        await api.request("/v1/password-resets/confirm", {
          body: { token: credentials.resetToken, password: "the-real-owner-now" },
        }),
        204,
      );
    },
    password_changed: async ({ subject }) => {
      ok(
        await api.request("/v1/me/password", {
          cookie: subject.cookie,
          body: { current_password: TEST_PASSWORD, new_password: "a-brand-new-passphrase" },
        }),
        200,
      );
    },
  };

  const keyOutcome = async (secret: string): Promise<Outcome> => {
    const current = await api.request("/v1/api-keys/current", { token: secret });
    if (current.status === 401) return "stopped";
    ok(current, 200);
    const hooks = await api.request("/v1/webhook-endpoints", { token: secret });
    return hooks.status === 200 ? "acts" : hooks.status === 403 ? "narrowed" : (`unexpected ${hooks.status}` as Outcome);
  };

  /** What each credential does now. The invitation and the reset link are used up by asking, so they go last. */
  const PROBE: Record<CredentialKind, (w: World) => Promise<Outcome>> = {
    session: async ({ credentials }) => {
      const res = await api.request("/v1/session", { cookie: credentials.session });
      return res.status === 200 ? "acts" : res.status === 401 ? "stopped" : (`unexpected ${res.status}` as Outcome);
    },
    api_key: ({ credentials }) => keyOutcome(credentials.k1),
    key_minted_by_key: ({ credentials }) => keyOutcome(credentials.k2),
    webhook_endpoint: async ({ credentials }) => {
      const row = await api.db
        .selectFrom("webhook_endpoints")
        .select(["enabled", "deleted_at"])
        .where("id", "=", credentials.hookId)
        .executeTakeFirstOrThrow();
      return row.enabled && !row.deleted_at ? "acts" : "stopped";
    },
    verification_link: async ({ credentials }) => {
      const res = await api.request("/v1/email-verifications/confirm", { body: { token: credentials.verificationToken } });
      return res.status === 200 ? "acts" : res.status === 410 ? "stopped" : (`unexpected ${res.status}` as Outcome);
    },
    open_invitation: async ({ credentials }) => {
      const res = await api.request("/v1/invitations/accept", {
        body: { token: credentials.invitationToken, name: "Invitee", password: TEST_PASSWORD },
      });
      return res.status === 201 ? "acts" : [404, 409].includes(res.status) ? "stopped" : (`unexpected ${res.status}` as Outcome);
    },
    reset_link: async ({ credentials }) => {
      const res = await api.request("/v1/password-resets/confirm", {
        body: { token: credentials.resetToken, password: "yet-another-passphrase" },
      });
      return res.status === 204 ? "acts" : res.status === 410 ? "stopped" : (`unexpected ${res.status}` as Outcome);
    },
  };
  const PROBE_ORDER: readonly CredentialKind[] = [
    "session",
    "api_key",
    "key_minted_by_key",
    "webhook_endpoint",
    "verification_link",
    "open_invitation",
    "reset_link",
  ];

  it("has a row for every way access ends and a cell for every kind of credential the code knows", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACCESS_ENDINGS].sort());
    for (const ending of ACCESS_ENDINGS) expect(Object.keys(EXPECTED[ending]).sort()).toEqual([...CREDENTIAL_KINDS].sort());
    expect([...PROBE_ORDER].sort()).toEqual([...CREDENTIAL_KINDS].sort());
  });

  it.each(ACCESS_ENDINGS.map((ending) => [ending]))("after %s, every credential does what the table says", async (ending) => {
    const world = await subjectWithEverything();
    // Before: everything acts.
    for (const kind of ["session", "api_key", "key_minted_by_key", "webhook_endpoint"] as const) {
      expect(await PROBE[kind](world), `${kind} before`).toBe("acts");
    }
    await END[ending](world);
    const seen: Partial<Record<CredentialKind, Outcome>> = {};
    for (const kind of PROBE_ORDER) seen[kind] = await PROBE[kind](world);
    expect(seen).toEqual(EXPECTED[ending]);

    if (ending === "first_reset_unverified") {
      // The member the unproven account brought in is gone too.
      const other = await api.db
        .selectFrom("users")
        .select("partner_id")
        .where("id", "=", world.other.userId)
        .executeTakeFirstOrThrow();
      expect(other.partner_id).toBeNull();
      expect((await api.request("/v1/session", { cookie: world.other.cookie })).status).toBe(401);
    }
  });
});
