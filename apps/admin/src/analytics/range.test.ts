import { describe, expect, it } from "vitest";
import { exportUrl, parseSearch, resolveRange, startOfDayIn, toSearch } from "./range.ts";

const now = new Date("2026-11-24T15:30:00Z");

describe("analytics range", () => {
  it("defaults to the last 30 whole days in UTC, by day", () => {
    const r = resolveRange({}, now);
    expect(r).toMatchObject({ preset: 30, fromDay: "2026-10-26", toDay: "2026-11-24", days: 30, tz: "UTC", interval: "day" });
    expect([r.from, r.to]).toEqual(["2026-10-26T00:00:00.000Z", "2026-11-25T00:00:00.000Z"]);
    expect(r.problem).toBeNull();
  });

  it("counts calendar days in the chosen time zone, across a DST change", () => {
    // New York leaves daylight saving time on 2026-11-01.
    expect(startOfDayIn("2026-11-01", "America/New_York").toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(startOfDayIn("2026-11-02", "America/New_York").toISOString()).toBe("2026-11-02T05:00:00.000Z");
    const r = resolveRange({ from: "2026-11-01", to: "2026-11-01", tz: "America/New_York", interval: "hour" }, now);
    expect([r.from, r.to, r.interval]).toEqual(["2026-11-01T04:00:00.000Z", "2026-11-02T05:00:00.000Z", "hour"]);
  });

  it("keeps hourly series to 31 days and names ranges the API would refuse", () => {
    expect(resolveRange({ days: 90, interval: "hour" }, now).interval).toBe("day");
    expect(resolveRange({ from: "2026-11-10", to: "2026-11-01" }, now).problem).toBe("The start date is after the end date.");
    expect(resolveRange({ from: "2025-01-01", to: "2026-11-01" }, now).problem).toMatch(/at most 400 days/);
  });

  it("reads only well-formed URL values, and writes them back", () => {
    const s = parseSearch(
      "?days=7&from=2026-02-30&to=2026-11-01&interval=week&tz=Mars%2FOlympus&partner_id=01a20f91-aaaa-7c2d-ae5d-44ae6f56ba8a",
    );
    expect(s).toEqual({ days: 7, to: "2026-11-01", partner_id: "01a20f91-aaaa-7c2d-ae5d-44ae6f56ba8a" });
    expect(parseSearch(toSearch(s))).toEqual(s);
    expect(parseSearch("?partner_id=1;drop")).toEqual({});
  });

  it("keeps the campaign, breakdown dimension and funnel grouping, so a filtered view can be shared", () => {
    const s = parseSearch("?days=7&campaign=spring-webinar&dimension=campaign&group_by=campaign");
    expect(s).toEqual({ days: 7, campaign: "spring-webinar", dimension: "campaign", group_by: "campaign" });
    expect(parseSearch(toSearch(s))).toEqual(s);
    expect(parseSearch(toSearch({ campaign: "双十一 & more" }))).toEqual({ campaign: "双十一 & more" });
    expect(parseSearch("?campaign=&dimension=secret&group_by=none")).toEqual({});
  });

  it("builds CSV links with the screen's scope", () => {
    const r = resolveRange({ days: 7, partner_id: "01a20f91-aaaa-7c2d-ae5d-44ae6f56ba8a" }, now);
    const url = new URL(exportUrl(r, "funnel", { group_by: "link" }), "http://x");
    expect(url.pathname).toBe("/v1/staff/analytics/export");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      report: "funnel",
      from: "2026-11-18T00:00:00.000Z",
      to: "2026-11-25T00:00:00.000Z",
      tz: "UTC",
      partner_id: "01a20f91-aaaa-7c2d-ae5d-44ae6f56ba8a",
      group_by: "link",
    });
  });
});
