import { render, screen, waitFor, within } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { App } from "../src/App.tsx";
import { useFakeAnalyticsApi } from "./fakeAnalyticsApi.ts";
import { PARTNER_ID, referralQuality, server, useFakeStaffApi } from "./fakeStaffApi.ts";

describe("referral quality for reviewers", () => {
  it("shows a partner's 90 days on the partner's page", async () => {
    useFakeStaffApi("reviewer");
    useFakeAnalyticsApi();
    const asked: string[] = [];
    server.use(
      http.get("*/v1/staff/partners/:id/referral-quality", ({ params, request }) => {
        asked.push(new URL(request.url).search);
        return HttpResponse.json(referralQuality(String(params.id)));
      }),
    );
    window.location.hash = `#/partners/${PARTNER_ID}/show`;
    render(<App />);
    const table = await screen.findByRole("table", { name: "Referral quality, last 90 days" });
    expect(within(table).getByRole("row", { name: /Registrations 20/ })).toBeTruthy();
    expect(within(table).getByRole("row", { name: /Approval rate 55%/ })).toBeTruthy();
    expect(within(table).getByRole("row", { name: /Wrong-link rate 15% 3 registered/ })).toBeTruthy();
    expect(within(table).getByRole("row", { name: /Bot share 20% 40 of 200 clicks/ })).toBeTruthy();
    expect(asked).toEqual(["?days=90"]);
  });

  it("shows it beside each application in the queue, with one call for the page's partners", async () => {
    useFakeStaffApi("reviewer");
    const asked: string[] = [];
    server.use(
      http.get("*/v1/staff/referral-quality", ({ request }) => {
        const url = new URL(request.url);
        asked.push(url.search);
        return HttpResponse.json({ data: (url.searchParams.get("partner_ids") ?? "").split(",").map(referralQuality) });
      }),
    );
    window.location.hash = "#/applications";
    render(<App />);
    const cell = await screen.findByTestId(`quality-${PARTNER_ID}`);
    expect(cell.textContent).toBe("20 registrations · 55% approved · 15% wrong link · 20% bot clicks");
    await waitFor(() => expect(asked).toEqual([`?days=90&partner_ids=${PARTNER_ID}`]));
  });
});
