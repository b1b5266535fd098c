import { cleanup, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import type { ApplicationForm } from "../lib/api.ts";
import { renderAt } from "./render.tsx";
import { apiError, application, server, service, session, signedIn, V1 } from "./server.ts";

const form: ApplicationForm = {
  version: 1,
  entity_type: "NON_US",
  fields: [
    { name: "legal_company_name", type: "text", required: true, label: { en: "Legal company name", zh: "公司法定名称" } },
    { name: "website", type: "url", required: true, label: { en: "Website", zh: "公司网站" } },
    { name: "registered_address", type: "textarea", required: true, label: { en: "Registered address", zh: "注册地址" } },
  ],
};

describe("Fill out details", () => {
  it("shows the API's field-level errors under their fields and keeps what was typed", async () => {
    const app = application();
    let patched: unknown;
    server.use(
      ...signedIn,
      http.get(`${V1}/applications/${app.id}`, () => HttpResponse.json(app)),
      http.get(`${V1}/application-forms/NON_US`, () => HttpResponse.json(form)),
      http.patch(`${V1}/applications/${app.id}`, async ({ request }) => {
        patched = await request.json();
        return HttpResponse.json(app);
      }),
      http.post(`${V1}/applications/${app.id}/submit`, ({ request }) => {
        expect(request.headers.get("idempotency-key")).toBeTruthy();
        return apiError(422, "validation_failed", "The application is incomplete or has invalid fields.", {
          fields: [
            { path: "details.website", message: "Enter a full http(s) URL, such as https://example.com." },
            { path: "details.registered_address", message: "Required." },
          ],
        });
      }),
    );
    const user = userEvent.setup();
    renderAt(`/applications/${app.id}`);
    await user.type(await screen.findByLabelText(/Legal company name/), "Harbor Ltd");
    await user.type(screen.getByLabelText(/Website/), "harbor");
    await user.click(screen.getByRole("button", { name: "Submit" }));

    expect(await screen.findByText("Enter a full http(s) URL, such as https://example.com.")).toBeTruthy();
    expect(screen.getByText("Required.")).toBeTruthy();
    expect(screen.getByLabelText(/Website/).getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByLabelText(/Legal company name/).getAttribute("aria-invalid")).toBe("false");
    expect((screen.getByLabelText(/Legal company name/) as HTMLInputElement).value).toBe("Harbor Ltd");
    expect((screen.getByLabelText(/Website/) as HTMLInputElement).value).toBe("harbor");
    expect(patched).toEqual({ details: { legal_company_name: "Harbor Ltd", website: "harbor" } });
    expect(screen.queryByText("Submitted successfully")).toBeNull();
  });

  it("says Submitted successfully once the API accepts the submission", async () => {
    const app = application({
      details: { legal_company_name: "Harbor Ltd", website: "https://h.example", registered_address: "Shenzhen" },
    });
    server.use(
      ...signedIn,
      http.get(`${V1}/applications/${app.id}`, () => HttpResponse.json(app)),
      http.get(`${V1}/applications`, () => HttpResponse.json({ data: [app], next_cursor: null })),
      http.get(`${V1}/application-forms/NON_US`, () => HttpResponse.json(form)),
      http.patch(`${V1}/applications/${app.id}`, () => HttpResponse.json(app)),
      http.post(`${V1}/applications/${app.id}/submit`, () =>
        HttpResponse.json({
          ...app,
          status: "REVIEWING",
          allowed_actions: [{ action: "withdraw", reason_required: false, reason_min_length: null }],
        }),
      ),
    );
    const user = userEvent.setup();
    renderAt(`/applications/${app.id}`);
    await user.click(await screen.findByRole("button", { name: "Submit" }));
    expect(await screen.findByText("Submitted successfully")).toBeTruthy();
  });
});

describe("App & Service", () => {
  it("shows an empty list with what to do next", async () => {
    server.use(
      ...signedIn,
      http.get(`${V1}/services`, () => HttpResponse.json({ data: [], next_cursor: null })),
    );
    renderAt("/services");
    expect(await screen.findByText("No services yet.")).toBeTruthy();
    expect(screen.getByRole("link", { name: "+ New service" }).getAttribute("href")).toBe("/services/new");
  });

  it("tells a partner whose application is not approved why, and where to apply", async () => {
    server.use(
      ...signedIn,
      http.get(`${V1}/applications`, () =>
        HttpResponse.json({
          data: [
            application({
              status: "REVIEWING",
              allowed_actions: [{ action: "withdraw", reason_required: false, reason_min_length: null }],
            }),
          ],
          next_cursor: null,
        }),
      ),
    );
    renderAt("/services/new");
    expect(await screen.findByText("You cannot create a Shop registration service yet")).toBeTruthy();
    expect(screen.getByText(/Your application is Reviewing\./)).toBeTruthy();
    expect(screen.getByRole("link", { name: "Apply now" }).getAttribute("href")).toBe("/profile?tab=category");
    expect(screen.getByRole("button", { name: "Create" }).hasAttribute("disabled")).toBe(true);
    expect(screen.getByRole("radio", { name: /Public/ }).hasAttribute("disabled")).toBe(true);
  });

  it("shows the not-approved message when the API refuses with application_not_approved", async () => {
    server.use(
      ...signedIn,
      http.get(`${V1}/applications`, () =>
        HttpResponse.json({ data: [application({ status: "APPROVED", allowed_actions: [] })], next_cursor: null }),
      ),
      // Revoked meanwhile: the API has the last word.
      http.post(`${V1}/services`, () =>
        apiError(403, "forbidden", "You can create a service only with an approved application.", {
          reason: "application_not_approved",
          application_status: "REVOKED",
        }),
      ),
    );
    const user = userEvent.setup();
    renderAt("/services/new");
    await user.type(await screen.findByLabelText(/Service name/), "Harbor Shop Launch");
    await user.type(screen.getByLabelText(/Description/), "We open U.S. shops.");
    expect(screen.queryByText("You cannot create a Shop registration service yet")).toBeNull();
    await user.click(screen.getByRole("button", { name: "Create" }));
    expect(await screen.findByText("You cannot create a Shop registration service yet")).toBeTruthy();
    expect((screen.getByLabelText(/Service name/) as HTMLInputElement).value).toBe("Harbor Shop Launch");
  });
});

describe("a service's page", () => {
  it("does not offer to publish again once the approval was revoked (the API would answer 403)", async () => {
    // The API leaves publish out of allowed_actions when the category is no longer approved.
    const off = service({
      status: "OFF",
      allowed_actions: [{ action: "update", reason_required: false, reason_min_length: null }],
    });
    server.use(
      ...signedIn,
      http.get(`${V1}/services/${off.id}`, () => HttpResponse.json(off)),
      http.get(`${V1}/analytics/funnel`, () => HttpResponse.json({ group_by: "link", data: [] })),
    );
    renderAt(`/services/${off.id}`);
    await screen.findByRole("heading", { level: 1, name: off.name });
    expect(screen.queryByRole("button", { name: "Publish again" })).toBeNull();
    expect(screen.queryByRole("button", { name: "More actions" })).toBeNull();
    expect(screen.getByRole("button", { name: "Edit" })).toBeTruthy();
  });

  it("offers no edit or deactivation to a caller the API offers nothing", async () => {
    const on = service({ status: "ON", allowed_actions: [] });
    server.use(
      ...signedIn,
      http.get(`${V1}/services/${on.id}`, () => HttpResponse.json(on)),
      http.get(`${V1}/analytics/funnel`, () => HttpResponse.json({ group_by: "link", data: [] })),
    );
    renderAt(`/services/${on.id}`);
    await screen.findByRole("heading", { level: 1, name: on.name });
    expect(screen.queryByRole("button", { name: "Edit" })).toBeNull();
    expect(screen.queryByRole("button", { name: "More actions" })).toBeNull();
  });

  it("confirms the target market before publishing, then shows both referral links", async () => {
    const draft = service();
    let confirmed: unknown;
    const links = [
      {
        id: "l1",
        audience: "LOCAL_SELLER",
        target_market: "US",
        token: "tokLocal123",
        url: "https://go.example/tokLocal123",
        active: true,
      },
      {
        id: "l2",
        audience: "CROSS_BORDER_SELLER",
        target_market: "US",
        token: "tokCross456",
        url: "https://go.example/tokCross456",
        active: true,
      },
    ] as const;
    server.use(
      ...signedIn,
      http.get(`${V1}/services/${draft.id}`, () => HttpResponse.json(draft)),
      http.get(`${V1}/services`, () => HttpResponse.json({ data: [draft], next_cursor: null })),
      http.get(`${V1}/analytics/funnel`, ({ request }) => {
        const q = new URL(request.url).searchParams;
        expect(q.get("service_id")).toBe(draft.id);
        expect(q.get("group_by")).toBe("link");
        const row = { partner_id: "p1", service_id: draft.id, bot_clicks: 0, inactive_clicks: 0, approved_shops: 1 };
        return HttpResponse.json({
          group_by: "link",
          data: [
            { ...row, key: "l1", label: null, audience: "LOCAL_SELLER", clicks: 1204, unique_clicks: 873, registrations: 12 },
          ],
        });
      }),
      http.post(`${V1}/services/${draft.id}/publish`, async ({ request }) => {
        confirmed = await request.json();
        return HttpResponse.json({ ...draft, status: "ON", referral_links: links });
      }),
    );
    const user = userEvent.setup();
    renderAt(`/services/${draft.id}`);
    expect(await screen.findByText(/Publish the service to get two referral links/)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Publish" }));
    const dialog = await screen.findByRole("dialog", { name: "Publish this service?" });
    expect(within(dialog).getByRole("radio", { name: "Target market: United States" })).toHaveProperty("checked", true);
    expect(confirmed).toBeUndefined();
    await user.click(within(dialog).getByRole("button", { name: "Publish" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(screen.getByDisplayValue("https://go.example/tokLocal123")).toBeTruthy();
    expect(confirmed).toEqual({ confirm_target_market: "US" });
    expect(screen.getByDisplayValue("https://go.example/tokCross456")).toBeTruthy();
    expect(screen.getByText("On")).toBeTruthy();
    expect(screen.getAllByRole("button", { name: "Copy link" })).toHaveLength(2);
    expect(screen.getByRole("img", { name: "QR code for Local sellers" })).toBeTruthy();
    // Each link's last 30 days; a link with no row has had no clicks.
    expect((await screen.findByTestId("stats-LOCAL_SELLER")).textContent).toBe(
      "Last 30 days: Clicks 1,204 · Unique clicks 873 · Registrations 12",
    );
    expect(screen.getByTestId("stats-CROSS_BORDER_SELLER").textContent).toBe(
      "Last 30 days: Clicks 0 · Unique clicks 0 · Registrations 0",
    );
    const analytics = screen.getByRole("link", { name: "View analytics: Harbor Shop Launch" });
    expect(analytics.getAttribute("href")).toBe(`/analytics?service_id=${draft.id}`);
  });
});

describe("API keys", () => {
  it("shows a new key's secret once", async () => {
    const key = {
      id: "k1",
      name: "ERP sync",
      prefix: "sr_live_Ab3dE9xY",
      scopes: ["services:read"],
      created_at: "2026-01-01T00:00:00.000Z",
      last_used_at: null,
      revoked_at: null,
    };
    let keys: (typeof key)[] = [];
    server.use(
      ...signedIn,
      http.get(`${V1}/api-keys`, () => HttpResponse.json({ data: keys, next_cursor: null })),
      http.post(`${V1}/api-keys`, () => {
        keys = [key];
        return HttpResponse.json({ ...key, secret: "sr_live_Ab3dE9xY_secretvalue" }, { status: 201 });
      }),
    );
    const user = userEvent.setup();
    renderAt("/api-keys");
    expect(await screen.findByText("No API keys yet.")).toBeTruthy();
    await user.type(screen.getByLabelText("Key name"), "ERP sync");
    await user.click(screen.getByRole("button", { name: "Create key" }));
    const dialog = await screen.findByRole("dialog", { name: "Your new API key" });
    expect(within(dialog).getByText("sr_live_Ab3dE9xY_secretvalue")).toBeTruthy();
    expect(within(dialog).getByRole("button", { name: "Copy" })).toBeTruthy();
    await user.click(within(dialog).getByRole("button", { name: "I have copied it" }));
    await waitFor(() => expect(screen.queryByText("sr_live_Ab3dE9xY_secretvalue")).toBeNull());
    expect(await screen.findByText("Never")).toBeTruthy();
  });
});

describe("sessions", () => {
  it("sends a visitor without a session to login, remembering where they were going", async () => {
    server.use(http.get(`${V1}/session`, () => apiError(401, "unauthenticated", "Sign in.")));
    const { router } = renderAt("/services");
    expect(await screen.findByRole("heading", { name: "Log in to Partner Center" })).toBeTruthy();
    expect(router.state.location.pathname).toBe("/login");
    expect(router.state.location.search).toEqual({ redirect: "/services" });
  });

  it("shows login to a signed-out visitor without asking the API (no 401 in the console), and to one signed in before, after asking", async () => {
    let asked = 0;
    server.use(
      http.get(`${V1}/session`, () => {
        asked++;
        return HttpResponse.json(session);
      }),
    );
    // biome-ignore lint/suspicious/noDocumentCookie: no "signed in" cookie from the API: nobody is.
    document.cookie = "shopreg_partner_signed_in=; Path=/; Max-Age=0";
    renderAt("/login");
    expect(await screen.findByRole("heading", { name: "Log in to Partner Center" })).toBeTruthy();
    expect(asked).toBe(0);
    cleanup();
    // biome-ignore lint/suspicious/noDocumentCookie: the cookie the API sets beside a session.
    document.cookie = "shopreg_partner_signed_in=1; Path=/";
    const { router } = renderAt("/login");
    await waitFor(() => expect(router.state.location.pathname).not.toBe("/login"));
    expect(asked).toBe(1);
  });

  it("returns to login when the session expires mid-visit", async () => {
    server.use(
      ...signedIn,
      http.get(`${V1}/services`, () => apiError(401, "unauthenticated", "Sign in.")),
    );
    const { router } = renderAt("/services");
    expect(await screen.findByRole("heading", { name: "Log in to Partner Center" })).toBeTruthy();
    expect(router.state.location.search).toEqual({ redirect: "/services" });
  });
});

describe("editing", () => {
  it("edits the profile's contact, showing the API's field errors, and leaves the regions alone", async () => {
    const patches: unknown[] = [];
    server.use(
      ...signedIn,
      http.get(`${V1}/applications`, () => HttpResponse.json({ data: [], next_cursor: null })),
      http.patch(`${V1}/profile`, async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        patches.push(body);
        if (body.contact_email === "wei@harbor")
          return apiError(422, "validation_failed", "The request is invalid; see details.fields.", {
            fields: [{ path: "contact_email", message: "Enter a valid email address." }],
          });
        return HttpResponse.json({ ...session.partner, ...body });
      }),
    );
    const user = userEvent.setup();
    renderAt("/profile?tab=basic");
    await user.click(await screen.findByRole("button", { name: "Edit" }));
    const dialog = await screen.findByRole("dialog", { name: "Edit basic information" });
    expect(within(dialog).queryByLabelText(/Registration region/)).toBeNull();
    const email = within(dialog).getByLabelText(/Contact email/);
    await user.clear(email);
    await user.type(email, "wei@harbor");
    await user.type(within(dialog).getByLabelText(/Contact phone/), "+86 755 5555 0199");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await within(dialog).findByText("Enter a valid email address.")).toBeTruthy();
    expect(email.getAttribute("aria-invalid")).toBe("true");
    await user.type(email, ".example.cn");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    // Only what changed is sent.
    expect(patches).toEqual([
      { contact_email: "wei@harbor", contact_phone: "+86 755 5555 0199" },
      { contact_email: "wei@harbor.example.cn", contact_phone: "+86 755 5555 0199" },
    ]);
    expect(await screen.findByText("+86 755 5555 0199")).toBeTruthy();
    // The note loads on its own (the snackbar is not in the first download).
    expect(await screen.findByText("Profile saved.", {}, { timeout: 10_000 })).toBeTruthy();
  });

  it("edits a service's name and shows it at once", async () => {
    const svc = service();
    let patched: unknown;
    server.use(
      ...signedIn,
      http.get(`${V1}/services/${svc.id}`, () => HttpResponse.json(svc)),
      http.get(`${V1}/services`, () => HttpResponse.json({ data: [svc], next_cursor: null })),
      http.patch(`${V1}/services/${svc.id}`, async ({ request }) => {
        patched = await request.json();
        return HttpResponse.json({ ...svc, ...(patched as object) });
      }),
    );
    const user = userEvent.setup();
    renderAt(`/services/${svc.id}`);
    await user.click(await screen.findByRole("button", { name: "Edit" }));
    const dialog = await screen.findByRole("dialog", { name: "Edit service details" });
    const name = within(dialog).getByLabelText(/Service name/);
    await user.clear(name);
    await user.type(name, "Harbor Shop Launch Plus");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await screen.findByRole("heading", { name: "Harbor Shop Launch Plus" })).toBeTruthy();
    expect(patched).toEqual({ name: "Harbor Shop Launch Plus" });
    expect(screen.getByText("Service details saved.")).toBeTruthy();
  });
});
