import { Box, Stack, Typography } from "@mui/material";
import { BarChart } from "@mui/x-charts/BarChart";
import { PieChart } from "@mui/x-charts/PieChart";
import { visuallyHidden } from "@shopreg/analytics-ui/format";
import { formatMoney, type StatementTotals } from "./api.ts";
import { useIncentiveI18n } from "./words.ts";

/** Colours with enough contrast on white, told apart without relying on red/green alone (labels carry the words). */
const STATE_COLORS = { eligible: "#047857", pending: "#b45309", excluded: "#6b7280" } as const;
const MONEY_COLORS = { gross: "#1d4ed8", cap: "#6b7280", payable: "#047857" } as const;

/**
 * Sellers by state and earned against the cap: what a partner looks at rather than reads. Loaded on
 * its own (the charts library is the heaviest part of the page), with the totals also written out.
 */
export default function IncentiveCharts({ totals }: { totals: StatementTotals }) {
  const { t, lang } = useIncentiveI18n();
  const money = (v: number | null) => (v === null ? "" : formatMoney(v, totals.currency, lang));
  const states = (["eligible", "pending", "excluded"] as const).map((s) => ({
    id: s,
    value: totals[s],
    label: t(`incentives.state.${s}`),
    color: STATE_COLORS[s],
  }));
  const bars = [
    { key: "gross", label: t("incentives.gross"), value: totals.gross_minor, color: MONEY_COLORS.gross },
    ...(totals.cap_minor === null
      ? []
      : [{ key: "cap", label: t("incentives.cap"), value: totals.cap_minor, color: MONEY_COLORS.cap }]),
    { key: "payable", label: t("incentives.payable"), value: totals.payable_minor, color: MONEY_COLORS.payable },
  ];
  const sellers = totals.eligible + totals.pending + totals.excluded;
  return (
    <Stack direction={{ xs: "column", md: "row" }} spacing={2} sx={{ width: "100%" }}>
      <Box role="figure" aria-labelledby="chart-states-title" aria-describedby="chart-states-desc" sx={{ flex: 1, minWidth: 0 }}>
        <Typography id="chart-states-title" variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          {t("incentives.chart.states")}
        </Typography>
        <Box id="chart-states-desc" sx={visuallyHidden}>
          {states.map((s) => `${s.label}: ${s.value}`).join(", ")}
        </Box>
        {sellers === 0 ? (
          <Typography color="text.secondary">{t("incentives.noSellers")}</Typography>
        ) : (
          <PieChart height={220} skipAnimation series={[{ data: states, innerRadius: 50, paddingAngle: 1, cornerRadius: 3 }]} />
        )}
      </Box>
      <Box role="figure" aria-labelledby="chart-money-title" aria-describedby="chart-money-desc" sx={{ flex: 1, minWidth: 0 }}>
        <Typography id="chart-money-title" variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          {t("incentives.chart.money")}
        </Typography>
        <Box id="chart-money-desc" sx={visuallyHidden}>
          {bars.map((b) => `${b.label}: ${money(b.value)}`).join(", ")}
        </Box>
        <BarChart
          height={220}
          skipAnimation
          layout="horizontal"
          margin={{ left: 8, right: 40, top: 8, bottom: 8 }}
          yAxis={[
            {
              scaleType: "band",
              data: bars.map((b) => b.label),
              width: 110,
              colorMap: { type: "ordinal", values: bars.map((b) => b.label), colors: bars.map((b) => b.color) },
            },
          ]}
          xAxis={[{ min: 0, tickNumber: 3, valueFormatter: money }]}
          series={[{ data: bars.map((b) => b.value), valueFormatter: money }]}
          hideLegend
        />
      </Box>
    </Stack>
  );
}
