import {
  Box,
  Paper,
  Tab,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Tabs,
  Typography,
} from "@mui/material";
import { BREAKDOWN_DIMENSIONS, type BreakdownDimension } from "@shopreg/domain";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { exportUrl, type ResolvedRange, scopeParams } from "../../lib/analytics.ts";
import { type MessageKey, regionName, useI18n } from "../../lib/i18n.tsx";
import { analyticsBreakdownQuery } from "../../lib/queries.ts";
import { ErrorState, LoadingState } from "../states.tsx";
import { CsvButton } from "./CsvButton.tsx";
import { formatCount, formatRate } from "./format.ts";

/** Clicks by audience, country, device, browser, OS and referrer: one table per tab. */
export function Breakdowns({ range }: { range: ResolvedRange }) {
  const { t, lang } = useI18n();
  const [dimension, setDimension] = useState<BreakdownDimension>("audience");
  const rows = useQuery({ ...analyticsBreakdownQuery(scopeParams(range), dimension), placeholderData: (prev) => prev });
  const dimLabel = (d: BreakdownDimension) => t(`analytics.dim.${d}`);
  const valueLabel = (value: string): string => {
    if (value === "unknown" || value === "") return t("analytics.unknown");
    if (dimension === "audience") return t(`audience.${value}` as MessageKey);
    if (dimension === "country") return `${regionName(value, lang)} (${value})`;
    if (dimension === "device" && ["mobile", "tablet", "desktop", "bot"].includes(value))
      return t(`analytics.device.${value}` as MessageKey);
    if (dimension === "referrer" && value === "direct") return t("analytics.direct");
    return value;
  };
  const data = rows.data?.dimension === dimension ? rows.data.data : undefined;
  const total = data?.reduce((n, r) => n + r.clicks, 0) ?? 0;

  return (
    <Paper component="section" aria-labelledby="breakdowns-title" sx={{ p: { xs: 2, sm: 3 } }}>
      <Box sx={{ display: "flex", alignItems: "center", gap: 1, flexWrap: "wrap", mb: 1 }}>
        <Typography id="breakdowns-title" variant="h2" sx={{ flexGrow: 1 }}>
          {t("analytics.breakdowns")}
        </Typography>
        <CsvButton href={exportUrl(range, "breakdown", { dimension })} report={dimLabel(dimension)} />
      </Box>
      <Tabs
        value={dimension}
        onChange={(_, v: BreakdownDimension) => setDimension(v)}
        variant="scrollable"
        allowScrollButtonsMobile
        aria-label={t("analytics.breakdowns")}
        sx={{ borderBottom: 1, borderColor: "divider", mb: 1 }}
      >
        {BREAKDOWN_DIMENSIONS.map((d) => (
          <Tab key={d} value={d} label={dimLabel(d)} id={`dim-tab-${d}`} aria-controls="dim-panel" />
        ))}
      </Tabs>
      <Box role="tabpanel" id="dim-panel" aria-labelledby={`dim-tab-${dimension}`}>
        {rows.isError ? (
          <ErrorState error={rows.error} onRetry={() => void rows.refetch()} />
        ) : !data ? (
          <LoadingState />
        ) : (
          <TableContainer>
            <Table size="small" aria-label={dimLabel(dimension)} sx={{ minWidth: 520 }}>
              <TableHead>
                <TableRow>
                  <TableCell>{dimLabel(dimension)}</TableCell>
                  <TableCell align="right">{t("analytics.clicks")}</TableCell>
                  <TableCell align="right">{t("analytics.uniqueClicks")}</TableCell>
                  <TableCell align="right">{t("analytics.botClicks")}</TableCell>
                  <TableCell align="right">{t("analytics.share")}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.length === 0 ? (
                  <TableRow>
                    <TableCell colSpan={5}>{t("analytics.noRows")}</TableCell>
                  </TableRow>
                ) : (
                  data.map((r) => (
                    <TableRow key={r.value}>
                      <TableCell component="th" scope="row">
                        {valueLabel(r.value)}
                      </TableCell>
                      <TableCell align="right">{formatCount(r.clicks, lang)}</TableCell>
                      <TableCell align="right">{formatCount(r.unique_clicks, lang)}</TableCell>
                      <TableCell align="right">{formatCount(r.bot_clicks, lang)}</TableCell>
                      <TableCell align="right">{formatRate(r.clicks, total, lang)}</TableCell>
                    </TableRow>
                  ))
                )}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </Box>
    </Paper>
  );
}
