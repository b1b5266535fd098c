import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, isCalendarDay, isTimeZone, startOfDayIn, todayIn } from "./calendar.ts";

describe("calendar", () => {
  it("knows IANA time zones", () => {
    expect(isTimeZone("America/New_York")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
  });

  it("adds days across months and years, and tells real dates", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(isCalendarDay("2026-02-28")).toBe(true);
    expect(isCalendarDay("2026-02-30")).toBe(false);
    expect(isCalendarDay("26-02-01")).toBe(false);
  });

  it("starts days at local midnight, including the days the clocks change", () => {
    expect(startOfDayIn("2026-11-24", "UTC").toISOString()).toBe("2026-11-24T00:00:00.000Z");
    expect(startOfDayIn("2026-07-01", "America/New_York").toISOString()).toBe("2026-07-01T04:00:00.000Z");
    // Clocks go back on 2026-11-01 in New York: that day still starts at EDT midnight.
    expect(startOfDayIn("2026-11-01", "America/New_York").toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(startOfDayIn("2026-11-02", "America/New_York").toISOString()).toBe("2026-11-02T05:00:00.000Z");
    expect(startOfDayIn("2026-03-08", "America/New_York").toISOString()).toBe("2026-03-08T05:00:00.000Z");
  });

  it("maps a day's start back to the same calendar day in that zone", () => {
    const zones = ["UTC", "America/New_York", "Asia/Shanghai", "Asia/Kolkata", "Australia/Lord_Howe"];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3650 }), fc.constantFrom(...zones), (offset, tz) => {
        const day = addDays("2024-01-01", offset);
        expect(todayIn(tz, startOfDayIn(day, tz))).toBe(day);
      }),
    );
  });
});
