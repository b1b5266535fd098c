import { BREAKDOWN_DIMENSIONS, type BreakdownDimension, SCREEN_FUNNEL_GROUPS } from "@shopreg/domain";

/** Every funnel grouping either app offers (the portal has no "partner"): the domain's list. */
export const FUNNEL_GROUPS = SCREEN_FUNNEL_GROUPS;
export type FunnelGroupBy = (typeof FUNNEL_GROUPS)[number];

/**
 * The screen's own filters, kept in each app's URL beside the range so a filtered view can be
 * shared and survives a reload: the series' campaign, the breakdown's dimension and the funnel's
 * grouping. A malformed value falls back to its default instead of failing the page.
 */
export type AnalyticsView = { campaign?: string; dimension?: BreakdownDimension; group_by?: FunnelGroupBy };

/** A value of a fixed list, or nothing. */
export const oneOf = <T extends string | number>(value: unknown, values: readonly T[]): T | undefined =>
  values.includes(value as T) ? (value as T) : undefined;

/** A string of min..max characters (after trimming, when asked), or nothing. */
export function text(value: unknown, max: number, { min = 0, trim = false } = {}): string | undefined {
  if (typeof value !== "string") return undefined;
  const v = trim ? value.trim() : value;
  return v.length >= min && v.length <= max ? v : undefined;
}

// As the gateway records tags: control and invisible format characters refused, 100 at most.
const campaign = (value: unknown) => {
  const v = text(value, 100, { min: 1, trim: true });
  return v !== undefined && !/[\p{Cc}\p{Cf}]/u.test(v) ? v : undefined;
};

/**
 * The view from a parsed search object, each key present (undefined when unset or malformed). Plain
 * code rather than a schema: the portal's route tree validates its URL with it in the first download,
 * where a schema library would add 23 KB gzip.
 */
export function readAnalyticsView(raw: Record<string, unknown>): AnalyticsView {
  return {
    campaign: campaign(raw.campaign),
    dimension: oneOf(raw.dimension, BREAKDOWN_DIMENSIONS),
    group_by: oneOf(raw.group_by, FUNNEL_GROUPS),
  };
}

/** The view from a query string or a parsed search object, with only the keys that are set. */
export function parseAnalyticsView(input: URLSearchParams | Record<string, unknown>): AnalyticsView {
  const raw = input instanceof URLSearchParams ? Object.fromEntries(input) : input;
  // Only the keys that are set, so the URL stays short and equal views compare equal.
  return Object.fromEntries(Object.entries(readAnalyticsView(raw)).filter(([, v]) => v !== undefined)) as AnalyticsView;
}
