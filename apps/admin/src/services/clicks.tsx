import { useQuery } from "@tanstack/react-query";
import { useDataProvider } from "react-admin";
import { resolveRange } from "../analytics/range.ts";
import type { StaffDataProvider } from "../dataProvider.ts";
import { formatNumber } from "../format.tsx";
/** The same period as Analytics' default: the last 30 calendar days in UTC, today included. */
import { wordKey } from "../i18n/index.tsx";

/** The clicks column's heading, as a message key (react-admin translates labels). */
export const CLICKS_LABEL = wordKey("clicks_30_days");

/** Non-bot clicks over Analytics' "Last 30 days"; "—" while unknown, never a guess. */
export function useClicks(groupBy: "service" | "link", serviceId?: string) {
  const dataProvider = useDataProvider<StaffDataProvider>();
  const r = resolveRange({});
  const { from, to, tz } = r;
  return useQuery({
    queryKey: ["analytics", "clicks", groupBy, serviceId ?? null, from, to],
    queryFn: () => dataProvider.clicks(groupBy, serviceId, { from, to, tz }),
    staleTime: 60_000,
  });
}

export function ClickCount({ id, groupBy, serviceId }: { id: string; groupBy: "service" | "link"; serviceId?: string }) {
  const { data } = useClicks(groupBy, serviceId);
  if (!data) return <>—</>;
  const n = data.counts[id];
  return <>{n !== undefined ? formatNumber(n) : data.complete ? "0" : "—"}</>;
}
