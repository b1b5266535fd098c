import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import type { AnalyticsCounts } from "../lib/api.ts";
import { renderAt } from "./render.tsx";
import { apiError, server, service, signedIn, V1 } from "./server.ts";

const svc = service({ status: "ON" });
const zero: AnalyticsCounts = {
  clicks: 0,
  unique_clicks: 0,
  bot_clicks: 0,
  inactive_clicks: 0,
  registrations: 0,
  approved_shops: 0,
  wrong_link_registrations: 0,
};
const totals: AnalyticsCounts = {
  clicks: 806,
  unique_clicks: 600,
  bot_clicks: 73,
  inactive_clicks: 0,
  registrations: 36,
  approved_shops: 14,
  wrong_link_registrations: 2,
};
const days = ["2026-11-20", "2026-11-21", "2026-11-22"];
const series = [
  { ...zero, clicks: 120, unique_clicks: 90, registrations: 4 },
  { ...zero, clicks: 300, unique_clicks: 220, registrations: 15 },
  { ...zero, clicks: 386, unique_clicks: 290, registrations: 17 },
];

/** The analytics API answering with `counts`, recording every query it was asked. */
function analyticsApi(counts: AnalyticsCounts) {
  const asked: URLSearchParams[] = [];
  const active = counts.clicks > 0;
  const record = (request: Request) => {
    const q = new URL(request.url).searchParams;
    asked.push(q);
    return q;
  };
  server.use(
    ...signedIn,
    http.get(`${V1}/services`, () => HttpResponse.json({ data: [svc], next_cursor: null })),
    http.get(`${V1}/analytics/summary`, ({ request }) => {
      const q = record(request);
      return HttpResponse.json({ from: q.get("from"), to: q.get("to"), ...counts });
    }),
    http.get(`${V1}/analytics/timeseries`, ({ request }) => {
      const q = record(request);
      return HttpResponse.json({
        from: q.get("from"),
        to: q.get("to"),
        interval: q.get("interval"),
        time_zone: q.get("tz"),
        data: days.map((d, i) => ({ bucket_start: `${d}T05:00:00.000Z`, ...(active ? series[i] : zero) })),
      });
    }),
    http.get(`${V1}/analytics/funnel`, ({ request }) => {
      const q = record(request);
      const row = { partner_id: "p1", service_id: svc.id, bot_clicks: 0, inactive_clicks: 0 };
      return HttpResponse.json({
        group_by: q.get("group_by"),
        data: active
          ? [
              {
                ...row,
                key: "l1",
                label: null,
                audience: "LOCAL_SELLER",
                clicks: 408,
                unique_clicks: 299,
                registrations: 19,
                approved_shops: 7,
              },
              {
                ...row,
                key: "l2",
                label: null,
                audience: "CROSS_BORDER_SELLER",
                clicks: 398,
                unique_clicks: 301,
                registrations: 17,
                approved_shops: 7,
              },
            ]
          : [],
      });
    }),
    http.get(`${V1}/analytics/breakdown`, ({ request }) => {
      const q = record(request);
      const data =
        q.get("dimension") === "country"
          ? [
              { value: "US", clicks: 500, unique_clicks: 380, bot_clicks: 40 },
              { value: "CN", clicks: 306, unique_clicks: 220, bot_clicks: 33 },
            ]
          : [
              { value: "LOCAL_SELLER", clicks: 408, unique_clicks: 299, bot_clicks: 44 },
              { value: "CROSS_BORDER_SELLER", clicks: 398, unique_clicks: 301, bot_clicks: 29 },
            ];
      return HttpResponse.json({ dimension: q.get("dimension"), data });
    }),
  );
  return asked;
}

const total = (id: string) => screen.getByTestId(`total-${id}`).textContent;

describe("Analytics", () => {
  it("shows the totals, a chart of the series, the funnel per link and the breakdowns", async () => {
    analyticsApi(totals);
    const user = userEvent.setup();
    renderAt("/analytics?tz=America%2FNew_York");
    // The first screen of the file loads the lazy route cold: on a busy machine that takes over a second.
    await screen.findByTestId("total-clicks", {}, { timeout: 10_000 });
    expect(total("clicks")).toContain("806");
    expect(total("unique_clicks")).toContain("600");
    expect(total("bot_clicks")).toContain("73");
    expect(total("registrations")).toContain("36");
    expect(total("approved_shops")).toContain("14");
    expect(total("conversion_rate")).toContain("6%"); // 36 registrations / 600 unique clicks

    // The chart: an SVG with one line per series and a legend naming them.
    const chart = await screen.findByTestId("timeseries-chart");
    expect(chart.getAttribute("role")).toBe("figure");
    await waitFor(() => expect(chart.querySelectorAll("svg path.MuiLineChart-line")).toHaveLength(3));
    for (const line of chart.querySelectorAll("svg path.MuiLineChart-line")) {
      // Drawn through the three buckets, not an empty path.
      expect(line.getAttribute("d")).toMatch(/^M[\d.,-]+[LC]/);
    }
    for (const name of ["Clicks", "Unique clicks", "Registrations"]) expect(within(chart).getByText(name)).toBeTruthy();

    const funnel = screen.getByRole("table", { name: "Funnel" });
    expect(within(funnel).getByRole("row", { name: /Harbor Shop Launch · Local sellers 408 299 19 7 6\.4%/ })).toBeTruthy();
    expect(
      within(funnel).getByRole("row", { name: /Harbor Shop Launch · Cross-border sellers 398 301 17 7 5\.6%/ }),
    ).toBeTruthy();

    expect(within(screen.getByRole("table", { name: "Audience" })).getByText("Local sellers")).toBeTruthy();
    await user.click(screen.getByRole("tab", { name: "Country or region" }));
    const countries = await screen.findByRole("table", { name: "Country or region" });
    expect(within(countries).getByRole("row", { name: /United States \(US\) 500 380 40 62%/ })).toBeTruthy();
  });

  it("carries the range, time zone and service filter into every report and CSV link", async () => {
    const asked = analyticsApi(totals);
    const user = userEvent.setup();
    renderAt(`/analytics?from=2026-11-01&to=2026-11-07&tz=Asia%2FShanghai&service_id=${svc.id}&interval=hour`);
    await screen.findByTestId("total-clicks");
    // Nov 1 00:00 to Nov 8 00:00 in Shanghai (UTC+8), the end exclusive.
    const scope = { from: "2026-10-31T16:00:00.000Z", to: "2026-11-07T16:00:00.000Z", tz: "Asia/Shanghai", service_id: svc.id };
    await waitFor(() => expect(asked.some((q) => q.get("interval") === "hour")).toBe(true));
    for (const q of asked) for (const [k, v] of Object.entries(scope)) expect(q.get(k), `${k} of ${q}`).toBe(v);

    const csv = screen.getByRole("link", { name: "Download CSV: Clicks and registrations over time" });
    const url = new URL(csv.getAttribute("href")!, "http://localhost:3000");
    expect(url.pathname).toBe("/v1/analytics/export");
    expect(Object.fromEntries(url.searchParams)).toEqual({ report: "timeseries", ...scope, interval: "hour" });
    expect(csv.hasAttribute("download")).toBe(true);
    const funnelCsv = new URL(screen.getByRole("link", { name: "Download CSV: Funnel" }).getAttribute("href")!, "http://x");
    expect(Object.fromEntries(funnelCsv.searchParams)).toEqual({ report: "funnel", ...scope, group_by: "link" });
    const breakdownCsv = new URL(screen.getByRole("link", { name: "Download CSV: Audience" }).getAttribute("href")!, "http://x");
    expect(Object.fromEntries(breakdownCsv.searchParams)).toEqual({ report: "breakdown", ...scope, dimension: "audience" });

    // A preset replaces the custom dates; 90 days is too long for hours, so the series goes daily.
    await user.click(screen.getByRole("button", { name: "Last 90 days" }));
    await waitFor(() => {
      const href = screen.getByRole("link", { name: "Download CSV: Clicks and registrations over time" }).getAttribute("href")!;
      expect(new URL(href, "http://x").searchParams.get("interval")).toBe("day");
    });
    expect(screen.getByRole("button", { name: "By hour" }).hasAttribute("disabled")).toBe(true);
  });

  it("says there are no clicks in the range yet", async () => {
    analyticsApi(zero);
    renderAt("/analytics");
    expect(await screen.findByText("No clicks in this range yet")).toBeTruthy();
    expect(total("clicks")).toContain("0");
    expect(total("conversion_rate")).toContain("—");
    expect(screen.queryByTestId("timeseries-chart")).toBeNull();
    expect(screen.getByRole("link", { name: "Get your referral links" }).getAttribute("href")).toBe("/services");
  });

  it("shows the API's error with a way to try again", async () => {
    let fail = true;
    analyticsApi(totals);
    server.use(
      http.get(`${V1}/analytics/summary`, ({ request }) => {
        if (fail) return apiError(422, "validation_failed", "The range can span at most 400 days.");
        const q = new URL(request.url).searchParams;
        return HttpResponse.json({ from: q.get("from"), to: q.get("to"), ...totals });
      }),
    );
    const user = userEvent.setup();
    renderAt("/analytics");
    expect(await screen.findByText("The range can span at most 400 days.")).toBeTruthy();
    expect(screen.getByText("req_test")).toBeTruthy();
    fail = false;
    await user.click(screen.getByRole("button", { name: "Try again" }));
    await screen.findByTestId("total-clicks");
    expect(total("clicks")).toContain("806");
  });
});
