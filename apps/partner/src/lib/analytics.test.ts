import { describe, expect, it } from "vitest";
import { analyticsSearch, resolveRange, startOfDayIn, todayIn } from "./analytics.ts";

describe("analytics ranges", () => {
  it("starts a day at local midnight, across daylight saving changes", () => {
    expect(startOfDayIn("2026-03-08", "America/New_York").toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(startOfDayIn("2026-03-09", "America/New_York").toISOString()).toBe("2026-03-09T04:00:00.000Z");
    expect(startOfDayIn("2026-11-01", "Asia/Shanghai").toISOString()).toBe("2026-10-31T16:00:00.000Z");
    expect(startOfDayIn("2026-11-01", "UTC").toISOString()).toBe("2026-11-01T00:00:00.000Z");
  });

  it("defaults to the last 30 days (today included) by day, ending at the next local midnight", () => {
    const now = new Date("2026-11-24T03:30:00Z"); // still Nov 23 in New York
    expect(todayIn("America/New_York", now)).toBe("2026-11-23");
    const r = resolveRange(analyticsSearch({ tz: "America/New_York" }), now);
    expect(r).toMatchObject({ preset: 30, fromDay: "2026-10-25", toDay: "2026-11-23", days: 30, interval: "day" });
    expect(r.from).toBe("2026-10-25T04:00:00.000Z");
    expect(r.to).toBe("2026-11-24T05:00:00.000Z");
  });

  it("keeps hours only for ranges the API serves hourly, and swaps dates given backwards", () => {
    const now = new Date("2026-11-24T12:00:00Z");
    expect(resolveRange({ days: 90, interval: "hour", tz: "UTC" }, now).interval).toBe("day");
    expect(resolveRange({ days: 7, interval: "hour", tz: "UTC" }, now).interval).toBe("hour");
    const r = resolveRange({ from: "2026-11-10", to: "2026-11-01", tz: "UTC" }, now);
    expect(r).toMatchObject({ preset: "custom", fromDay: "2026-11-01", toDay: "2026-11-10", invalid: true, days: 10 });
  });

  it("drops malformed search values instead of failing the page", () => {
    expect(analyticsSearch({ days: 12, from: "2026-02-30", tz: "Mars/Olympus", service_id: "x", interval: "week" })).toEqual({});
  });

  it("keeps the campaign, breakdown dimension and funnel grouping beside the range (a shared view survives a reload)", () => {
    expect(
      analyticsSearch({
        days: 7,
        campaign: "spring-webinar",
        dimension: "campaign",
        group_by: "audience",
        interval: "hour",
      }),
    ).toEqual({ days: 7, campaign: "spring-webinar", dimension: "campaign", group_by: "audience", interval: "hour" });
    expect(analyticsSearch({ campaign: "\u0007bell", dimension: "secret", group_by: 3 })).toEqual({});
  });
});
