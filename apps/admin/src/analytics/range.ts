import { rangeParams, readAnalyticsUrl, resolveUrlRange, toSearchString } from "@shopreg/analytics-ui/range";
import type { AnalyticsView } from "@shopreg/analytics-ui/search";
import {
  type AnalyticsInterval,
  addDays,
  browserTimeZone,
  type ResolvedRange as DomainRange,
  isTimeZone,
  MAX_HOURLY_DAYS,
  MAX_RANGE_DAYS,
  RANGE_PRESETS,
  type RangePreset,
  startOfDayIn,
  todayIn,
} from "@shopreg/domain";
/**
 * The Analytics screen's state lives in its URL (`#/analytics?days=7&partner_id=…&campaign=…`), so a
 * drill-down or a filtered view can be linked to, reloaded and shared. Everything malformed falls
 * back to its default.
 */

/** The range rules are the domain's (the API enforces the same ones). */
export const PRESETS = RANGE_PRESETS;
export type Preset = RangePreset;
export { MAX_HOURLY_DAYS, MAX_RANGE_DAYS };
export type Interval = AnalyticsInterval;

export type AnalyticsSearch = AnalyticsView & {
  days?: Preset;
  /** Custom range: calendar dates, both inclusive, in `tz`. */
  from?: string;
  to?: string;
  interval?: Interval;
  tz?: string;
  partner_id?: string;
};

export type ResolvedRange = DomainRange & { partnerId: string | undefined };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The URL's query string as the screen's state. */
export function parseSearch(search: string): AnalyticsSearch {
  const p = new URLSearchParams(search);
  const out: AnalyticsSearch = readAnalyticsUrl(p);
  const partner = p.get("partner_id");
  if (partner && UUID.test(partner)) out.partner_id = partner;
  return out;
}

export const toSearch = (s: AnalyticsSearch): string => toSearchString(s);

/**
 * The URL's state with its defaults filled in: the last 30 days in UTC (as the rest of the dashboard),
 * by day. Dates given backwards are a problem here (not swapped): the analyst sees why nothing loads.
 */
export function resolveRange(s: AnalyticsSearch, now = new Date()): ResolvedRange {
  return { ...resolveUrlRange(s, "UTC", now), partnerId: s.partner_id };
}

/** The query every report shares: range, time zone and the partner drill-down. */
export function scopeParams(r: ResolvedRange): Record<string, string> {
  return { ...rangeParams(r), ...(r.partnerId ? { partner_id: r.partnerId } : {}) };
}

export type ExportReport = "timeseries" | "breakdown" | "funnel";

/** The CSV download of a report for the same range and filters; a plain link, so the session cookie goes along. */
export function exportUrl(r: ResolvedRange, report: ExportReport, extra: Record<string, string> = {}): string {
  return `/v1/staff/analytics/export?${new URLSearchParams({ report, ...scopeParams(r), ...extra })}`;
}

// The calendar helpers live in @shopreg/domain; re-exported for this screen's callers.
export { addDays, browserTimeZone, isTimeZone, startOfDayIn, todayIn };
