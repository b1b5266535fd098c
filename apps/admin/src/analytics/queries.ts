import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useDataProvider } from "react-admin";
import type { AnalyticsBreakdown, AnalyticsSummary, AnalyticsTimeseries, ConversionPage } from "../api-types.ts";
import type { AnalyticsReport, StaffDataProvider } from "../dataProvider.ts";

/** The staff analytics API's shapes, generated from its OpenAPI document (see ../api-types.ts). */
export type {
  AnalyticsBreakdown as Breakdown,
  AnalyticsFunnel as Funnel,
  AnalyticsSummary as Summary,
  AnalyticsTimeseries as Timeseries,
  Conversion,
  ConversionPage,
  FunnelRow,
} from "../api-types.ts";
export type Counts = Omit<AnalyticsSummary, "from" | "to">;
export type Bucket = AnalyticsTimeseries["data"][number];
export type BreakdownRow = AnalyticsBreakdown["data"][number];

/** One report for the screen's scope. The previous answer stays on screen while a new range loads. */
export function useReport<T>(report: AnalyticsReport, query: Record<string, unknown>, enabled = true) {
  const dataProvider = useDataProvider<StaffDataProvider>();
  return useQuery({
    queryKey: ["staff-analytics", report, query],
    queryFn: () => dataProvider.analytics<T>(report, query),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    retry,
    enabled,
  });
}

/** A refused query (4xx: a bad range, a partner that does not exist) fails the same way again; anything else is retried once. */
const retry = (failures: number, error: unknown) => {
  const status = (error as { status?: number } | null)?.status ?? 0;
  return failures < 1 && !(status >= 400 && status < 500);
};

export const CONVERSIONS_PAGE = 100;

/** Conversions, newest first, a page of 100 at a time over the API's cursors. */
export function useConversions(query: Record<string, unknown>) {
  const dataProvider = useDataProvider<StaffDataProvider>();
  return useInfiniteQuery({
    queryKey: ["staff-analytics", "conversions", query],
    queryFn: ({ pageParam }) =>
      dataProvider.analytics<ConversionPage>("conversions", { ...query, limit: CONVERSIONS_PAGE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    staleTime: 30_000,
    retry,
  });
}
