import { type AnalyticsUrlState, rangeParams, readAnalyticsUrl, resolveUrlRange } from "@shopreg/analytics-ui/range";
import { text } from "@shopreg/analytics-ui/search";
import {
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

/** Range presets in days, counting today (the domain's, which the API's limits match). */
export const PRESETS = RANGE_PRESETS;
export type Preset = RangePreset;
export { MAX_HOURLY_DAYS, MAX_RANGE_DAYS };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The Analytics page's URL: a preset (`days`) or custom calendar dates (`from`..`to`, both
 * inclusive, in `tz`), the service, and the screen's own filters (campaign, breakdown dimension,
 * funnel grouping), so a filtered view can be shared and survives a reload. Anything malformed
 * falls back to its default rather than failing the page.
 */
export type AnalyticsSearch = AnalyticsUrlState & { service_id?: string };

/** The range and view as analytics-ui reads them for both apps, plus the portal's service. */
export function analyticsSearch(s: Record<string, unknown>): AnalyticsSearch {
  const serviceId = text(s.service_id, 36);
  return { ...readAnalyticsUrl(s), ...(serviceId && UUID.test(serviceId) ? { service_id: serviceId } : {}) };
}

export type ResolvedRange = DomainRange & {
  serviceId: string | undefined;
  /** Custom dates in the wrong order (shown swapped, with a note). */
  invalid: boolean;
};

/** The URL's search with the domain's defaults: the last 30 days in the browser's time zone, by day. */
export function resolveRange(s: AnalyticsSearch, now = new Date()): ResolvedRange {
  const r = resolveUrlRange(s, browserTimeZone(), now);
  return { ...r, serviceId: s.service_id, invalid: r.reversed };
}

/** The query every report shares: range, time zone and service filter. */
export function scopeParams(r: ResolvedRange) {
  return { ...rangeParams(r), ...(r.serviceId ? { service_id: r.serviceId } : {}) };
}

/** The CSV download of a report for the same range and filters (the session cookie goes along). */
export function exportUrl(r: ResolvedRange, report: "timeseries" | "breakdown" | "funnel", extra: Record<string, string> = {}) {
  return `/v1/analytics/export?${new URLSearchParams({ report, ...scopeParams(r), ...extra })}`;
}

// The calendar helpers live in @shopreg/domain; re-exported for this screen's callers.
export { addDays, browserTimeZone, isTimeZone, startOfDayIn, todayIn };
