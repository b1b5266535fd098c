import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { HttpResponse, http } from "msw";
import { describe, expect, it, vi } from "vitest";
import type { WebhookDelivery, WebhookEndpoint } from "../components/webhooks/api.ts";
import { renderAt } from "./render.tsx";
import { apiError, server, signedIn, V1 } from "./server.ts";

const ID = "0190a000-0000-7000-8000-0000000000e1";
const endpoint = (over: Partial<WebhookEndpoint> = {}): WebhookEndpoint => ({
  id: ID,
  url: "https://tool.example.com/hooks",
  description: "CRM",
  event_types: [],
  enabled: true,
  disabled_reason: null,
  previous_secret_expires_at: null,
  created_at: "2026-11-30T10:00:00.000Z",
  updated_at: "2026-11-30T10:00:00.000Z",
  ...over,
});
const delivery = (n: number, over: Partial<WebhookDelivery> = {}): WebhookDelivery => ({
  id: `d${n}`,
  event_id: `e${n}`,
  event_type: "application.approved",
  endpoint_id: ID,
  status: "succeeded",
  attempts: 1,
  response_status: 200,
  latency_ms: 40 + n,
  response_excerpt: "ok",
  error: null,
  next_attempt_at: null,
  last_attempt_at: "2026-11-30T10:00:00.000Z",
  delivered_at: "2026-11-30T10:00:00.000Z",
  created_at: "2026-11-30T10:00:00.000Z",
  ...over,
});
const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

describe("Webhooks list", () => {
  it("adds an endpoint with the events picked, shows its secret once, then opens it", async () => {
    let endpoints: WebhookEndpoint[] = [];
    let posted: unknown;
    server.use(
      ...signedIn,
      http.get(`${V1}/webhook-endpoints`, () => HttpResponse.json({ data: endpoints, next_cursor: null })),
      http.post(`${V1}/webhook-endpoints`, async ({ request }) => {
        posted = await request.json();
        endpoints = [endpoint({ event_types: ["application.approved", "application.rejected"] })];
        return HttpResponse.json({ ...endpoints[0], secret: SECRET }, { status: 201 });
      }),
      http.get(`${V1}/webhook-endpoints/${ID}`, () => HttpResponse.json(endpoints[0])),
      http.get(`${V1}/webhook-endpoints/${ID}/deliveries`, () => HttpResponse.json({ data: [], next_cursor: null })),
    );
    const user = userEvent.setup();
    const { router } = renderAt("/webhooks");
    expect(await screen.findByText("No webhook endpoints yet.")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Add endpoint" }));
    const dialog = await screen.findByRole("dialog", { name: "Add a webhook endpoint" });
    await user.type(within(dialog).getByLabelText(/Endpoint URL/), "https://tool.example.com/hooks");
    await user.click(within(dialog).getByRole("checkbox", { name: "All events" }));
    // Nothing picked: said, and the form cannot be sent.
    expect(within(dialog).getByRole("alert").textContent).toBe("Choose at least one event, or All events.");
    expect(within(dialog).getByRole("button", { name: "Add endpoint" }).hasAttribute("disabled")).toBe(true);
    // A whole group at once, then one type off again.
    const applications = within(dialog).getByRole("group", { name: "Applications" });
    await user.click(within(applications).getByRole("checkbox", { name: "Applications" }));
    for (const t of ["submitted", "needs_info", "revoked"]) {
      await user.click(within(applications).getByRole("checkbox", { name: new RegExp(`application\\.${t}`) }));
    }
    expect(within(dialog).getByRole("group", { name: "Sellers and shops" })).toBeTruthy();
    await user.click(within(dialog).getByRole("button", { name: "Add endpoint" }));

    const secret = await screen.findByRole("dialog", { name: "Your endpoint's signing secret" });
    expect(within(secret).getByText(SECRET)).toBeTruthy();
    expect(within(secret).getByText(/shown only once/)).toBeTruthy();
    expect(posted).toEqual({
      url: "https://tool.example.com/hooks",
      event_types: ["application.approved", "application.rejected"],
    });
    await user.click(within(secret).getByRole("button", { name: "I have copied it" }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/webhooks/${ID}`));
    expect(await screen.findByText("Nothing sent to this endpoint yet. Send a test event to try it.")).toBeTruthy();
    expect(screen.queryByText(SECRET)).toBeNull();
  });

  it("shows the API's refusal of a URL under the field and keeps the dialog open", async () => {
    server.use(
      ...signedIn,
      http.get(`${V1}/webhook-endpoints`, () => HttpResponse.json({ data: [], next_cursor: null })),
      http.post(`${V1}/webhook-endpoints`, () =>
        apiError(422, "validation_failed", "Invalid input.", {
          fields: [{ path: "url", message: "Use an https:// URL." }],
        }),
      ),
    );
    const user = userEvent.setup();
    renderAt("/webhooks");
    await user.click(await screen.findByRole("button", { name: "Add endpoint" }));
    const dialog = await screen.findByRole("dialog", { name: "Add a webhook endpoint" });
    await user.type(within(dialog).getByLabelText(/Endpoint URL/), "http://tool.example.com");
    await user.click(within(dialog).getByRole("button", { name: "Add endpoint" }));
    expect(await within(dialog).findByText("Use an https:// URL.")).toBeTruthy();
    expect(
      within(dialog)
        .getByLabelText(/Endpoint URL/)
        .getAttribute("aria-invalid"),
    ).toBe("true");
    expect(screen.queryByRole("dialog", { name: "Your endpoint's signing secret" })).toBeNull();
  });

  it("says what went wrong when the list cannot load, and tries again", async () => {
    // The router and React log the failed match; printing it trips happy-dom (an anchor's private field).
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    let fail = true;
    server.use(
      ...signedIn,
      http.get(`${V1}/webhook-endpoints`, () =>
        fail
          ? apiError(429, "rate_limited", "Too many requests. Retry in 1 s.")
          : HttpResponse.json({ data: [endpoint()], next_cursor: null }),
      ),
    );
    const user = userEvent.setup();
    renderAt("/webhooks");
    expect(await screen.findByText("Too many requests. Retry in 1 s.")).toBeTruthy();
    fail = false;
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("link", { name: "https://tool.example.com/hooks" })).toBeTruthy();
    expect(screen.getByText("All events")).toBeTruthy();
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
    error.mockRestore();
  });
});

describe("Webhook endpoint page", () => {
  const base = (ep: WebhookEndpoint = endpoint()) => [
    ...signedIn,
    http.get(`${V1}/webhook-endpoints/${ID}`, () => HttpResponse.json(ep)),
    http.get(`${V1}/webhook-endpoints`, () => HttpResponse.json({ data: [ep], next_cursor: null })),
  ];

  it("pages the delivery log by cursor, filters by status and redelivers", async () => {
    const asked: string[] = [];
    let redelivered: string | null = null;
    server.use(
      ...base(),
      http.get(`${V1}/webhook-endpoints/${ID}/deliveries`, ({ request }) => {
        const q = new URL(request.url).searchParams;
        asked.push(`${q.get("status") ?? "all"}:${q.get("cursor") ?? ""}`);
        if (q.get("status") === "failed") {
          return HttpResponse.json({
            data: [
              delivery(9, { status: "failed", attempts: 8, response_status: 500, error: "HTTP 500", response_excerpt: "boom" }),
            ],
            next_cursor: null,
          });
        }
        if (q.get("cursor") === "c2")
          return HttpResponse.json({ data: [delivery(3, { event_type: "service.published" })], next_cursor: null });
        return HttpResponse.json({
          data: [delivery(1), delivery(2, { status: "pending", attempts: 0, response_status: null, latency_ms: null })],
          next_cursor: "c2",
        });
      }),
      http.post(`${V1}/webhook-deliveries/:id/redeliver`, ({ params }) => {
        redelivered = params.id as string;
        return HttpResponse.json(delivery(1, { status: "pending" }), { status: 202 });
      }),
    );
    const user = userEvent.setup();
    renderAt(`/webhooks/${ID}`);
    const log = await screen.findByRole("table", { name: "Delivery log" });
    const rows = () => within(log).getAllByRole("row").slice(1);
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(within(rows()[0]!).getByText("Succeeded")).toBeTruthy();
    expect(within(rows()[0]!).getByText("41 ms")).toBeTruthy();
    expect(within(rows()[1]!).getByText("Pending")).toBeTruthy();
    // A pending delivery cannot be redelivered yet.
    expect(
      within(rows()[1]!)
        .getByRole("button", { name: /Redeliver/ })
        .hasAttribute("disabled"),
    ).toBe(true);

    await user.click(within(rows()[0]!).getByRole("button", { name: /Redeliver/ }));
    expect(await screen.findByText("Queued for delivery again.")).toBeTruthy();
    expect(redelivered).toBe("d1");

    await user.click(screen.getByRole("button", { name: "Older" }));
    expect(await screen.findByText("service.published")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Older" }).hasAttribute("disabled")).toBe(true);
    await user.click(screen.getByRole("button", { name: "Newer" }));
    await waitFor(() => expect(screen.queryByText("service.published")).toBeNull());

    await user.click(screen.getByRole("combobox", { name: /Status/ }));
    await user.click(await screen.findByRole("option", { name: "Failed" }));
    expect(await screen.findByText("HTTP 500")).toBeTruthy();
    expect(screen.getByText("8")).toBeTruthy();
    expect(asked).toContain("all:c2");
    expect(asked).toContain("failed:");
  });

  it("sends a test event and shows the refusal of a redelivery while the endpoint is busy", async () => {
    let tested = false;
    server.use(
      ...base(),
      http.get(`${V1}/webhook-endpoints/${ID}/deliveries`, () => HttpResponse.json({ data: [delivery(1)], next_cursor: null })),
      http.post(`${V1}/webhook-endpoints/${ID}/test`, () => {
        tested = true;
        return HttpResponse.json({ event_id: "e9", delivery: delivery(9, { status: "pending" }) }, { status: 202 });
      }),
      http.post(`${V1}/webhook-deliveries/d1/redeliver`, () => apiError(409, "conflict", "This delivery is still pending.")),
    );
    const user = userEvent.setup();
    renderAt(`/webhooks/${ID}`);
    await user.click(await screen.findByRole("button", { name: "Send test" }));
    expect(await screen.findByText("Test event sent. It shows in the delivery log below.")).toBeTruthy();
    expect(tested).toBe(true);
    await user.click(await screen.findByRole("button", { name: /Redeliver/ }));
    expect(await screen.findByText("This delivery is still pending.")).toBeTruthy();
  });

  it("rotates the secret after a confirmation that the old one signs for 24 hours", async () => {
    server.use(
      ...base(),
      http.get(`${V1}/webhook-endpoints/${ID}/deliveries`, () => HttpResponse.json({ data: [], next_cursor: null })),
      http.post(`${V1}/webhook-endpoints/${ID}/rotate-secret`, () =>
        HttpResponse.json({ ...endpoint({ previous_secret_expires_at: "2026-12-01T10:00:00.000Z" }), secret: SECRET }),
      ),
    );
    const user = userEvent.setup();
    renderAt(`/webhooks/${ID}`);
    await user.click(await screen.findByRole("button", { name: "Rotate secret" }));
    const confirm = await screen.findByRole("dialog", { name: "Rotate the signing secret?" });
    expect(within(confirm).getByText(/old secret keeps signing for 24 hours/)).toBeTruthy();
    await user.click(within(confirm).getByRole("button", { name: "Rotate secret" }));
    const secret = await screen.findByRole("dialog", { name: "Your endpoint's signing secret" });
    expect(within(secret).getByText(SECRET)).toBeTruthy();
    await user.click(within(secret).getByRole("button", { name: "I have copied it" }));
    expect(await screen.findByText(/previous secret also signs until/)).toBeTruthy();
    expect(screen.queryByText(SECRET)).toBeNull();
  });

  it("edits, disables and deletes (confirmed) an endpoint", async () => {
    let current = endpoint();
    const patches: unknown[] = [];
    let deleted = false;
    server.use(
      ...signedIn,
      http.get(`${V1}/webhook-endpoints/${ID}`, () => HttpResponse.json(current)),
      http.get(`${V1}/webhook-endpoints`, () => HttpResponse.json({ data: deleted ? [] : [current], next_cursor: null })),
      http.get(`${V1}/webhook-endpoints/${ID}/deliveries`, () => HttpResponse.json({ data: [], next_cursor: null })),
      http.patch(`${V1}/webhook-endpoints/${ID}`, async ({ request }) => {
        const body = (await request.json()) as Partial<WebhookEndpoint>;
        patches.push(body);
        current = { ...current, ...body, disabled_reason: body.enabled === false ? "Disabled by the partner." : null };
        return HttpResponse.json(current);
      }),
      http.delete(`${V1}/webhook-endpoints/${ID}`, () => {
        deleted = true;
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const user = userEvent.setup();
    const { router } = renderAt(`/webhooks/${ID}`);
    await user.click(await screen.findByRole("button", { name: "Edit" }));
    const dialog = await screen.findByRole("dialog", { name: "Edit webhook endpoint" });
    const url = within(dialog).getByLabelText(/Endpoint URL/);
    await user.clear(url);
    await user.type(url, "https://tool.example.com/v2");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await screen.findByRole("heading", { name: "https://tool.example.com/v2" })).toBeTruthy();

    await user.click(screen.getByRole("switch", { name: "Send events to this endpoint" }));
    expect(await screen.findByText("Disabled: Disabled by the partner.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Send test" }).hasAttribute("disabled")).toBe(true);
    expect(patches).toEqual([{ url: "https://tool.example.com/v2", description: "CRM", event_types: [] }, { enabled: false }]);

    await user.click(screen.getByRole("button", { name: "Delete" }));
    const confirm = await screen.findByRole("dialog", { name: "Delete this endpoint?" });
    expect(deleted).toBe(false);
    await user.click(within(confirm).getByRole("button", { name: "Delete" }));
    expect(await screen.findByText("No webhook endpoints yet.")).toBeTruthy();
    expect(deleted).toBe(true);
    expect(router.state.location.pathname).toBe("/webhooks");
  });
});
