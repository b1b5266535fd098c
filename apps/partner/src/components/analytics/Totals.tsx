import { Grid, Paper, Typography } from "@mui/material";
import type { AnalyticsSummary } from "../../lib/api.ts";
import { type MessageKey, useI18n } from "../../lib/i18n.tsx";
import { formatCount, formatRate } from "./format.ts";

/** The range's totals, one card each; conversion rate is registrations per unique click. */
export function Totals({ summary }: { summary: AnalyticsSummary }) {
  const { t, lang } = useI18n();
  const cards: [string, MessageKey, string][] = [
    ["clicks", "analytics.clicks", formatCount(summary.clicks, lang)],
    ["unique_clicks", "analytics.uniqueClicks", formatCount(summary.unique_clicks, lang)],
    ["bot_clicks", "analytics.botClicks", formatCount(summary.bot_clicks, lang)],
    ["registrations", "analytics.registrations", formatCount(summary.registrations, lang)],
    ["approved_shops", "analytics.approvedShops", formatCount(summary.approved_shops, lang)],
    ["conversion_rate", "analytics.conversionRate", formatRate(summary.registrations, summary.unique_clicks, lang)],
  ];
  return (
    <Grid container spacing={2}>
      {cards.map(([id, label, value]) => (
        <Grid key={id} size={{ xs: 6, sm: 4, lg: 2 }}>
          <Paper sx={{ p: 2, height: "100%" }} data-testid={`total-${id}`}>
            <Typography variant="body2" color="text.secondary" sx={{ fontWeight: 600 }}>
              {t(label)}
            </Typography>
            <Typography sx={{ fontSize: "1.75rem", fontWeight: 700, lineHeight: 1.3 }}>{value}</Typography>
            <Typography variant="caption" color="text.secondary" sx={{ display: "block" }}>
              {t(`${label}Help` as MessageKey)}
            </Typography>
          </Paper>
        </Grid>
      ))}
    </Grid>
  );
}
