import { Box, LinearProgress, Table, TableBody, TableCell, TableRow, Tooltip, Typography } from "@mui/material";
import { formatCount, formatShare } from "@shopreg/analytics-ui/format";
import { interpolate } from "@shopreg/domain";
import type { components } from "@shopreg/sdk";
import { useQuery } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext } from "react";
import { useListContext } from "react-admin";
import { data as body, client } from "../client.ts";
import { errorWords } from "../i18n/errors.ts";
import { activeLang, type UiWord, uiWord, useLang, useT } from "../i18n/index.tsx";

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
  const t = useT();
  const lang = useLang();
  if (q.isError) return <Typography color="error">{errorWords(q.error)}</Typography>;
  if (!q.data) return <LinearProgress aria-label={t("loading_referral_quality")} />;
  const r = q.data;
  const rows: [string, string, string][] = [
    [t("registrations"), formatCount(r.registrations, lang), t("registrations_help")],
    [
      t("approval_rate"),
      formatShare(r.approval_rate, lang),
      t("approval_rate_help", { count: formatCount(r.approved_shops, lang) }),
    ],
    [
      t("wrong_link_rate"),
      formatShare(r.wrong_link_rate, lang),
      t("wrong_link_help", { count: formatCount(r.wrong_link_registrations, lang) }),
    ],
    [
      t("bot_share"),
      formatShare(r.bot_click_share, lang),
      t("bot_share_help", { bots: formatCount(r.bot_clicks, lang), total: formatCount(r.total_clicks, lang) }),
    ],
  ];
  return (
    <Table size="small" aria-label={t("referral_quality_days", { days: QUALITY_DAYS })} data-testid="referral-quality">
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

/** A partner's referral quality in words: "12 registrations · 58% approved · 8% wrong link · 3% bot clicks". */
export function qualityWords(r: ReferralQuality, lang = activeLang()): string {
  const say = (w: UiWord, params: Record<string, string>) => interpolate(uiWord(w, lang), params);
  if (r.registrations === 0 && r.total_clicks === 0) return uiWord("no_referrals_yet", lang);
  const parts = [
    say(r.registrations === 1 ? "quality_registration" : "quality_registrations", { count: formatCount(r.registrations, lang) }),
  ];
  // A rate with nothing to divide by is left out rather than shown as a dash.
  if (r.approval_rate !== null) parts.push(say("quality_approved", { share: formatShare(r.approval_rate, lang) }));
  if (r.wrong_link_rate !== null) parts.push(say("quality_wrong_link", { share: formatShare(r.wrong_link_rate, lang) }));
  if (r.bot_click_share !== null) parts.push(say("quality_bots", { share: formatShare(r.bot_click_share, lang) }));
  return parts.join(" · ");
}

/** One partner's referral quality in the queue, from the page's batch. */
export function ReferralQualityCell({ partnerId }: { partnerId: string }) {
  const r = useContext(QualityContext)?.get(partnerId);
  const t = useT();
  const lang = useLang();
  if (!r)
    return (
      <Box component="span" sx={{ color: "text.secondary" }} aria-label={t("loading")}>
        …
      </Box>
    );
  return (
    <Tooltip title={t("referral_quality_tip", { days: QUALITY_DAYS })}>
      <Box component="span" data-testid={`quality-${partnerId}`}>
        {qualityWords(r, lang)}
      </Box>
    </Tooltip>
  );
}
