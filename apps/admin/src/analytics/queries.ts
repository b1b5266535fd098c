import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useDataProvider } from "react-admin";
import type { AnalyticsReport, StaffDataProvider } from "../dataProvider.ts";

/** The staff analytics API's shapes (apps/api/src/schemas/resources.ts). */
export type Counts = {
  clicks: number;
  unique_clicks: number;
  bot_clicks: number;
  inactive_clicks: number;
  registrations: number;
  approved_shops: number;
};
export type Summary = Counts & { from: string; to: string };
export type Bucket = Counts & { bucket_start: string };
export type Timeseries = { from: string; to: string; interval: "hour" | "day"; time_zone: string; data: Bucket[] };
export type BreakdownRow = { value: string; clicks: number; unique_clicks: number; bot_clicks: number };
export type Breakdown = { dimension: string; data: BreakdownRow[] };
export type FunnelRow = Counts & {
  key: string | null;
  label: string | null;
  partner_id: string | null;
  service_id: string | null;
  audience: string | null;
};
export type Funnel = { group_by: "none" | "partner" | "service" | "link"; data: FunnelRow[] };
export type Conversion = {
  id: string;
  event_id: string;
  event_type: "seller.registered" | "shop.approved";
  seller_id: string;
  seller_type: string;
  click_id: string | null;
  channel: string | null;
  attributed: boolean;
  partner_id: string | null;
  service_id: string | null;
  link_id: string | null;
  attributed_click_id: string | null;
  occurred_at: string;
  received_at: string;
};
export type ConversionPage = { data: Conversion[]; next_cursor: string | null };

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
