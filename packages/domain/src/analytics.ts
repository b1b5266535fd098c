import { addDays, isCalendarDay, isTimeZone, startOfDayIn, todayIn } from "./calendar.ts";

/**
 * The analytics range rules, once: the API enforces them and both web apps' range controls follow
 * them. Counts come from hourly rollups, so a range costs days, not clicks.
 */
/** Campaign tags on the fixed links (utm_campaign, utm_source, utm_medium), bounded per link and day. */
export const CAMPAIGN_DIMENSIONS = ["campaign", "source", "medium"] as const;
export const BREAKDOWN_DIMENSIONS = [
  "audience",
  "country",
  "device",
  "browser",
  "os",
  "referrer",
  ...CAMPAIGN_DIMENSIONS,
] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

/** Any report spans at most this many days. */
export const MAX_RANGE_DAYS = 400;
/** Hourly series span at most this many days; longer ranges are by day. */
export const MAX_HOURLY_DAYS = 31;
/** The range when none is asked for, in days counting today. */
export const DEFAULT_RANGE_DAYS = 30;
/** The web apps' range presets, in days counting today. */
export const RANGE_PRESETS = [7, 30, 90] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export type AnalyticsInterval = "hour" | "day";

/** A range as a screen's URL holds it: a preset, or calendar dates (both inclusive) in `tz`. */
export type RangeInput = {
  days?: RangePreset | undefined;
  from?: string | undefined;
  to?: string | undefined;
  interval?: AnalyticsInterval | undefined;
  tz?: string | undefined;
};

export type ResolvedRange = {
  preset: RangePreset | "custom";
  /** Inclusive calendar dates in tz, in order. */
  fromDay: string;
  toDay: string;
  days: number;
  tz: string;
  interval: AnalyticsInterval;
  /** What the API is asked for: [from, to) as ISO instants. */
  from: string;
  to: string;
  /** The custom dates came in the wrong order (they are swapped above). */
  reversed: boolean;
  /** Why the API would refuse this range, if it would. */
  problem: string | null;
};

/** Reads a URL's range fields; anything malformed is dropped, so its default applies. */
export function parseRangeInput(p: URLSearchParams | Record<string, unknown>): RangeInput {
  const get = (k: string) => {
    const v = p instanceof URLSearchParams ? p.get(k) : p[k];
    return v === null || v === undefined ? undefined : String(v);
  };
  const out: RangeInput = {};
  const days = Number(get("days"));
  if ((RANGE_PRESETS as readonly number[]).includes(days)) out.days = days as RangePreset;
  const from = get("from");
  const to = get("to");
  if (from && isCalendarDay(from)) out.from = from;
  if (to && isCalendarDay(to)) out.to = to;
  const interval = get("interval");
  if (interval === "hour" || interval === "day") out.interval = interval;
  const tz = get("tz");
  if (tz && tz.length <= 64 && isTimeZone(tz)) out.tz = tz;
  return out;
}

/** The range with its defaults filled in: the last DEFAULT_RANGE_DAYS days in `defaultTz`, by day. */
export function resolveRange(s: RangeInput, defaultTz: string, now = new Date()): ResolvedRange {
  const tz = s.tz ?? defaultTz;
  const today = todayIn(tz, now);
  const custom = s.from !== undefined || s.to !== undefined;
  const preset: RangePreset = s.days ?? DEFAULT_RANGE_DAYS;
  let fromDay = custom ? (s.from ?? addDays(s.to ?? today, -(preset - 1))) : addDays(today, -(preset - 1));
  let toDay = custom ? (s.to ?? today) : today;
  const reversed = fromDay > toDay;
  if (reversed) [fromDay, toDay] = [toDay, fromDay];
  const days = Math.round((Date.parse(toDay) - Date.parse(fromDay)) / 86_400_000) + 1;
  return {
    preset: custom ? "custom" : preset,
    fromDay,
    toDay,
    days,
    tz,
    interval: s.interval === "hour" && days <= MAX_HOURLY_DAYS ? "hour" : "day",
    from: startOfDayIn(fromDay, tz).toISOString(),
    to: startOfDayIn(addDays(toDay, 1), tz).toISOString(),
    reversed,
    problem: reversed
      ? "The start date is after the end date."
      : days > MAX_RANGE_DAYS
        ? `A range can span at most ${MAX_RANGE_DAYS} days.`
        : null,
  };
}

/** Whether [from, to) is longer than hourly series allow. */
export const tooLongForHourly = (from: Date, to: Date) => to.getTime() - from.getTime() > MAX_HOURLY_DAYS * 86_400_000;
/** Whether [from, to) is longer than any report allows. */
export const tooLongForReports = (from: Date, to: Date) => to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000;

/**
 * What a funnel report groups by, once for the API, the export and both screens: "none" is one row;
 * a partner's own report has no "partner" grouping.
 */
export const FUNNEL_GROUPS = ["none", "partner", "link", "service", "audience", "campaign"] as const;
export type FunnelGroup = (typeof FUNNEL_GROUPS)[number];
export const PARTNER_FUNNEL_GROUPS = FUNNEL_GROUPS.filter((g): g is Exclude<FunnelGroup, "partner"> => g !== "partner");
/** The groupings a screen offers to pick (one row, "none", is the totals above it). */
export const SCREEN_FUNNEL_GROUPS = FUNNEL_GROUPS.filter((g): g is Exclude<FunnelGroup, "none"> => g !== "none");
