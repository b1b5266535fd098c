import { useQuery } from "@tanstack/react-query";
import { useDataProvider } from "react-admin";
import type { StaffDataProvider } from "../dataProvider.ts";

export const CLICKS_LABEL = "Clicks (30 days)";

/** Non-bot clicks over the last 30 days from the analytics API; "—" while unknown, never a guess. */
export function useClicks(groupBy: "service" | "link", serviceId?: string) {
  const dataProvider = useDataProvider<StaffDataProvider>();
  return useQuery({
    queryKey: ["analytics", "clicks", groupBy, serviceId ?? null],
    queryFn: () => dataProvider.clicks(groupBy, serviceId),
    staleTime: 60_000,
  });
}

export function ClickCount({ id, groupBy, serviceId }: { id: string; groupBy: "service" | "link"; serviceId?: string }) {
  const { data } = useClicks(groupBy, serviceId);
  if (!data) return <>—</>;
  const n = data.counts[id];
  return <>{n !== undefined ? n.toLocaleString("en-US") : data.complete ? "0" : "—"}</>;
}
