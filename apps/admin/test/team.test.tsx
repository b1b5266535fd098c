import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { App } from "../src/App.tsx";
import { errorBody, PARTNER_ID, server, useFakeStaffApi } from "./fakeStaffApi.ts";

const admin = {
  id: "staff-9",
  email: "admin@shopreg.test",
  name: "Ada Admin",
  role: "admin",
  two_factor_enabled: false,
  disabled_at: null,
  last_login_at: null,
  created_at: "2026-11-01T00:00:00.000Z",
};

describe("staff sign-in and two-factor", () => {
  it("asks for the code the API requires and sends the same email and password with it", async () => {
    useFakeStaffApi("admin");
    const bodies: unknown[] = [];
    let signedIn = false;
    server.use(
      http.get("*/v1/staff/session", () =>
        signedIn
          ? HttpResponse.json({ user: { ...admin, two_factor_enabled: true } })
          : errorBody(401, "unauthenticated", "Sign in."),
      ),
      http.post("*/v1/staff/session", async ({ request }) => {
        const body = (await request.json()) as { code?: string };
        bodies.push(body);
        if (!body.code) return errorBody(401, "two_factor_required", "Enter the code from your authenticator app.");
        signedIn = true;
        return HttpResponse.json({ user: { ...admin, two_factor_enabled: true } });
      }),
    );
    const user = userEvent.setup({ delay: null });
    window.location.hash = "#/login";
    render(<App />);
    await user.type(await screen.findByLabelText(/Email/), "admin@shopreg.test");
    await user.type(screen.getByLabelText(/Password/), "correct-horse-battery");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    await user.type(await screen.findByLabelText(/Verification code/), "123456");
    await user.click(screen.getByRole("button", { name: "Verify" }));
    await screen.findByText("Shenzhen Bridge Trading Ltd");
    expect(bodies).toEqual([
      { email: "admin@shopreg.test", password: "correct-horse-battery" },
      { email: "admin@shopreg.test", password: "correct-horse-battery", code: "123456" },
    ]);
  });

  it("sends an admin the API refuses (two_factor_enrolment_required) to enrol, then shows the recovery codes once", async () => {
    useFakeStaffApi("admin");
    let enabled = false;
    const confirmed: unknown[] = [];
    server.use(
      http.get("*/v1/staff/session", () => HttpResponse.json({ user: { ...admin, two_factor_enabled: enabled } })),
      http.get("*/v1/staff/applications", () =>
        enabled
          ? HttpResponse.json({ data: [], next_cursor: null })
          : HttpResponse.json(
              {
                error: {
                  code: "two_factor_enrolment_required",
                  message: "Staff admins must turn on two-factor before acting.",
                  request_id: "req_test",
                  details: { enrol: "/v1/staff/me/two-factor" },
                },
              },
              { status: 403 },
            ),
      ),
      http.get("*/v1/staff/me/two-factor", () =>
        HttpResponse.json({ enabled, enabled_at: null, recovery_codes_left: enabled ? 10 : 0, required: true }),
      ),
      http.post("*/v1/staff/me/two-factor", () =>
        HttpResponse.json(
          { otpauth_uri: "otpauth://totp/shopreg:admin?secret=JBSWY3DPEHPK3PXP&issuer=shopreg", secret: "JBSWY3DPEHPK3PXP" },
          { status: 201 },
        ),
      ),
      http.post("*/v1/staff/me/two-factor/confirm", async ({ request }) => {
        confirmed.push(await request.json());
        enabled = true;
        return HttpResponse.json({ recovery_codes: ["aaaaa-11111", "bbbbb-22222"] });
      }),
    );
    // The dashboard's layout may still be fading out behind the enrolment page.
    const user = userEvent.setup({ delay: null, pointerEventsCheck: 0 });
    window.location.hash = "#/applications";
    render(<App />);
    // The refusal sends the admin to the enrolment page.
    await waitFor(() => expect(window.location.hash).toContain("/security"));
    await screen.findByText(/Staff admins must turn on two-factor/);
    // Settled (every refused request has redirected) before the enrolment starts.
    await new Promise((r) => setTimeout(r, 500));
    await user.click(await screen.findByRole("button", { name: "Set up two-factor" }));
    expect(await screen.findByRole("img", { name: "QR code for your authenticator app" })).toBeTruthy();
    expect(screen.getByTestId("totp-secret").textContent).toBe("JBSWY3DPEHPK3PXP");
    await user.type(screen.getByLabelText(/Your current password/), "correct-horse-battery");
    await user.type(screen.getByLabelText(/6-digit code/), "246810");
    await user.click(screen.getByRole("button", { name: "Turn on two-factor" }));
    const codes = await screen.findByTestId("recovery-codes");
    expect(
      within(codes)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["aaaaa-11111", "bbbbb-22222"]);
    expect(confirmed).toEqual([{ code: "246810", password: "correct-horse-battery" }]);
    await user.click(screen.getByRole("button", { name: "Continue to the dashboard" }));
    await waitFor(() => expect(screen.queryByTestId("recovery-codes")).toBeNull());
  });
});

describe("a partner's members", () => {
  const members = () => [
    {
      id: "pu-1",
      email: "owner@bridge.example.cn",
      name: "Li Hua",
      role: "owner",
      two_factor_enabled: true,
      disabled_at: null as string | null,
      last_login_at: null,
      joined_at: "2026-11-20T08:00:00.000Z",
    },
    {
      id: "pu-2",
      email: "ana@bridge.example.cn",
      name: "Ana Analyst",
      role: "analyst",
      two_factor_enabled: false,
      disabled_at: null as string | null,
      last_login_at: null,
      joined_at: "2026-11-21T08:00:00.000Z",
    },
  ];
  const overview = {
    id: PARTNER_ID,
    company_name: "Shenzhen Bridge Trading Ltd",
    entity_type: "NON_US",
    registration_region: "CN",
    company_registration_region: "CN",
    contact_name: "Li Hua",
    contact_email: "li@global.example.com",
    contact_phone: null,
    require_two_factor: false,
    created_at: "2026-11-20T08:00:00.000Z",
    updated_at: "2026-11-20T08:00:00.000Z",
  };
  const partnerRoutes = (list: ReturnType<typeof members>, posts: string[]) => [
    http.get("*/v1/staff/partners/:id", () =>
      HttpResponse.json({ partner: overview, applications: [], services: [], api_keys: [] }),
    ),
    http.get("*/v1/staff/partners/:id/members", () => HttpResponse.json({ data: list })),
    http.post("*/v1/staff/partners/:id/members/:userId/:action", ({ params }) => {
      posts.push(`${params.action} ${params.userId}`);
      const m = list.find((x) => x.id === params.userId)!;
      m.disabled_at = params.action === "disable" ? "2026-11-30T10:00:00.000Z" : null;
      return HttpResponse.json(m);
    }),
  ];

  it("lets an admin disable and enable a partner user", async () => {
    useFakeStaffApi("admin");
    const posts: string[] = [];
    server.use(...partnerRoutes(members(), posts));
    const user = userEvent.setup({ delay: null });
    window.location.hash = `#/partners/${PARTNER_ID}/show`;
    render(<App />);
    const table = await screen.findByRole("table", { name: "Members" });
    expect(within(table).getByText("Ana Analyst")).toBeTruthy();
    await user.click(within(table).getByRole("button", { name: "Disable ana@bridge.example.cn" }));
    await within(table).findByRole("button", { name: "Enable ana@bridge.example.cn" });
    await user.click(within(table).getByRole("button", { name: "Enable ana@bridge.example.cn" }));
    await within(table).findByRole("button", { name: "Disable ana@bridge.example.cn" });
    expect(posts).toEqual(["disable pu-2", "enable pu-2"]);
  });

  it("shows a reviewer the members without the buttons", async () => {
    useFakeStaffApi("reviewer");
    server.use(...partnerRoutes(members(), []));
    window.location.hash = `#/partners/${PARTNER_ID}/show`;
    render(<App />);
    const table = await screen.findByRole("table", { name: "Members" });
    expect(within(table).getByText("Ana Analyst")).toBeTruthy();
    expect(within(table).queryByRole("button")).toBeNull();
  });
});
