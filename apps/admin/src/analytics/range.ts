import { addDays, browserTimeZone, isCalendarDay, isTimeZone, startOfDayIn, todayIn } from "@shopreg/domain";
/**
 * The Analytics screen's state lives in its URL (`#/analytics?days=7&partner_id=…`), so a drill-down
 * can be linked to, reloaded and shared. Everything malformed falls back to its default.
 */

/** Range presets in days, counting today. */
export const PRESETS = [7, 30, 90] as const;
export type Preset = (typeof PRESETS)[number];
/** The API serves hourly series for at most 31 days, and any report for at most 400. */
export const MAX_HOURLY_DAYS = 31;
export const MAX_RANGE_DAYS = 400;
export type Interval = "hour" | "day";

export type AnalyticsSearch = {
  days?: Preset;
  /** Custom range: calendar dates, both inclusive, in `tz`. */
  from?: string;
  to?: string;
  interval?: Interval;
  tz?: string;
  partner_id?: string;
};

export type ResolvedRange = {
  preset: Preset | "custom";
  fromDay: string;
  toDay: string;
  days: number;
  tz: string;
  interval: Interval;
  partnerId: string | undefined;
  /** What the API is asked for: [from, to) as ISO instants. */
  from: string;
  to: string;
  /** Why the API would refuse this range, if it would. */
  problem: string | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isDay = (s: string | null): s is string => !!s && isCalendarDay(s);

/** The URL's query string as the screen's state. */
export function parseSearch(search: string): AnalyticsSearch {
  const p = new URLSearchParams(search);
  const out: AnalyticsSearch = {};
  const days = Number(p.get("days"));
  if ((PRESETS as readonly number[]).includes(days)) out.days = days as Preset;
  const from = p.get("from");
  const to = p.get("to");
  if (isDay(from)) out.from = from;
  if (isDay(to)) out.to = to;
  const interval = p.get("interval");
  if (interval === "hour" || interval === "day") out.interval = interval;
  const tz = p.get("tz");
  if (tz && tz.length <= 64 && isTimeZone(tz)) out.tz = tz;
  const partner = p.get("partner_id");
  if (partner && UUID.test(partner)) out.partner_id = partner;
  return out;
}

export function toSearch(s: AnalyticsSearch): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(s)) if (v !== undefined && v !== "") p.set(k, String(v));
  const q = p.toString();
  return q ? `?${q}` : "";
}

/** The URL's state with its defaults filled in: the last 30 days in UTC (as the rest of the dashboard), by day. */
export function resolveRange(s: AnalyticsSearch, now = new Date()): ResolvedRange {
  const tz = s.tz ?? "UTC";
  const today = todayIn(tz, now);
  const custom = s.from !== undefined || s.to !== undefined;
  const preset: Preset = s.days ?? 30;
  const fromDay = custom ? (s.from ?? addDays(s.to ?? today, -(preset - 1))) : addDays(today, -(preset - 1));
  const toDay = custom ? (s.to ?? today) : today;
  const days = Math.round((Date.parse(toDay) - Date.parse(fromDay)) / 86_400_000) + 1;
  const problem =
    days < 1
      ? "The start date is after the end date."
      : days > MAX_RANGE_DAYS
        ? `A range can span at most ${MAX_RANGE_DAYS} days.`
        : null;
  return {
    preset: custom ? "custom" : preset,
    fromDay,
    toDay,
    days,
    tz,
    interval: s.interval === "hour" && days <= MAX_HOURLY_DAYS ? "hour" : "day",
    partnerId: s.partner_id,
    from: startOfDayIn(fromDay, tz).toISOString(),
    to: startOfDayIn(addDays(toDay, 1), tz).toISOString(),
    problem,
  };
}

/** The query every report shares: range, time zone and the partner drill-down. */
export function scopeParams(r: ResolvedRange): Record<string, string> {
  return { from: r.from, to: r.to, tz: r.tz, ...(r.partnerId ? { partner_id: r.partnerId } : {}) };
}

export type ExportReport = "timeseries" | "breakdown" | "funnel";

/** The CSV download of a report for the same range and filters; a plain link, so the session cookie goes along. */
export function exportUrl(r: ResolvedRange, report: ExportReport, extra: Record<string, string> = {}): string {
  return `/v1/staff/analytics/export?${new URLSearchParams({ report, ...scopeParams(r), ...extra })}`;
}

// The calendar helpers live in @shopreg/domain; re-exported for this screen's callers.
export { addDays, browserTimeZone, isTimeZone, startOfDayIn, todayIn };
