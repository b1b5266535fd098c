import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { App } from "../src/App.tsx";
import { OTHER_PARTNER_ID, useFakeAnalyticsApi } from "./fakeAnalyticsApi.ts";
import { errorBody, PARTNER_ID, server, useFakeStaffApi } from "./fakeStaffApi.ts";

const total = (key: string) => screen.getByTestId(`total-${key}`).textContent;
const params = (href: string | null) => Object.fromEntries(new URL(href ?? "", "http://x").searchParams);
const hashQuery = () => Object.fromEntries(new URLSearchParams(window.location.hash.split("?")[1] ?? ""));

describe("analytics dashboard", () => {
  it("shows an analyst the totals, the series as a chart, top partners and services, the funnel, breakdowns and unattributed conversions", async () => {
    useFakeStaffApi("analyst");
    const asked = useFakeAnalyticsApi();
    window.location.hash = "#/analytics";
    render(<App />);

    // The page and its charts load on their own chunk.
    await screen.findByTestId("total-clicks", {}, { timeout: 15_000 });
    expect(total("clicks")).toBe("806");
    expect(total("unique_clicks")).toBe("600");
    expect(total("registrations")).toBe("36");
    expect(total("approved_shops")).toBe("14");
    expect(total("bot_clicks")).toBe("73");

    // The chart: an SVG with one drawn line per series and a legend naming them.
    const chart = await screen.findByTestId("timeseries-chart");
    await waitFor(() => expect(chart.querySelectorAll("svg path.MuiLineChart-line")).toHaveLength(3));
    for (const line of chart.querySelectorAll("svg path.MuiLineChart-line"))
      expect(line.getAttribute("d")).toMatch(/^M[\d.,-]+[LC]/);
    for (const name of ["Clicks", "Unique clicks", "Registrations"]) expect(within(chart).getByText(name)).toBeTruthy();

    // Partners are ranked once, in the funnel's "By partner" table (no separate top list repeating it).
    expect(screen.queryByRole("table", { name: "Top partners" })).toBeNull();
    const services = await screen.findByRole("table", { name: "Top services" });
    expect(within(services).getByRole("link", { name: "Bridge: TikTok Shop setup" })).toBeTruthy();

    // The shared funnel opens by partner (with each partner's wrong-link registrations), then by link.
    await screen.findByRole("table", { name: "Funnel" });
    await userEvent.click(screen.getByRole("button", { name: "By link" }));
    await waitFor(() =>
      expect(within(screen.getByRole("table", { name: "Funnel" })).getAllByText(/Cross-border sellers/).length).toBeGreaterThan(
        0,
      ),
    );
    expect(within(screen.getByTestId("funnel-steps")).getByText("36")).toBeTruthy();

    // Breakdowns: audience first.
    const audience = await screen.findByRole("table", { name: "Audience" });
    expect(within(audience).getByText("Local sellers")).toBeTruthy();

    expect((await screen.findByTestId("conversions-count")).textContent).toBe("2 unattributed conversions in this range");
    const unattributed = screen.getByRole("table", { name: "Unattributed conversions" });
    expect(within(unattributed).getByText("seller_u1")).toBeTruthy();
    expect(within(unattributed).getAllByText("newsletter")).toHaveLength(2);

    // Every report asked for the same range: the last 30 days, UTC, whole days.
    const summary = asked.find((a) => a.path === "summary")!.query;
    expect(summary.tz).toBe("UTC");
    expect(summary.from).toMatch(/T00:00:00\.000Z$/);
    expect((Date.parse(summary.to!) - Date.parse(summary.from!)) / 86_400_000).toBe(30);
    for (const a of asked) expect(a.query.from).toBe(summary.from);
    expect(asked.find((a) => a.path === "conversions")?.query.attributed).toBe("false");
  });

  it("drills down into a partner: every report is asked with its partner_id, and the filter can be removed", async () => {
    useFakeStaffApi("analyst");
    const asked = useFakeAnalyticsApi();
    const user = userEvent.setup({ delay: null });
    window.location.hash = "#/analytics?days=7";
    render(<App />);
    // Partners are ranked in the funnel (by partner), whose names drill down.
    const funnel = await screen.findByRole("table", { name: "Funnel" }, { timeout: 15_000 });
    await user.click(await within(funnel).findByRole("link", { name: "Austin Shop Builders Inc" }));

    await screen.findByRole("heading", { name: "Analytics for Austin Shop Builders Inc" });
    expect(hashQuery()).toEqual({ days: "7", partner_id: OTHER_PARTNER_ID });
    await waitFor(() => expect(total("clicks")).toBe("99"));
    const drilled = asked.filter((a) => a.query.partner_id === OTHER_PARTNER_ID).map((a) => a.path);
    for (const path of ["summary", "timeseries", "top-services", "funnel", "breakdown", "conversions"])
      expect(drilled).toContain(path);
    // The range survived the drill-down; only this partner's credited sellers are listed.
    const summary = asked.findLast((a) => a.path === "summary")!.query;
    expect((Date.parse(summary.to!) - Date.parse(summary.from!)) / 86_400_000).toBe(7);
    expect(asked.findLast((a) => a.path === "conversions")!.query).toMatchObject({
      attributed: "true",
      partner_id: OTHER_PARTNER_ID,
    });
    expect(screen.queryByRole("table", { name: "Top partners" })).toBeNull();
    expect(screen.getByRole("link", { name: "Partner page" }).getAttribute("href")).toContain(
      `/partners/${OTHER_PARTNER_ID}/show`,
    );

    await user.click(screen.getByRole("button", { name: "All partners" }));
    await screen.findByRole("heading", { name: "Analytics: all partners" });
    expect(hashQuery()).toEqual({ days: "7" });
  });

  it("opens from a partner's page already narrowed to that partner", async () => {
    useFakeStaffApi("reviewer");
    const asked = useFakeAnalyticsApi();
    const user = userEvent.setup({ delay: null });
    window.location.hash = `#/partners/${PARTNER_ID}/show`;
    render(<App />);
    await user.click(await screen.findByRole("link", { name: "Analytics" }));
    await screen.findByRole("heading", { name: "Analytics for Shenzhen Bridge Trading Ltd" });
    await waitFor(() => expect(asked.some((a) => a.path === "summary" && a.query.partner_id === PARTNER_ID)).toBe(true));
  });

  it("says so when the range has no clicks, instead of drawing an empty chart", async () => {
    useFakeStaffApi("analyst");
    useFakeAnalyticsApi({ empty: true });
    window.location.hash = "#/analytics";
    render(<App />);
    // The page and its charts load on their own chunk.
    await screen.findByTestId("total-clicks", {}, { timeout: 15_000 });
    expect(total("clicks")).toBe("0");
    await screen.findByText("No service had clicks or registrations in this range.");
    expect((await screen.findAllByText("Nothing in this range.")).length).toBeGreaterThan(0);
    expect((await screen.findByTestId("conversions-count")).textContent).toBe("0 unattributed conversions in this range");
  });

  it("links each CSV download to the export with the screen's range, time zone, partner and report options", async () => {
    useFakeStaffApi("analyst");
    const asked = useFakeAnalyticsApi();
    const user = userEvent.setup({ delay: null });
    window.location.hash = `#/analytics?from=2026-11-01&to=2026-11-10&interval=hour&partner_id=${PARTNER_ID}`;
    render(<App />);
    await screen.findByTestId("timeseries-chart");
    const range = {
      from: "2026-11-01T00:00:00.000Z",
      to: "2026-11-11T00:00:00.000Z",
      tz: "UTC",
      partner_id: PARTNER_ID,
    };
    const csv = (report: string) => screen.getByRole("link", { name: `Download CSV: ${report}` }).getAttribute("href");
    const series = "Clicks and registrations over time";
    expect(csv(series)).toMatch(/^\/v1\/staff\/analytics\/export\?/);
    expect(params(csv(series))).toEqual({ report: "timeseries", ...range, interval: "hour" });
    expect(params(csv("Funnel"))).toEqual({ report: "funnel", ...range, group_by: "link" });
    expect(params(csv("Audience"))).toEqual({ report: "breakdown", ...range, dimension: "audience" });
    await user.click(screen.getByRole("tab", { name: "Country or region" }));
    await screen.findByRole("table", { name: "Country or region" });
    expect(params(csv("Country or region"))).toEqual({ report: "breakdown", ...range, dimension: "country" });
    expect(within(screen.getByRole("table", { name: "Country or region" })).getByText("Unknown")).toBeTruthy();
    // The reports themselves were asked for the same range.
    expect(asked.find((a) => a.path === "timeseries")?.query).toEqual({ ...range, interval: "hour" });
  });

  it("picks a preset and custom dates, and keeps hourly series to 31 days", async () => {
    useFakeStaffApi("analyst");
    const asked = useFakeAnalyticsApi();
    const user = userEvent.setup({ delay: null });
    window.location.hash = "#/analytics";
    render(<App />);
    await screen.findByTestId("timeseries-chart");
    await user.click(screen.getByRole("button", { name: "By hour" }));
    await waitFor(() => expect(hashQuery()).toEqual({ interval: "hour" }));
    await waitFor(() => expect(asked.findLast((a) => a.path === "timeseries")?.query.interval).toBe("hour"));
    await user.click(screen.getByRole("button", { name: "Last 90 days" }));
    await waitFor(() => expect(hashQuery()).toEqual({ days: "90", interval: "hour" }));
    // 90 days are too many hours: by day, and the hour button is off.
    expect((screen.getByRole("button", { name: "By hour" }) as HTMLButtonElement).disabled).toBe(true);
    await waitFor(() => expect(asked.findLast((a) => a.path === "timeseries")?.query.interval).toBe("day"));

    await user.click(screen.getByRole("button", { name: "Custom" }));
    const from = await screen.findByLabelText("From");
    // A date input's picker is the browser's own: set its value as picking a date does.
    fireEvent.change(from, { target: { value: "2026-10-05" } });
    await waitFor(() => expect(hashQuery().from).toBe("2026-10-05"));
    await waitFor(() => expect(asked.findLast((a) => a.path === "summary")?.query.from).toBe("2026-10-05T00:00:00.000Z"));
  });

  it("shows the API's error with a way to try again", async () => {
    useFakeStaffApi("analyst");
    useFakeAnalyticsApi();
    let fail = true;
    server.use(
      http.get("*/v1/staff/analytics/summary", ({ request }) => {
        if (fail) return errorBody(503, "unavailable", "Analytics are briefly unavailable.");
        const q = new URL(request.url).searchParams;
        return HttpResponse.json({
          from: q.get("from"),
          to: q.get("to"),
          clicks: 5,
          unique_clicks: 4,
          bot_clicks: 0,
          inactive_clicks: 0,
          registrations: 1,
          approved_shops: 0,
        });
      }),
    );
    const user = userEvent.setup({ delay: null });
    window.location.hash = "#/analytics";
    render(<App />);
    await screen.findByText("Analytics are briefly unavailable.", undefined, { timeout: 10_000 });
    fail = false;
    await user.click(screen.getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(total("clicks")).toBe("5"));
  });
});
