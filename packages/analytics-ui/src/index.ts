export { AnalyticsScreen, type AnalyticsScreenProps } from "./AnalyticsScreen.tsx";
export { Breakdowns } from "./Breakdowns.tsx";
export { Funnel, FunnelSteps } from "./Funnel.tsx";
export { formatBucket, formatCount, formatDay, formatRate, formatShare, visuallyHidden } from "./format.ts";
export {
  type AnalyticsLang,
  type AnalyticsMessageKey,
  AnalyticsTextProvider,
  analyticsMessages,
  useAnalyticsText,
} from "./i18n.tsx";
export { OverTime } from "./OverTime.tsx";
export { CsvButton, ReportError, ReportState, Section } from "./parts.tsx";
export { RangeControls, type RangePatch } from "./RangeControls.tsx";
export {
  type AnalyticsUrlState,
  type RangeSearch,
  rangeParams,
  readAnalyticsUrl,
  resolveUrlRange,
  toSearchString,
} from "./range.ts";
export { type AnalyticsView, FUNNEL_GROUPS, parseAnalyticsView, readAnalyticsView } from "./search.ts";
export type { AnalyticsSource, BreakdownRow, ExportReport, FunnelGroup, FunnelRow, Scope } from "./source.ts";
export { TimeseriesChart } from "./TimeseriesChart.tsx";
export { Totals } from "./Totals.tsx";
