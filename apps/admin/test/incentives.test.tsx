import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { App } from "../src/App.tsx";
import type { RulesInput } from "../src/incentives/api.ts";
import { lastPeriod } from "../src/incentives/PreviewPanel.tsx";
import { PARTNER_ID, server, useFakeStaffApi } from "./fakeStaffApi.ts";

const PROGRAM_ID = "7b1f7e43-7c7a-4a53-9b1e-0f5f3f0b6a11";
const RULES: RulesInput = {
  period_start: "2027-01-01T00:00:00Z",
  period_end: "2027-04-01T00:00:00Z",
  grace_days: 30,
  markets: ["US"],
  seller_types: ["LOCAL_SELLER"],
  participation: { kind: "all_approved" },
  onboarded_within_period: true,
  first_order_within_days: 30,
  gmv: null,
  target_seller_ids: null,
  reward: { amount_minor: 200_000, currency: "CNY" },
  cap_per_partner_minor: null,
  risk_reductions: { low: 0, medium: 50, high: 100 },
  exclusions: { wrong_link: true, bot_click: true, duplicate_seller: true },
};
const program = {
  id: PROGRAM_ID,
  name: "Q1 activation",
  name_zh: "第一季度激活计划",
  version: 1,
  rules: RULES,
  version_note: "",
  closes_at: "2027-05-01T00:00:00.000Z",
  created_at: "2026-12-01T00:00:00.000Z",
  updated_at: "2026-12-01T00:00:00.000Z",
};
const dispute = {
  id: "d0000000-0000-4000-8000-000000000001",
  partner_id: PARTNER_ID,
  program_id: PROGRAM_ID,
  statement_id: "5d0c3c57-1111-4c9f-a4a5-3d8a1b0a0001",
  line_id: "9a3e0f0e-0000-4000-8000-000000000002",
  seller_reference: "LB-1",
  message: "The seller's GMV report was late.",
  status: "open",
  resolution_reason: null,
  adjustment_minor: null,
  adjustment_line_id: null,
  created_at: "2027-05-02T00:00:00.000Z",
  resolved_at: null,
};

describe("incentives in the dashboard", () => {
  it("previews against last period's data: the same rules moved back by their own length, evaluated at that close", () => {
    const { rules, evaluated_at } = lastPeriod({
      ...RULES,
      period_start: "2026-01-01T00:00:00Z",
      period_end: "2026-04-01T00:00:00Z",
    });
    expect([rules.period_start, rules.period_end]).toEqual(["2025-10-03T00:00:00.000Z", "2026-01-01T00:00:00.000Z"]);
    expect(evaluated_at).toBe("2026-01-31T00:00:00.000Z");
    expect(rules.reward).toEqual(RULES.reward);
  });

  it("a reviewer reads programs (no New program) and accepts a dispute after confirming, in minor units", async () => {
    useFakeStaffApi("reviewer");
    const accepted: unknown[] = [];
    server.use(
      http.get("*/v1/staff/incentive-programs", () => HttpResponse.json({ data: [program], next_cursor: null })),
      http.get("*/v1/staff/incentive-disputes", ({ request }) => {
        const status = new URL(request.url).searchParams.get("status");
        const open = accepted.length === 0;
        return HttpResponse.json({ data: status === "open" && !open ? [] : [dispute], next_cursor: null });
      }),
      http.post("*/v1/staff/incentive-disputes/:id/accept", async ({ request }) => {
        accepted.push(await request.json());
        return HttpResponse.json({ ...dispute, status: "accepted", adjustment_minor: 100_000, resolution_reason: "late GMV" });
      }),
    );
    const user = userEvent.setup({ delay: null });
    window.location.hash = "#/incentive-programs";
    render(<App />);
    await screen.findByRole("link", { name: "Q1 activation" });
    expect(screen.getByText("CN¥2,000.00")).toBeTruthy();
    expect(screen.queryByRole("link", { name: "New program" })).toBeNull();

    await user.click(screen.getByRole("menuitem", { name: /Incentive disputes/ }));
    const row = (await screen.findByText("The seller's GMV report was late.")).closest("tr") as HTMLElement;
    await user.click(within(row).getByRole("button", { name: "Accept" }));
    const dialog = await screen.findByRole("dialog");
    const confirm = within(dialog).getByRole("button", { name: "Accept and add the adjustment" });
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    await user.type(within(dialog).getByLabelText(/Adjustment \(CNY/), "1000");
    await user.type(within(dialog).getByLabelText(/Reason/), "late GMV");
    expect(within(dialog).getByText(/An adjustment line of CN¥1,000.00 goes on the partner's next statement/)).toBeTruthy();
    expect(accepted).toEqual([]);
    await user.click(confirm);
    await waitFor(() => expect(accepted).toEqual([{ adjustment_minor: 100_000, reason: "late GMV" }]));
    await screen.findByText("No disputes waiting for review.");
  });
});
