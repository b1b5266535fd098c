import { createContext, type ReactNode, useContext, useMemo } from "react";

/** The analytics screen's words, in both of the portal's languages; the dashboard reads the English ones. */
const en = {
  range: "Date range",
  lastDays: "Last {n} days",
  custom: "Custom",
  fromDate: "From",
  toDate: "To",
  timeZone: "Dates and hours in {tz}",
  clicks: "Clicks",
  clicksHelp: "Clicks by people on active links",
  uniqueClicks: "Unique clicks",
  uniqueClicksHelp: "A visitor's first click on a link within an hour",
  botClicks: "Bot clicks",
  botClicksHelp: "Link previews and crawlers, not counted as clicks",
  registrations: "Registrations",
  registrationsHelp: "Sellers who registered after clicking the links",
  approvedShops: "Approved shops",
  approvedShopsHelp: "Registered sellers whose shops were approved",
  conversionRate: "Conversion rate",
  conversionRateHelp: "Registrations per unique click",
  wrongLink: "Wrong-link registrations",
  wrongLinkHelp: "Sellers who registered through the link meant for the other audience",
  overTime: "Clicks and registrations over time",
  interval: "Interval",
  byHour: "By hour",
  byDay: "By day",
  hourlyLimit: "Hourly for ranges up to {n} days",
  chartLabel: "Line chart of clicks, unique clicks and registrations",
  campaignFilter: "Campaign",
  allCampaigns: "All campaigns",
  funnel: "Funnel",
  ofPrevious: "{pct} of the step before",
  groupBy: "Group the funnel",
  "group.link": "By link",
  "group.service": "By service",
  "group.partner": "By partner",
  "group.audience": "By audience",
  "group.campaign": "By campaign",
  "col.link": "Referral link",
  "col.service": "Service",
  "col.partner": "Partner",
  "col.audience": "Link used",
  "col.campaign": "Campaign",
  wrongLinkNote:
    "Wrong-link registrations: a local seller who registered through the cross-border link, or the reverse. The row says which link they used.",
  noRows: "Nothing in this range.",
  breakdowns: "Where clicks come from",
  share: "Share of clicks",
  "dim.audience": "Audience",
  "dim.country": "Country or region",
  "dim.device": "Device",
  "dim.browser": "Browser",
  "dim.os": "OS",
  "dim.referrer": "Referrer",
  "dim.campaign": "Campaign",
  "dim.source": "Source",
  "dim.medium": "Medium",
  "device.mobile": "Mobile",
  "device.tablet": "Tablet",
  "device.desktop": "Desktop",
  "device.bot": "Bot",
  direct: "Direct (no referrer)",
  unknown: "Unknown",
  none: "(none): untagged",
  other: "(other)",
  otherNote:
    'Each link keeps at most 50 values per tag and day; values first seen after that on that link and day count as "(other)".',
  "audience.LOCAL_SELLER": "Local sellers",
  "audience.CROSS_BORDER_SELLER": "Cross-border sellers",
  csv: "Download CSV",
  csvOf: "Download CSV: {report}",
  retry: "Try again",
  loadFailed: "The report could not be loaded.",
  loading: "Loading {what}",
};
export type AnalyticsMessageKey = keyof typeof en;

const zh: Record<AnalyticsMessageKey, string> = {
  range: "日期范围",
  lastDays: "近 {n} 天",
  custom: "自定义",
  fromDate: "开始日期",
  toDate: "结束日期",
  timeZone: "日期和小时按 {tz} 时区",
  clicks: "点击量",
  clicksHelp: "真人在有效链接上的点击",
  uniqueClicks: "独立点击量",
  uniqueClicksHelp: "同一访客一小时内在同一链接上的首次点击",
  botClicks: "机器人点击量",
  botClicksHelp: "链接预览和爬虫，不计入点击量",
  registrations: "注册量",
  registrationsHelp: "点击链接后注册的商家",
  approvedShops: "已通过店铺",
  approvedShopsHelp: "已注册商家中店铺审核通过的数量",
  conversionRate: "转化率",
  conversionRateHelp: "每次独立点击带来的注册",
  wrongLink: "错用链接的注册",
  wrongLinkHelp: "通过面向另一类商家的链接注册的商家",
  overTime: "点击量与注册量趋势",
  interval: "时间粒度",
  byHour: "按小时",
  byDay: "按天",
  hourlyLimit: "{n} 天以内的范围可按小时查看",
  chartLabel: "点击量、独立点击量和注册量的折线图",
  campaignFilter: "推广活动",
  allCampaigns: "全部推广活动",
  funnel: "转化漏斗",
  ofPrevious: "为上一步的 {pct}",
  groupBy: "漏斗分组",
  "group.link": "按链接",
  "group.service": "按服务",
  "group.partner": "按合作伙伴",
  "group.audience": "按目标商家",
  "group.campaign": "按推广活动",
  "col.link": "推荐链接",
  "col.service": "服务",
  "col.partner": "合作伙伴",
  "col.audience": "使用的链接",
  "col.campaign": "推广活动",
  wrongLinkNote: "错用链接的注册：本土商家通过跨境商家链接注册，或相反。每一行说明他们使用的是哪个链接。",
  noRows: "此范围内暂无数据。",
  breakdowns: "点击来源",
  share: "点击占比",
  "dim.audience": "目标商家",
  "dim.country": "国家或地区",
  "dim.device": "设备",
  "dim.browser": "浏览器",
  "dim.os": "操作系统",
  "dim.referrer": "来源网站",
  "dim.campaign": "推广活动",
  "dim.source": "流量来源",
  "dim.medium": "媒介",
  "device.mobile": "手机",
  "device.tablet": "平板",
  "device.desktop": "电脑",
  "device.bot": "机器人",
  direct: "直接访问（无来源）",
  unknown: "未知",
  none: "(none)：未加标签",
  other: "(other)：其他",
  otherNote: "每个链接每天每个标签最多保留 50 个值；当天该链接上此后首次出现的值计为 “(other)”。",
  "audience.LOCAL_SELLER": "本土商家",
  "audience.CROSS_BORDER_SELLER": "跨境商家",
  csv: "下载 CSV",
  csvOf: "下载 CSV：{report}",
  retry: "重试",
  loadFailed: "报表加载失败。",
  loading: "正在加载{what}",
};

export type AnalyticsLang = "en" | "zh";
export const analyticsMessages: Record<AnalyticsLang, Record<AnalyticsMessageKey, string>> = { en, zh };

export type AnalyticsText = {
  lang: AnalyticsLang;
  t(key: AnalyticsMessageKey, vars?: Record<string, string | number>): string;
};

const Ctx = createContext<AnalyticsText | null>(null);

export function AnalyticsTextProvider({ lang, children }: { lang: AnalyticsLang; children: ReactNode }) {
  const value = useMemo<AnalyticsText>(
    () => ({
      lang,
      t: (key, vars) =>
        analyticsMessages[lang][key].replace(/\{(\w+)\}/g, (m, name: string) => (vars && name in vars ? String(vars[name]) : m)),
    }),
    [lang],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** The screen's words; English when no provider wraps it. */
export function useAnalyticsText(): AnalyticsText {
  return useContext(Ctx) ?? fallback;
}
const fallback: AnalyticsText = {
  lang: "en",
  t: (key, vars) => en[key].replace(/\{(\w+)\}/g, (m, name: string) => (vars && name in vars ? String(vars[name]) : m)),
};
