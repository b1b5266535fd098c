import type { AnalyticsInterval, BreakdownDimension } from "@shopreg/domain";
import type { AnalyticsBreakdown, AnalyticsFunnel, AnalyticsSummary, AnalyticsTimeseries } from "@shopreg/sdk";

export type FunnelGroup = AnalyticsFunnel["group_by"];
export type FunnelRow = AnalyticsFunnel["data"][number];
export type BreakdownRow = AnalyticsBreakdown["data"][number];
export type ExportReport = "timeseries" | "breakdown" | "funnel";

/** The scope every report shares: the range, its time zone and the app's own filters (service, partner). */
export type Scope = Record<string, string>;

/**
 * Where the screen reads its reports: the portal's /v1/analytics/* or the dashboard's
 * /v1/staff/analytics/*. Both answer the same shapes.
 */
export type AnalyticsSource = {
  /** Query-key prefix, so the two apps' caches never mix. */
  key: string;
  summary(scope: Scope): Promise<AnalyticsSummary>;
  timeseries(scope: Scope & { interval: AnalyticsInterval; campaign?: string }): Promise<AnalyticsTimeseries>;
  breakdown(scope: Scope & { dimension: BreakdownDimension }): Promise<AnalyticsBreakdown>;
  funnel(scope: Scope, groupBy: FunnelGroup, limit?: number): Promise<AnalyticsFunnel>;
  /** The CSV download of a report with the same filters (a plain link: the session cookie goes along). */
  exportUrl(report: ExportReport, params: Record<string, string>): string;
};
