import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import type { Invitation, Member, Session, UserSession } from "../lib/api.ts";
import { renderAt } from "./render.tsx";
import { apiError, catalog, server, session, V1 } from "./server.ts";

const member = (over: Partial<Member>): Member => ({
  id: "u1",
  email: "li@harbor.example.cn",
  name: "Li Wei",
  role: "owner",
  two_factor_enabled: false,
  disabled_at: null,
  last_login_at: "2026-11-30T08:00:00.000Z",
  joined_at: "2026-01-01T00:00:00.000Z",
  ...over,
});

const invitation = (over: Partial<Invitation> = {}): Invitation => ({
  id: "inv1",
  email: "ana@harbor.example.cn",
  role: "analyst",
  status: "PENDING",
  invited_by: "u1",
  expires_at: "2026-12-07T08:00:00.000Z",
  sent_count: 1,
  last_sent_at: "2026-11-30T08:00:00.000Z",
  created_at: "2026-11-30T08:00:00.000Z",
  ...over,
});

const as = (role: Member["role"], scopes: Session["user"]["scopes"]): Session => ({
  ...session,
  user: { ...session.user, role, scopes },
});
const ownerSession = as("owner", [
  "profile:read",
  "profile:write",
  "members:read",
  "members:write",
  "api_keys:read",
  "api_keys:write",
  "analytics:read",
]);

describe("Members", () => {
  it("lets an owner invite an analyst, resend and revoke an invitation, change a role and transfer ownership", async () => {
    const members = [member({}), member({ id: "u2", email: "dev@harbor.example.cn", name: "Dev Zhang", role: "developer" })];
    const invitations: Invitation[] = [];
    const calls: string[] = [];
    server.use(
      http.get(`${V1}/session`, () => HttpResponse.json(ownerSession)),
      http.get(`${V1}/catalog`, () => HttpResponse.json(catalog)),
      http.get(`${V1}/members`, () => HttpResponse.json({ data: members })),
      http.get(`${V1}/invitations`, () => HttpResponse.json({ data: invitations })),
      http.post(`${V1}/invitations`, async ({ request }) => {
        const body = (await request.json()) as { email: string; role: Member["role"] };
        calls.push(`invite ${body.email} ${body.role}`);
        const inv = invitation({ email: body.email, role: body.role });
        invitations.push(inv);
        return HttpResponse.json(inv, { status: 201 });
      }),
      http.post(`${V1}/invitations/:id/resend`, ({ params }) => {
        calls.push(`resend ${params.id}`);
        return HttpResponse.json(invitation({ sent_count: 2 }));
      }),
      http.delete(`${V1}/invitations/:id`, ({ params }) => {
        calls.push(`revoke ${params.id}`);
        invitations.splice(0);
        return HttpResponse.json(invitation({ status: "REVOKED" }));
      }),
      http.patch(`${V1}/members/:id`, async ({ params, request }) => {
        const { role } = (await request.json()) as { role: Member["role"] };
        calls.push(`role ${params.id} ${role}`);
        const m = members.find((x) => x.id === params.id)!;
        m.role = role;
        return HttpResponse.json(m);
      }),
      http.post(`${V1}/members/:id/transfer-ownership`, ({ params }) => {
        calls.push(`transfer ${params.id}`);
        return HttpResponse.json(member({ id: String(params.id), role: "owner" }));
      }),
    );
    const user = userEvent.setup();
    renderAt("/members");
    await screen.findByRole("heading", { name: "Members", level: 1 });
    expect(screen.getByRole("link", { name: "Members" })).toBeTruthy();

    await user.type(screen.getByLabelText("Email"), "ana@harbor.example.cn");
    // Analyst is the default role: the least access.
    expect(screen.getByText("Reads analytics only.")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Send invitation" }));
    expect(await screen.findByText("Invitation sent to ana@harbor.example.cn.")).toBeTruthy();
    const pending = await screen.findByRole("table", { name: "Pending invitations" });
    expect(within(pending).getByText("ana@harbor.example.cn")).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Resend the invitation to ana@harbor.example.cn" }));
    expect(await screen.findByText(/A new link was sent to ana@harbor.example.cn/)).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Revoke the invitation for ana@harbor.example.cn" }));
    const revokeDialog = await screen.findByRole("dialog", { name: "Revoke this invitation?" });
    await user.click(within(revokeDialog).getByRole("button", { name: "Revoke" }));
    expect(await screen.findByText("No pending invitations.")).toBeTruthy();
    // The dialog's closing transition hides the page from assistive tech until it ends.
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());

    await user.click(screen.getByRole("combobox", { name: "Role of Dev Zhang" }));
    await user.click(await screen.findByRole("option", { name: "Admin" }));
    await waitFor(() => expect(calls).toContain("role u2 admin"));

    // The owner's own switch for the team.
    expect(screen.getByRole("switch", { name: "Require two-factor authentication for every member" })).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Transfer ownership to Dev Zhang" }));
    const transferDialog = await screen.findByRole("dialog", { name: "Transfer ownership?" });
    expect(within(transferDialog).getByText(/you become an admin/)).toBeTruthy();
    await user.click(within(transferDialog).getByRole("button", { name: "Transfer ownership" }));
    await waitFor(() => expect(calls).toContain("transfer u2"));
    expect(calls.slice(0, 3)).toEqual(["invite ana@harbor.example.cn analyst", "resend inv1", "revoke inv1"]);
  });

  it("does not offer the only owner Leave (the account always keeps one), but offers it to one of two owners", async () => {
    let members = [member({})];
    server.use(
      http.get(`${V1}/session`, () => HttpResponse.json(ownerSession)),
      http.get(`${V1}/members`, () => HttpResponse.json({ data: members })),
      http.get(`${V1}/invitations`, () => HttpResponse.json({ data: [] })),
    );
    const user = userEvent.setup();
    const { unmount } = renderAt("/members");
    await screen.findByText("li@harbor.example.cn");
    expect(screen.queryByRole("button", { name: "Leave" })).toBeNull();
    unmount();

    members = [member({}), member({ id: "u2", email: "co@harbor.example.cn", name: "Co Owner" })];
    renderAt("/members");
    await user.click(await screen.findByRole("button", { name: "Leave" }));
    const dialog = await screen.findByRole("dialog", { name: "Leave this account?" });
    expect(within(dialog).getByText(/You lose access to/)).toBeTruthy();
  });

  it("shows a developer the members but no way to change them", async () => {
    server.use(
      http.get(`${V1}/session`, () =>
        HttpResponse.json(as("developer", ["profile:read", "members:read", "services:read", "api_keys:read"])),
      ),
      http.get(`${V1}/members`, () =>
        HttpResponse.json({ data: [member({ id: "u9", name: "Owner Wang" }), member({ role: "developer" })] }),
      ),
    );
    renderAt("/members");
    await screen.findByText("Owner Wang");
    expect(screen.queryByRole("button", { name: "Send invitation" })).toBeNull();
    expect(screen.queryByRole("combobox", { name: /Role of/ })).toBeNull();
    expect(screen.queryByRole("button", { name: /Transfer ownership/ })).toBeNull();
    expect(screen.queryByRole("button", { name: /Remove|Leave/ })).toBeNull();
    expect(screen.queryByRole("switch")).toBeNull();
  });

  it("gives an analyst no Members item and sends them to analytics after signing in", async () => {
    server.use(
      http.get(`${V1}/session`, () => HttpResponse.json(as("analyst", ["analytics:read"]))),
      http.get(`${V1}/analytics/*`, () => apiError(500, "internal", "not under test")),
      http.get(`${V1}/services`, () => HttpResponse.json({ data: [], next_cursor: null })),
    );
    const { router } = renderAt("/");
    await waitFor(() => expect(router.state.location.pathname).toBe("/analytics"));
    await screen.findByRole("link", { name: "Analytics" });
    expect(screen.queryByRole("link", { name: "Members" })).toBeNull();
    expect(await screen.findByRole("link", { name: "Account security" })).toBeTruthy();
  });
});

describe("Accept invitation", () => {
  it("creates the new member with name and password and signs them in", async () => {
    let body: unknown;
    server.use(
      http.get(`${V1}/session`, () => apiError(401, "unauthenticated", "Sign in.")),
      http.post(`${V1}/invitations/accept`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ ...as("analyst", ["analytics:read"]) }, { status: 201 });
      }),
      http.get(`${V1}/analytics/*`, () => apiError(500, "internal", "not under test")),
      http.get(`${V1}/services`, () => HttpResponse.json({ data: [], next_cursor: null })),
    );
    const user = userEvent.setup();
    const token = "t".repeat(43);
    const { router } = renderAt(`/accept-invitation?token=${token}`);
    await user.type(await screen.findByLabelText(/Your name/), "Ana Analyst");
    await user.type(screen.getByLabelText(/Choose a password/), "a-long-password-1");
    await user.click(screen.getByRole("button", { name: "Join the team" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/analytics"));
    expect(body).toEqual({ token, name: "Ana Analyst", password: "a-long-password-1" });
  });

  it("joins an existing user with their password only, and says why a used link fails", async () => {
    const bodies: unknown[] = [];
    server.use(
      http.get(`${V1}/session`, () => apiError(401, "unauthenticated", "Sign in.")),
      http.post(`${V1}/invitations/accept`, async ({ request }) => {
        bodies.push(await request.json());
        return apiError(409, "conflict", "This invitation was already used.", { reason: "accepted" });
      }),
    );
    const user = userEvent.setup();
    const token = "u".repeat(43);
    renderAt(`/accept-invitation?token=${token}`);
    await user.click(await screen.findByLabelText(/I already have a Partner Center login/));
    expect(screen.queryByLabelText(/Your name/)).toBeNull();
    await user.type(screen.getByLabelText(/Your password/), "my-old-password");
    await user.click(screen.getByRole("button", { name: "Join the team" }));
    expect(await screen.findByText("This invitation was already used. Log in instead.")).toBeTruthy();
    expect(bodies).toEqual([{ token, password: "my-old-password" }]);
  });

  it("says the link is incomplete without a token", async () => {
    server.use(http.get(`${V1}/session`, () => apiError(401, "unauthenticated", "Sign in.")));
    renderAt("/accept-invitation");
    expect(await screen.findByText(/This link is incomplete/)).toBeTruthy();
  });
});

describe("Sign-in with two-factor", () => {
  it("asks for the code when the API answers two_factor_required and sends the same body with it", async () => {
    const bodies: unknown[] = [];
    let signedIn = false;
    server.use(
      http.get(`${V1}/session`, () => (signedIn ? HttpResponse.json(session) : apiError(401, "unauthenticated", "Sign in."))),
      http.post(`${V1}/session`, async ({ request }) => {
        const body = (await request.json()) as { code?: string };
        bodies.push(body);
        if (!body.code) return apiError(401, "two_factor_required", "Enter the code from your authenticator app.");
        signedIn = true;
        return HttpResponse.json(ownerSession);
      }),
      http.get(`${V1}/catalog`, () => HttpResponse.json(catalog)),
      http.get(`${V1}/profile`, () => HttpResponse.json(session.partner)),
      http.get(`${V1}/applications`, () => HttpResponse.json({ data: [], next_cursor: null })),
    );
    const user = userEvent.setup();
    const { router } = renderAt("/login");
    await user.type(await screen.findByLabelText(/Email/), "li@harbor.example.cn");
    await user.type(screen.getByLabelText(/Password/), "correct horse battery");
    await user.click(screen.getByRole("button", { name: "Log in" }));
    await user.type(await screen.findByLabelText(/Verification code/), "123456");
    expect(screen.queryByText("Enter the code from your authenticator app.")).toBeNull();
    await user.click(screen.getByRole("button", { name: "Verify" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/profile"));
    expect(bodies).toEqual([
      { email: "li@harbor.example.cn", password: "correct horse battery" },
      { email: "li@harbor.example.cn", password: "correct horse battery", code: "123456" },
    ]);
  });
});

describe("Account security", () => {
  const sessions: UserSession[] = [
    {
      id: "s1",
      current: true,
      device: "Chrome 120 on macOS",
      browser: "Chrome 120",
      os: "macOS",
      device_type: null,
      user_agent: "Mozilla/5.0",
      created_at: "2026-11-30T08:00:00.000Z",
      last_seen_at: "2026-11-30T09:00:00.000Z",
      expires_at: "2026-12-30T08:00:00.000Z",
    },
    {
      id: "s2",
      current: false,
      device: "Safari 17 on iOS",
      browser: "Safari 17",
      os: "iOS",
      device_type: "mobile",
      user_agent: "Mozilla/5.0 (iPhone)",
      created_at: "2026-11-29T08:00:00.000Z",
      last_seen_at: "2026-11-29T09:00:00.000Z",
      expires_at: "2026-12-29T08:00:00.000Z",
    },
  ];

  it("changes the password, enrols two-factor with a QR code and shows the recovery codes once, ends other sessions", async () => {
    const calls: unknown[] = [];
    let enabled = false;
    let list = [...sessions];
    server.use(
      http.get(`${V1}/session`, () => HttpResponse.json(ownerSession)),
      http.get(`${V1}/me/two-factor`, () =>
        HttpResponse.json({
          enabled,
          enabled_at: enabled ? "2026-11-30T09:30:00.000Z" : null,
          recovery_codes_left: enabled ? 10 : 0,
          required: false,
        }),
      ),
      http.get(`${V1}/me/sessions`, () => HttpResponse.json({ data: list })),
      http.post(`${V1}/me/password`, async ({ request }) => {
        const body = (await request.json()) as { current_password: string };
        calls.push(body);
        if (body.current_password !== "old-password-1")
          return apiError(422, "validation_failed", "Check the fields.", {
            fields: [{ path: "current_password", message: "The current password is wrong." }],
          });
        return HttpResponse.json({ other_sessions_ended: 1 });
      }),
      http.post(`${V1}/me/two-factor`, () =>
        HttpResponse.json(
          {
            otpauth_uri: "otpauth://totp/Partner%20Center:li?secret=JBSWY3DPEHPK3PXP&issuer=Partner%20Center",
            secret: "JBSWY3DPEHPK3PXP",
          },
          { status: 201 },
        ),
      ),
      http.post(`${V1}/me/two-factor/confirm`, async ({ request }) => {
        calls.push(await request.json());
        enabled = true;
        return HttpResponse.json({ recovery_codes: ["abcde-12345", "fghij-67890"] });
      }),
      http.post(`${V1}/me/sessions/end-others`, () => {
        list = list.filter((s) => s.current);
        return HttpResponse.json({ sessions_ended: 1 });
      }),
    );
    const user = userEvent.setup();
    renderAt("/account");
    await screen.findByRole("heading", { name: "Account security", level: 1 });

    await user.type(screen.getByLabelText("Current password"), "wrong");
    await user.type(screen.getByLabelText("New password"), "new-password-22");
    await user.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByText("The current password is wrong.")).toBeTruthy();
    await user.clear(screen.getByLabelText("Current password"));
    await user.type(screen.getByLabelText("Current password"), "old-password-1");
    await user.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByText("Password changed. Logged out of 1 other session.")).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Set up two-factor" }));
    expect(await screen.findByRole("img", { name: "QR code for your authenticator app" })).toBeTruthy();
    expect(screen.getByTestId("totp-secret").textContent).toBe("JBSWY3DPEHPK3PXP");
    await user.type(screen.getByLabelText("Your current password"), "new-password-22");
    await user.type(screen.getByLabelText("6-digit code"), "654321");
    await user.click(screen.getByRole("button", { name: "Turn on" }));
    const codes = await screen.findByTestId("recovery-codes");
    expect(
      within(codes)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["abcde-12345", "fghij-67890"]);
    expect(screen.queryByTestId("totp-secret")).toBeNull();
    await user.click(screen.getByRole("button", { name: "I have copied it" }));
    expect(screen.queryByTestId("recovery-codes")).toBeNull();
    expect(await screen.findByRole("button", { name: "Turn off two-factor" })).toBeTruthy();

    const table = screen.getByRole("table", { name: "Where you are signed in" });
    expect(within(table).getByText("This device")).toBeTruthy();
    expect(within(table).getByText("Safari 17 on iOS")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Log out of all other sessions" }));
    expect(await screen.findByText("Logged out of 1 other session.")).toBeTruthy();
    await waitFor(() => expect(within(table).queryByText("Safari 17 on iOS")).toBeNull());
    expect(calls).toEqual([
      { current_password: "wrong", new_password: "new-password-22" },
      { current_password: "old-password-1", new_password: "new-password-22" },
      { code: "654321", password: "new-password-22" },
    ]);
  });
});
