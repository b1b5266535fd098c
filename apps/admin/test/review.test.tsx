import { REASON_MIN_LENGTH } from "@shopreg/domain";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { delay, HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { App } from "../src/App.tsx";
import { APP_ID, errorBody, server, useFakeStaffApi } from "./fakeStaffApi.ts";

/** The dashboard on an application's page, signed in (the fake API answers the session). */
async function openApplication() {
  window.location.hash = `#/applications/${APP_ID}/show`;
  render(<App />);
  await screen.findByRole("heading", { name: "Application form" });
}

// The last h1 is the application's (the first is the page title in the app bar).
const status = () => screen.getAllByRole("heading", { level: 1 }).at(-1)!.parentElement!;

describe("review actions", () => {
  it("a reviewer approves after confirming, with an idempotency key", async () => {
    const { calls } = useFakeStaffApi("reviewer");
    const user = userEvent.setup({ delay: null });
    await openApplication();
    expect(within(status()).getByText("Reviewing")).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Approve" }));
    const dialog = await screen.findByRole("dialog", { name: "Approve this application?" });
    expect(calls).toEqual([]); // nothing happens before the confirmation
    await user.click(within(dialog).getByRole("button", { name: "Confirm: Approve" }));

    await waitFor(() => expect(within(status()).getByText("Approved")).toBeTruthy());
    await screen.findByText("Application approved");
    expect(calls).toEqual([
      { method: "POST", path: `/v1/staff/applications/${APP_ID}/approve`, body: null, idempotencyKey: expect.any(String) },
    ]);
    expect(screen.queryByRole("button", { name: "Approve" })).toBeNull();
  });

  it("a reviewer rejects with a reason, and cannot confirm without one", async () => {
    const { calls } = useFakeStaffApi("reviewer");
    const user = userEvent.setup({ delay: null });
    await openApplication();

    await user.click(screen.getByRole("button", { name: "Reject" }));
    const dialog = await screen.findByRole("dialog", { name: "Reject this application?" });
    await user.click(within(dialog).getByRole("button", { name: "Confirm: Reject" }));
    const tooShort = `Give a reason (at least ${REASON_MIN_LENGTH} characters).`;
    expect(within(dialog).getByText(tooShort)).toBeTruthy();
    // The dashboard takes the minimum from allowed_actions (the domain's REASON_MIN_LENGTH): one short of it is refused.
    await user.type(within(dialog).getByLabelText(/Reason/), "x".repeat(REASON_MIN_LENGTH - 1));
    await user.click(within(dialog).getByRole("button", { name: "Confirm: Reject" }));
    expect(within(dialog).getByText(tooShort)).toBeTruthy();
    expect(calls).toEqual([]);
    await user.clear(within(dialog).getByLabelText(/Reason/));

    await user.type(within(dialog).getByLabelText(/Reason/), "  The business license does not match the company name.  ");
    await user.click(within(dialog).getByRole("button", { name: "Confirm: Reject" }));
    await waitFor(() => expect(within(status()).getByText("Rejected")).toBeTruthy());
    expect(calls).toEqual([
      {
        method: "POST",
        path: `/v1/staff/applications/${APP_ID}/reject`,
        body: { reason: "The business license does not match the company name." },
        idempotencyKey: expect.any(String),
      },
    ]);
  });

  it("shows the decision at once and rolls it back when the API answers 409", async () => {
    useFakeStaffApi("reviewer");
    let release!: () => void;
    const answered = new Promise<void>((r) => {
      release = r;
    });
    server.use(
      http.post("*/v1/staff/applications/:id/approve", async () => {
        await answered;
        await delay(10);
        return errorBody(409, "invalid_transition", "Another reviewer already decided this application.");
      }),
    );
    const user = userEvent.setup({ delay: null });
    await openApplication();

    await user.click(screen.getByRole("button", { name: "Approve" }));
    await user.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Confirm: Approve" }));
    // Optimistic: the new status shows while the API is still deciding.
    await waitFor(() => expect(within(status()).getByText("Approved")).toBeTruthy());

    release();
    await screen.findByText("Another reviewer already decided this application.");
    await waitFor(() => expect(within(status()).getByText("Reviewing")).toBeTruthy());
    expect(screen.getByRole("button", { name: "Approve" })).toBeTruthy();
  });
});

describe("role rules", () => {
  it("an analyst sees the application but no decision buttons", async () => {
    useFakeStaffApi("analyst");
    await openApplication();
    expect(screen.getByText("REG-123456")).toBeTruthy();
    for (const name of ["Approve", "Reject", "Request info", "Revoke"]) {
      expect(screen.queryByRole("button", { name })).toBeNull();
    }
  });

  it("a reviewer decides but cannot revoke an approved application", async () => {
    useFakeStaffApi("reviewer", "APPROVED");
    await openApplication();
    expect(within(status()).getByText("Approved")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Revoke" })).toBeNull();
  });

  it("an admin revokes an approved application with a reason", async () => {
    const { calls } = useFakeStaffApi("admin", "APPROVED");
    const user = userEvent.setup({ delay: null });
    await openApplication();
    await user.click(screen.getByRole("button", { name: "Revoke" }));
    const dialog = await screen.findByRole("dialog", { name: "Revoke this approval?" });
    expect(within(dialog).getByText(/turned Off/)).toBeTruthy();
    await user.type(within(dialog).getByLabelText(/Reason/), "Fraud reported by sellers.");
    await user.click(within(dialog).getByRole("button", { name: "Confirm: Revoke" }));
    await waitFor(() => expect(within(status()).getByText("Revoked")).toBeTruthy());
    expect(calls.map((c) => [c.path, c.body])).toEqual([
      [`/v1/staff/applications/${APP_ID}/revoke`, { reason: "Fraud reported by sellers." }],
    ]);
  });

  it("only an admin sees Staff users in the menu", async () => {
    useFakeStaffApi("reviewer");
    window.location.hash = "#/applications";
    const { unmount } = render(<App />);
    await screen.findByText("Shenzhen Bridge Trading Ltd");
    expect(screen.getByRole("menuitem", { name: "Audit log" })).toBeTruthy();
    expect(screen.queryByRole("menuitem", { name: "Staff users" })).toBeNull();
    unmount();

    server.use(http.get("*/v1/staff/users", () => HttpResponse.json({ data: [] })));
    useFakeStaffApi("admin");
    render(<App />);
    await screen.findByRole("menuitem", { name: "Staff users" });
  });
});
