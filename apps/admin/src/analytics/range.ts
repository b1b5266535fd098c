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
const DAY = /^\d{4}-\d{2}-\d{2}$/;

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

/** YYYY-MM-DD plus n days (calendar arithmetic, no time zone involved). */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

const isDay = (s: string | null): s is string => !!s && DAY.test(s) && addDays(s, 0) === s;

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
