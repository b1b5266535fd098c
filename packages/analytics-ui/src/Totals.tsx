import { Grid, Paper, Typography } from "@mui/material";
import type { AnalyticsSummary } from "@shopreg/sdk";
import { formatCount, formatRate } from "./format.ts";
import { type AnalyticsMessageKey, useAnalyticsText } from "./i18n.tsx";

/** The range's totals, one card each; conversion rate is registrations per unique click. */
export function Totals({ summary }: { summary: Omit<AnalyticsSummary, "from" | "to"> }) {
  const { t, lang } = useAnalyticsText();
  const cards: [string, AnalyticsMessageKey, string][] = [
    ["clicks", "clicks", formatCount(summary.clicks, lang)],
    ["unique_clicks", "uniqueClicks", formatCount(summary.unique_clicks, lang)],
    ["bot_clicks", "botClicks", formatCount(summary.bot_clicks, lang)],
    ["registrations", "registrations", formatCount(summary.registrations, lang)],
    ["approved_shops", "approvedShops", formatCount(summary.approved_shops, lang)],
    ["wrong_link_registrations", "wrongLink", formatCount(summary.wrong_link_registrations, lang)],
    ["conversion_rate", "conversionRate", formatRate(summary.registrations, summary.unique_clicks, lang)],
  ];
  return (
    <Grid container spacing={2}>
      {cards.map(([id, label, value]) => (
        <Grid key={id} size={{ xs: 6, sm: 4, lg: "grow" }}>
          <Paper variant="outlined" sx={{ p: 2, height: "100%" }}>
            <Typography variant="body2" color="text.secondary" sx={{ fontWeight: 600 }}>
              {t(label)}
            </Typography>
            <Typography data-testid={`total-${id}`} sx={{ fontSize: "1.75rem", fontWeight: 700, lineHeight: 1.3 }}>
              {value}
            </Typography>
            <Typography variant="caption" color="text.secondary" sx={{ display: "block" }}>
              {t(`${label}Help` as AnalyticsMessageKey)}
            </Typography>
          </Paper>
        </Grid>
      ))}
    </Grid>
  );
}
