import type { Lang } from "../../lib/i18n.tsx";

const locale = (lang: Lang) => (lang === "zh" ? "zh-CN" : "en-US");

export const formatCount = (n: number, lang: Lang) => new Intl.NumberFormat(locale(lang)).format(n);

/** part ÷ whole as a percentage, or an em dash when there is no whole. */
export function formatRate(part: number, whole: number, lang: Lang): string {
  if (!whole) return "—";
  return new Intl.NumberFormat(locale(lang), { style: "percent", maximumFractionDigits: 1 }).format(part / whole);
}

/** A bucket's start in the report's time zone: "Nov 3" by day, "Nov 3, 14:00" by hour. */
export function formatBucket(iso: string, interval: "hour" | "day", tz: string, lang: Lang, long = false): string {
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone: tz,
    month: "short",
    day: "numeric",
    ...(long ? { weekday: "short" as const } : {}),
    ...(interval === "hour" ? { hour: "2-digit" as const, minute: "2-digit" as const, hourCycle: "h23" as const } : {}),
  }).format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD) for people: "Nov 3, 2026". */
export function formatDay(day: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), { timeZone: "UTC", dateStyle: "medium" }).format(new Date(`${day}T00:00:00Z`));
}
