import { Box, LinearProgress, Table, TableBody, TableCell, TableRow, Tooltip, Typography } from "@mui/material";
import { formatCount, formatShare } from "@shopreg/analytics-ui/format";
import type { components } from "@shopreg/sdk";
import { useQuery } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext } from "react";
import { useListContext } from "react-admin";
import { data as body, client } from "../client.ts";

type ReferralQuality = components["schemas"]["ReferralQuality"];

/** The window reviewers judge a partner's referrals over. */
export const QUALITY_DAYS = 90;

/** A partner's referred sellers over 90 days: how many, how many were approved, used the wrong link, and bot clicks. */
export function ReferralQualityPanel({ partnerId }: { partnerId: string }) {
  const q = useQuery({
    queryKey: ["referral-quality", partnerId],
    queryFn: () =>
      body(
        client.GET("/v1/staff/partners/{id}/referral-quality", {
          params: { path: { id: partnerId }, query: { days: QUALITY_DAYS } },
        }),
      ),
    staleTime: 60_000,
  });
  if (q.isError)
    return (
      <Typography color="error">{q.error instanceof Error ? q.error.message : "Could not load referral quality."}</Typography>
    );
  if (!q.data) return <LinearProgress aria-label="Loading referral quality" />;
  const r = q.data;
  const rows: [string, string, string][] = [
    ["Registrations", formatCount(r.registrations), "Sellers credited to the partner"],
    ["Approval rate", formatShare(r.approval_rate), `${formatCount(r.approved_shops)} of their shops approved so far`],
    [
      "Wrong-link rate",
      formatShare(r.wrong_link_rate),
      `${formatCount(r.wrong_link_registrations)} registered through the link for the other audience`,
    ],
    [
      "Bot share",
      formatShare(r.bot_click_share),
      `${formatCount(r.bot_clicks)} of ${formatCount(r.total_clicks)} clicks were bots`,
    ],
  ];
  return (
    <Table size="small" aria-label={`Referral quality, last ${QUALITY_DAYS} days`} data-testid="referral-quality">
      <TableBody>
        {rows.map(([label, value, help]) => (
          <TableRow key={label}>
            <TableCell component="th" scope="row" sx={{ fontWeight: 600, width: 180 }}>
              {label}
            </TableCell>
            <TableCell sx={{ width: 100 }}>{value}</TableCell>
            <TableCell sx={{ color: "text.secondary" }}>{help}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

const QualityContext = createContext<Map<string, ReferralQuality> | undefined>(undefined);

/** One batch call for the partners on the list's page; each row's cell reads from it. */
export function ReferralQualityBatch({ children }: { children: ReactNode }) {
  const { data } = useListContext<{ id: string; partner_id: string }>();
  const ids = [...new Set((data ?? []).map((r) => r.partner_id))].sort();
  const q = useQuery({
    queryKey: ["referral-quality", "batch", ids],
    queryFn: () =>
      body(client.GET("/v1/staff/referral-quality", { params: { query: { days: QUALITY_DAYS, partner_ids: ids.join(",") } } })),
    enabled: ids.length > 0,
    staleTime: 60_000,
  });
  const map = q.data ? new Map(q.data.data.map((r) => [r.partner_id, r])) : undefined;
  return <QualityContext.Provider value={map}>{children}</QualityContext.Provider>;
}

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** A partner's referral quality in words: "12 registrations · 58% approved · 8% wrong link · 3% bot clicks". */
export function qualityWords(r: ReferralQuality): string {
  if (r.registrations === 0 && r.total_clicks === 0) return "No referrals yet";
  const parts = [plural(r.registrations, "registration", "registrations")];
  // A rate with nothing to divide by is left out rather than shown as a dash.
  if (r.approval_rate !== null) parts.push(`${formatShare(r.approval_rate)} approved`);
  if (r.wrong_link_rate !== null) parts.push(`${formatShare(r.wrong_link_rate)} wrong link`);
  if (r.bot_click_share !== null) parts.push(`${formatShare(r.bot_click_share)} bot clicks`);
  return parts.join(" · ");
}

/** One partner's referral quality in the queue, from the page's batch. */
export function ReferralQualityCell({ partnerId }: { partnerId: string }) {
  const r = useContext(QualityContext)?.get(partnerId);
  if (!r)
    return (
      <Box component="span" sx={{ color: "text.secondary" }} aria-label="Loading">
        …
      </Box>
    );
  return (
    <Tooltip
      title={`Last ${QUALITY_DAYS} days: sellers registered, share approved, share through the wrong link, share of clicks from bots`}
    >
      <Box component="span" data-testid={`quality-${partnerId}`}>
        {qualityWords(r)}
      </Box>
    </Tooltip>
  );
}
