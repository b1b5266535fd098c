import type { AnalyticsLang } from "./i18n.tsx";

const locale = (lang: AnalyticsLang) => (lang === "zh" ? "zh-CN" : "en-US");

export const formatCount = (n: number, lang: AnalyticsLang = "en") => new Intl.NumberFormat(locale(lang)).format(n);

/** part ÷ whole as a percentage, or an em dash when there is no whole. */
export function formatRate(part: number, whole: number, lang: AnalyticsLang = "en"): string {
  if (!whole) return "—";
  return formatShare(part / whole, lang);
}

/** A 0..1 share as a percentage, or an em dash for null. */
export function formatShare(share: number | null, lang: AnalyticsLang = "en"): string {
  if (share === null) return "—";
  return new Intl.NumberFormat(locale(lang), { style: "percent", maximumFractionDigits: 1 }).format(share);
}

/** A bucket's start in the report's time zone: "Nov 3" by day, "Nov 3, 14:00" by hour. */
export function formatBucket(
  iso: string,
  interval: "hour" | "day",
  tz: string,
  lang: AnalyticsLang = "en",
  long = false,
): string {
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone: tz,
    month: "short",
    day: "numeric",
    ...(long ? { weekday: "short" as const } : {}),
    ...(interval === "hour" ? { hour: "2-digit" as const, minute: "2-digit" as const, hourCycle: "h23" as const } : {}),
  }).format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD) for people: "Nov 3, 2026". */
export function formatDay(day: string, lang: AnalyticsLang = "en"): string {
  return new Intl.DateTimeFormat(locale(lang), { timeZone: "UTC", dateStyle: "medium" }).format(new Date(`${day}T00:00:00Z`));
}

export const visuallyHidden = {
  position: "absolute",
  width: "1px",
  height: "1px",
  padding: 0,
  margin: "-1px",
  overflow: "hidden",
  clip: "rect(0 0 0 0)",
  whiteSpace: "nowrap",
  border: 0,
} as const;
