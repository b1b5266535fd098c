import {
  type AnalyticsInterval,
  parseRangeInput,
  type RangePreset,
  type ResolvedRange,
  resolveRange as resolveDomainRange,
} from "@shopreg/domain";
import { type AnalyticsView, parseAnalyticsView } from "./search.ts";

/**
 * The Analytics screen's URL state, once for both apps: a preset (`days`) or custom calendar dates
 * (`from`..`to`, both inclusive, in `tz`), the interval, and the view's filters. Each app adds only
 * its own scope (the dashboard's partner drill-down, the portal's service). The rules are the
 * domain's (the API enforces the same ones); anything malformed falls back to its default.
 */
export type RangeSearch = { days?: RangePreset; from?: string; to?: string; interval?: AnalyticsInterval; tz?: string };
export type AnalyticsUrlState = RangeSearch & AnalyticsView;

/** The range and view from a query string or a parsed search object, with only the keys that are set. */
export function readAnalyticsUrl(input: URLSearchParams | Record<string, unknown>): AnalyticsUrlState {
  return { ...parseRangeInput(input), ...parseAnalyticsView(input) } as AnalyticsUrlState;
}

/** The range with its defaults filled in (the last 30 days in `defaultTz`, by day). */
export const resolveUrlRange = (s: RangeSearch, defaultTz: string, now = new Date()): ResolvedRange =>
  resolveDomainRange(s, defaultTz, now);

/** The query every report shares: the range and its time zone. */
export const rangeParams = (r: Pick<ResolvedRange, "from" | "to" | "tz">) => ({ from: r.from, to: r.to, tz: r.tz });

/** A state back to a query string ("" when empty), blank values left out. */
export function toSearchString(s: Record<string, unknown>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(s)) if (v !== undefined && v !== null && v !== "") p.set(k, String(v));
  const q = p.toString();
  return q ? `?${q}` : "";
}
