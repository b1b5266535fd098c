import { z } from "zod";
import type { AnalyticsInterval } from "./api.ts";

/** Range presets in days, counting today. */
export const PRESETS = [7, 30, 90] as const;
export type Preset = (typeof PRESETS)[number];
/** The API serves hourly series for at most 31 days. */
export const MAX_HOURLY_DAYS = 31;

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function browserTimeZone(): string {
  try {
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return tz && isTimeZone(tz) ? tz : "UTC";
  } catch {
    return "UTC";
  }
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (s: string) => DAY_RE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && addDays(s, 0) === s;
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

/** YYYY-MM-DD plus n days (calendar arithmetic, no time zone involved). */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Today's calendar date in a time zone. */
export function todayIn(tz: string, now = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** How far ahead of UTC a time zone's wall clock is at an instant, in ms. */
function offsetMs(at: number, tz: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: tz,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return wall - Math.floor(at / 1000) * 1000;
}

/** The instant a calendar day starts in a time zone (twice, so a DST change that day is right). */
export function startOfDayIn(date: string, tz: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  let t = wall - offsetMs(wall, tz);
  t = wall - offsetMs(t, tz);
  return new Date(t);
}

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
