import { applicationActionsFor } from "@shopreg/domain";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import type { Session } from "../lib/api.ts";
import { renderAt } from "./render.tsx";
import { apiError, application, catalog, server, session, V1 } from "./server.ts";

const anonymous = http.get(`${V1}/session`, () => apiError(401, "unauthenticated", "no"));
const TOKEN = "t0k3n-from-the-mail-0123456789";
/** The reset page asks first whether the link works: this one does. */
const linkWorks = http.post(`${V1}/password-resets/check`, () =>
  HttpResponse.json({ valid: true, reason: null, expires_at: "2026-12-07T12:00:00.000Z" }),
);

/** Issue 14: forgot / reset password, verify email, the unverified banner and the nav an analyst sees. */
describe("account lifecycle screens", { timeout: 60_000 }, () => {
  it("asks for a reset link from the log-in screen and says the same whatever the address", async () => {
    let sent: unknown;
    server.use(
      anonymous,
      http.post(`${V1}/password-resets`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json({ email: (sent as { email: string }).email, expires_in_seconds: 3600 }, { status: 202 });
      }),
    );
    const user = userEvent.setup();
    renderAt("/login");
    await user.type(await screen.findByLabelText(/Email/), "li@harbor.example.cn");
    await user.click(screen.getByRole("link", { name: "Forgot your password?" }));
    expect(await screen.findByRole("heading", { name: "Reset your password" })).toBeTruthy();
    // The address typed on the log-in screen came along.
    expect((screen.getByLabelText(/Email/) as HTMLInputElement).value).toBe("li@harbor.example.cn");
    await user.click(screen.getByRole("button", { name: "Email me a link" }));
    expect(await screen.findByText(/If an account exists for li@harbor.example.cn, we sent it a link/)).toBeTruthy();
    expect(sent).toEqual({ email: "li@harbor.example.cn" });
  });

  it("sets a new password from the link, checks the two match, and offers to log in", async () => {
    let sent: unknown;
    server.use(
      anonymous,
      linkWorks,
      http.post(`${V1}/password-resets/confirm`, async ({ request }) => {
        sent = await request.json();
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const user = userEvent.setup();
    renderAt(`/reset-password?token=${TOKEN}`);
    await user.type(await screen.findByLabelText(/^New password \*/), "a-new-password-1");
    await user.type(screen.getByLabelText(/New password again/), "a-new-password-2");
    await user.click(screen.getByRole("button", { name: "Set the new password" }));
    expect(await screen.findByText("The two passwords differ.")).toBeTruthy();
    expect(sent).toBeUndefined();
    await user.clear(screen.getByLabelText(/New password again/));
    await user.type(screen.getByLabelText(/New password again/), "a-new-password-1");
    await user.click(screen.getByRole("button", { name: "Set the new password" }));
    expect(await screen.findByText(/Your password is changed/)).toBeTruthy();
    expect(sent).toEqual({ token: TOKEN, password: "a-new-password-1" });
    expect(screen.getByRole("link", { name: "Log in" }).getAttribute("href")).toBe("/login");
  });

  it("says a used link was used before showing the form", async () => {
    let checked: unknown;
    server.use(
      anonymous,
      http.post(`${V1}/password-resets/check`, async ({ request }) => {
        checked = await request.json();
        return HttpResponse.json({ valid: false, reason: "used", expires_at: null });
      }),
    );
    renderAt(`/reset-password?token=${TOKEN}`);
    expect(await screen.findByText(/This link was already used/)).toBeTruthy();
    expect(checked).toEqual({ token: TOKEN });
    expect(screen.queryByLabelText(/^New password \*/)).toBeNull();
    expect(screen.getByRole("link", { name: "Ask for a new link" }).getAttribute("href")).toBe("/forgot-password");
  });

  it("explains a link that expired while the form was open and offers a new one", async () => {
    server.use(
      anonymous,
      linkWorks,
      http.post(`${V1}/password-resets/confirm`, () =>
        apiError(410, "link_not_valid", "This password reset link has expired; ask for a new one.", { reason: "expired" }),
      ),
    );
    const user = userEvent.setup();
    renderAt(`/reset-password?token=${TOKEN}`);
    await user.type(await screen.findByLabelText(/^New password \*/), "a-new-password-1");
    await user.type(screen.getByLabelText(/New password again/), "a-new-password-1");
    await user.click(screen.getByRole("button", { name: "Set the new password" }));
    expect(await screen.findByText(/This link has expired \(links work for 1 hour\)/)).toBeTruthy();
    expect(screen.getByRole("link", { name: "Ask for a new link" }).getAttribute("href")).toBe("/forgot-password");
  });

  it("confirms the address from the link once", async () => {
    const calls: unknown[] = [];
    server.use(
      anonymous,
      http.post(`${V1}/email-verifications/confirm`, async ({ request }) => {
        calls.push(await request.json());
        return HttpResponse.json({ email: "li@harbor.example.cn", email_verified: true });
      }),
    );
    renderAt(`/verify-email?token=${TOKEN}`);
    expect(await screen.findByText(/Your email address is confirmed/)).toBeTruthy();
    expect(calls).toEqual([{ token: TOKEN }]);
  });

  it("shows an unverified user the banner with resend, and why Submit is disabled", async () => {
    const unverified: Session = { ...session, user: { ...session.user, email_verified: false } };
    let resent = 0;
    server.use(
      http.get(`${V1}/session`, () => HttpResponse.json(unverified)),
      http.get(`${V1}/catalog`, () => HttpResponse.json(catalog)),
      // What the API answers an unconfirmed address: no submit among the allowed actions.
      http.get(`${V1}/applications/:id`, () =>
        HttpResponse.json(
          application({
            allowed_actions: applicationActionsFor("DRAFT", {
              kind: "partner",
              scopes: ["applications:write"],
              email_verified: false,
            }),
          }),
        ),
      ),
      http.get(`${V1}/application-forms/:entity`, () => HttpResponse.json({ version: 1, entity_type: "NON_US", fields: [] })),
      http.post(`${V1}/me/email-verification`, () => {
        resent++;
        return new HttpResponse(null, { status: 202 });
      }),
    );
    const user = userEvent.setup();
    renderAt(`/applications/${application().id}`);
    expect(await screen.findByText(/Confirm your email address: open the link we sent to li@harbor.example.cn/)).toBeTruthy();
    const submit = await screen.findByRole("button", { name: "Submit" });
    expect(submit.hasAttribute("disabled")).toBe(true);
    expect(screen.getByText(/Confirm your email address to submit/)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Resend email" }));
    expect(await screen.findByText("We sent a new link to li@harbor.example.cn.")).toBeTruthy();
    expect(resent).toBe(1);
  });

  it("shows an analyst only the navigation its role may use", async () => {
    const analyst: Session = { ...session, user: { ...session.user, role: "analyst", scopes: ["analytics:read"] } };
    server.use(
      http.get(`${V1}/session`, () => HttpResponse.json(analyst)),
      http.get(`${V1}/catalog`, () => HttpResponse.json(catalog)),
      http.get(`${V1}/me/two-factor`, () =>
        HttpResponse.json({ enabled: false, enabled_at: null, recovery_codes_left: 0, required: false }),
      ),
      http.get(`${V1}/me/sessions`, () => HttpResponse.json({ data: [] })),
    );
    renderAt("/account");
    const nav = await screen.findByRole("navigation", { name: "Partner Center" });
    await waitFor(() => expect(nav.textContent).toContain("Analytics"));
    for (const hidden of ["Profile", "App & Service", "API keys", "Webhooks", "Members"]) {
      expect(nav.textContent).not.toContain(hidden);
    }
    expect(nav.textContent).toContain("Account security");
  });
});
