import ArrowIcon from "@mui/icons-material/ChevronRight";
import {
  Box,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from "@mui/material";
import { useQuery } from "@tanstack/react-query";
import { Fragment, useState } from "react";
import { exportUrl, type ResolvedRange, scopeParams } from "../../lib/analytics.ts";
import type { AnalyticsSummary, Audience, FunnelRow, Service } from "../../lib/api.ts";
import { type MessageKey, useI18n } from "../../lib/i18n.tsx";
import { analyticsFunnelQuery } from "../../lib/queries.ts";
import { ErrorState, LoadingState } from "../states.tsx";
import { CsvButton } from "./CsvButton.tsx";
import { formatCount, formatRate } from "./format.ts";

const STEPS: [keyof AnalyticsSummary & ("clicks" | "unique_clicks" | "registrations" | "approved_shops"), MessageKey][] = [
  ["clicks", "analytics.clicks"],
  ["unique_clicks", "analytics.uniqueClicks"],
  ["registrations", "analytics.registrations"],
  ["approved_shops", "analytics.approvedShops"],
];

/** Clicks → unique clicks → registrations → approved shops, overall and per link or service. */
export function Funnel({ range, summary, services }: { range: ResolvedRange; summary: AnalyticsSummary; services: Service[] }) {
  const { t, lang } = useI18n();
  const [groupBy, setGroupBy] = useState<"link" | "service">("link");
  const rows = useQuery({ ...analyticsFunnelQuery(scopeParams(range), groupBy), placeholderData: (prev) => prev });
  const serviceName = (r: FunnelRow) =>
    services.find((s) => s.id === r.service_id)?.name ?? r.label?.split(" · ")[0] ?? r.key ?? "";
  // A placeholder from the other grouping would be labelled wrongly: wait for this one.
  const data = rows.data?.group_by === groupBy ? rows.data.data : undefined;
  const rowLabel = (r: FunnelRow) =>
    groupBy === "link" && r.audience ? `${serviceName(r)} · ${t(`audience.${r.audience as Audience}`)}` : serviceName(r);

  return (
    <Paper component="section" aria-labelledby="funnel-title" sx={{ p: { xs: 2, sm: 3 } }}>
      <Box sx={{ display: "flex", alignItems: "center", gap: 1, flexWrap: "wrap", mb: 2 }}>
        <Typography id="funnel-title" variant="h2" sx={{ flexGrow: 1 }}>
          {t("analytics.funnel")}
        </Typography>
        <CsvButton href={exportUrl(range, "funnel", { group_by: groupBy })} report={t("analytics.funnel")} />
      </Box>
      <Stack
        component="ol"
        direction={{ xs: "column", md: "row" }}
        spacing={1}
        sx={{ listStyle: "none", p: 0, m: 0, mb: 3, alignItems: { md: "stretch" } }}
        data-testid="funnel-steps"
      >
        {STEPS.map(([key, label], i) => {
          const prev = i > 0 ? STEPS[i - 1] : undefined;
          return (
            <Fragment key={key}>
              {i > 0 ? (
                <Box aria-hidden sx={{ display: { xs: "none", md: "flex" }, alignItems: "center", color: "text.secondary" }}>
                  <ArrowIcon />
                </Box>
              ) : null}
              <Box component="li" sx={{ flex: 1, p: 1.5, bgcolor: "grey.100", borderRadius: 1 }}>
                <Typography variant="body2" color="text.secondary" sx={{ fontWeight: 600 }}>
                  {t(label)}
                </Typography>
                <Typography sx={{ fontSize: "1.4rem", fontWeight: 700 }}>{formatCount(summary[key], lang)}</Typography>
                {prev ? (
                  <Typography variant="caption" color="text.secondary">
                    {t("analytics.ofPrevious", { pct: formatRate(summary[key], summary[prev[0]], lang) })}
                  </Typography>
                ) : null}
              </Box>
            </Fragment>
          );
        })}
      </Stack>
      <ToggleButtonGroup
        size="small"
        exclusive
        value={groupBy}
        onChange={(_, v: "link" | "service" | null) => v && setGroupBy(v)}
        aria-label={t("analytics.groupBy")}
        sx={{ mb: 1.5 }}
      >
        <ToggleButton value="link">{t("analytics.byLink")}</ToggleButton>
        <ToggleButton value="service">{t("analytics.byService")}</ToggleButton>
      </ToggleButtonGroup>
      {rows.isError ? (
        <ErrorState error={rows.error} onRetry={() => void rows.refetch()} />
      ) : !data ? (
        <LoadingState />
      ) : (
        <TableContainer>
          <Table size="small" aria-label={t("analytics.funnel")} sx={{ minWidth: 640 }}>
            <TableHead>
              <TableRow>
                <TableCell>{groupBy === "link" ? t("analytics.link") : t("analytics.service")}</TableCell>
                {STEPS.map(([key, label]) => (
                  <TableCell key={key} align="right">
                    {t(label)}
                  </TableCell>
                ))}
                <TableCell align="right">{t("analytics.conversionRate")}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.length === 0 ? (
                <TableRow>
                  <TableCell colSpan={6}>{t("analytics.noRows")}</TableCell>
                </TableRow>
              ) : (
                data.map((r) => (
                  <TableRow key={r.key ?? "none"}>
                    <TableCell component="th" scope="row">
                      {rowLabel(r)}
                    </TableCell>
                    {STEPS.map(([key]) => (
                      <TableCell key={key} align="right">
                        {formatCount(r[key], lang)}
                      </TableCell>
                    ))}
                    <TableCell align="right">{formatRate(r.registrations, r.unique_clicks, lang)}</TableCell>
                  </TableRow>
                ))
              )}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Paper>
  );
}
