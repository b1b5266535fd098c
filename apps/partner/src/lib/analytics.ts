import { addDays, browserTimeZone, isCalendarDay, isTimeZone, startOfDayIn, todayIn } from "@shopreg/domain";
import { z } from "zod";
import type { AnalyticsInterval } from "./api.ts";

/** Range presets in days, counting today. */
export const PRESETS = [7, 30, 90] as const;
export type Preset = (typeof PRESETS)[number];
/** The API serves hourly series for at most 31 days. */
export const MAX_HOURLY_DAYS = 31;

const isDay = isCalendarDay;
const day = z.string().refine(isDay);

/**
 * The Analytics page's URL: a preset (`days`) or custom calendar dates (`from`..`to`, both
 * inclusive, in `tz`). Anything malformed falls back to its default rather than failing the page.
 */
export const analyticsSearch = z.object({
  days: z
    .union([z.literal(7), z.literal(30), z.literal(90)])
    .optional()
    .catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  interval: z.enum(["hour", "day"]).optional().catch(undefined),
  service_id: z.uuid().optional().catch(undefined),
  tz: z.string().max(64).refine(isTimeZone).optional().catch(undefined),
});
export type AnalyticsSearch = z.infer<typeof analyticsSearch>;

export type ResolvedRange = {
  /** The preset in use, or "custom". */
  preset: Preset | "custom";
  /** Inclusive calendar dates in tz. */
  fromDay: string;
  toDay: string;
  days: number;
  tz: string;
  interval: AnalyticsInterval;
  serviceId: string | undefined;
  /** What the API is asked for: [from, to) as ISO instants. */
  from: string;
  to: string;
  /** Custom dates in the wrong order. */
  invalid: boolean;
};

/** The URL's search, with its defaults filled in: last 30 days in the browser's time zone, by day. */
export function resolveRange(s: AnalyticsSearch, now = new Date()): ResolvedRange {
  const tz = s.tz ?? browserTimeZone();
  const today = todayIn(tz, now);
  const custom = s.from !== undefined || s.to !== undefined;
  const preset: Preset = s.days ?? 30;
  let fromDay = custom ? (s.from ?? addDays(s.to ?? today, -(preset - 1))) : addDays(today, -(preset - 1));
  let toDay = custom ? (s.to ?? today) : today;
  const invalid = fromDay > toDay;
  if (invalid) [fromDay, toDay] = [toDay, fromDay];
  const days = Math.round((Date.parse(toDay) - Date.parse(fromDay)) / 86_400_000) + 1;
  const interval: AnalyticsInterval = s.interval === "hour" && days <= MAX_HOURLY_DAYS ? "hour" : "day";
  return {
    preset: custom ? "custom" : preset,
    fromDay,
    toDay,
    days,
    tz,
    interval,
    serviceId: s.service_id,
    from: startOfDayIn(fromDay, tz).toISOString(),
    to: startOfDayIn(addDays(toDay, 1), tz).toISOString(),
    invalid,
  };
}

/** The query every report shares: range, time zone and service filter. */
export function scopeParams(r: ResolvedRange): Record<string, string> {
  return { from: r.from, to: r.to, tz: r.tz, ...(r.serviceId ? { service_id: r.serviceId } : {}) };
}

export function queryString(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, v);
  return q.toString();
}

/** The CSV download of a report for the same range and filters (the session cookie goes along). */
export function exportUrl(r: ResolvedRange, report: "timeseries" | "breakdown" | "funnel", extra: Record<string, string> = {}) {
  return `/v1/analytics/export?${queryString({ report, ...scopeParams(r), ...extra })}`;
}

// The calendar helpers live in @shopreg/domain; re-exported for this screen's callers.
export { addDays, browserTimeZone, isTimeZone, startOfDayIn, todayIn };
