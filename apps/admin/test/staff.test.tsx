import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { App } from "../src/App.tsx";
import { server, useFakeStaffApi } from "./fakeStaffApi.ts";

describe("staff users (admin)", () => {
  it("disables an account and creates an analyst", async () => {
    useFakeStaffApi("admin");
    const users = [
      { id: "staff-1", email: "admin@shopreg.test", name: "Test admin", role: "admin", disabled_at: null, last_login_at: null },
      {
        id: "staff-2",
        email: "rev@shopreg.test",
        name: "Rita Reviewer",
        role: "reviewer",
        disabled_at: null,
        last_login_at: null,
      },
    ];
    const posts: { path: string; body: unknown }[] = [];
    server.use(
      http.get("*/v1/staff/users", () => HttpResponse.json({ data: users })),
      http.post("*/v1/staff/users/:id/disable", ({ params }) => {
        posts.push({ path: `disable ${params.id}`, body: null });
        const u = users.find((x) => x.id === params.id)!;
        Object.assign(u, { disabled_at: "2026-11-24T10:00:00.000Z" });
        return HttpResponse.json(u);
      }),
      http.post("*/v1/staff/users", async ({ request }) => {
        const body = (await request.json()) as Record<string, string>;
        posts.push({ path: "create", body });
        const u = {
          id: "staff-3",
          email: body.email!,
          name: body.name!,
          role: body.role!,
          disabled_at: null,
          last_login_at: null,
        };
        users.push(u);
        return HttpResponse.json(u, { status: 201 });
      }),
    );
    const user = userEvent.setup({ delay: null });
    window.location.hash = "#/staff-users";
    render(<App />);
    await screen.findByText("Rita Reviewer");
    // Roles read as words.
    expect(screen.getAllByText("Reviewer").length).toBeGreaterThan(0);
    // An admin cannot lock themselves out.
    expect(screen.queryByRole("button", { name: "Disable admin@shopreg.test" })).toBeNull();
    await user.click(screen.getByRole("button", { name: "Disable rev@shopreg.test" }));
    // Disabling asks first.
    await user.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Disable" }));
    await screen.findByRole("button", { name: "Enable rev@shopreg.test" });
    expect(posts).toEqual([{ path: "disable staff-2", body: null }]);

    await user.click(screen.getByRole("link", { name: "New staff user" }));
    await user.type(await screen.findByLabelText(/Name/), "Ann Analyst");
    await user.type(screen.getByLabelText(/Email/), "ann@shopreg.test");
    await user.click(screen.getByLabelText(/Role/));
    await user.click(await screen.findByRole("option", { name: "Analyst" }));
    await user.type(screen.getByLabelText(/Password/), "a-long-password-1");
    await user.click(screen.getByRole("button", { name: "Save" }));
    await screen.findByText("Ann Analyst");
    // The toast says what happened (react-admin's stock one says "Element created").
    await screen.findByText("Staff user Ann Analyst created. Share the password with them privately.");
    expect(screen.getAllByText("Analyst").length).toBeGreaterThan(0);
    expect(posts.at(-1)).toEqual({
      path: "create",
      body: { name: "Ann Analyst", email: "ann@shopreg.test", role: "analyst", password: "a-long-password-1" },
    });
  });
});

describe("audit log", () => {
  it("narrows the log to one actor from a row", async () => {
    useFakeStaffApi("analyst");
    const queries: Record<string, string>[] = [];
    server.use(
      http.get("*/v1/staff/audit-events", ({ request }) => {
        queries.push(Object.fromEntries(new URL(request.url).searchParams));
        return HttpResponse.json({
          data: [
            {
              id: "ev-9",
              occurred_at: "2026-11-24T10:00:00.000Z",
              actor_type: "user",
              actor_id: "staff-7",
              actor_label: "reviewer:rev@shopreg.test",
              partner_id: "p1",
              entity_type: "application",
              entity_id: "01a20f91-b1ba-7c2d-ae5d-44ae6f56ba8a",
              action: "reject",
              from_status: "REVIEWING",
              to_status: "REJECTED",
              reason: "Documents do not match.",
              request_id: "r1",
              data: null,
            },
          ],
          next_cursor: null,
        });
      }),
    );
    const user = userEvent.setup({ delay: null });
    window.location.hash = "#/audit-events";
    render(<App />);
    const row = (await screen.findByText("Documents do not match.")).closest("tr")!;
    expect(within(row).getByText("Rejected")).toBeTruthy();
    expect(within(row).getByText("Reviewing → Rejected")).toBeTruthy();
    await user.click(within(row).getByRole("button", { name: "reviewer:rev@shopreg.test" }));
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ actor_id: "staff-7" }));
  });

  it("puts every kind of row in words and offers its action and entity as filters", async () => {
    useFakeStaffApi("analyst");
    const queries: Record<string, string>[] = [];
    const row = (id: string, over: Record<string, unknown>) => ({
      id,
      occurred_at: "2026-12-01T10:00:00.000Z",
      actor_type: "user",
      actor_id: "u1",
      actor_label: "owner@example.com",
      partner_id: "p1",
      entity_id: `01a20f91-b1ba-7c2d-ae5d-44ae6f56ba${id}`,
      from_status: null,
      to_status: null,
      reason: null,
      request_id: "r1",
      data: null,
      ...over,
    });
    server.use(
      http.get("*/v1/staff/audit-events", ({ request }) => {
        queries.push(Object.fromEntries(new URL(request.url).searchParams));
        return HttpResponse.json({
          data: [
            row("01", { entity_type: "partner", action: "sign_up", to_status: "ACTIVE" }),
            row("02", { entity_type: "member", action: "transfer_ownership" }),
            row("03", { entity_type: "webhook_endpoint", action: "rotate_secret" }),
            row("04", { entity_type: "invitation", action: "accept", from_status: "PENDING", to_status: "ACCEPTED" }),
            row("05", {
              entity_type: "conversion",
              action: "seller.registered",
              actor_type: "seller_center",
              actor_id: null,
              actor_label: null,
            }),
          ],
          next_cursor: null,
        });
      }),
    );
    const user = userEvent.setup({ delay: null });
    window.location.hash = "#/audit-events";
    render(<App />);
    expect(await screen.findByText("Transferred ownership")).toBeTruthy();
    expect(screen.getByText("Rotated secret")).toBeTruthy();
    expect(screen.getByText("— → Active")).toBeTruthy();
    expect(screen.getByText("Pending → Accepted")).toBeTruthy();
    const conversion = screen.getByText("Seller registered").closest("tr")!;
    expect(within(conversion).getByText("Seller Center")).toBeTruthy();

    await user.click(screen.getByRole("combobox", { name: "Entity" }));
    await user.click(await screen.findByRole("option", { name: "Webhook endpoint" }));
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ entity_type: "webhook_endpoint" }));
    await user.click(screen.getByRole("combobox", { name: "Action" }));
    await user.click(await screen.findByRole("option", { name: "Rotated secret" }));
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ entity_type: "webhook_endpoint", action: "rotate_secret" }));
  });
});
