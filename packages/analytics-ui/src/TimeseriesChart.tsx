import { Box } from "@mui/material";
import { LineChart } from "@mui/x-charts/LineChart";
import type { AnalyticsTimeseries } from "@shopreg/sdk";
import { formatBucket, formatCount, visuallyHidden } from "./format.ts";
import { useAnalyticsText } from "./i18n.tsx";

/** Series colours with enough contrast on white (the legend and lines must be told apart). */
export const SERIES_COLORS = { clicks: "#c41f45", unique: "#1d4ed8", registrations: "#047857" } as const;

/**
 * Clicks and unique clicks on the left axis, registrations on the right: registrations are a few
 * a day against hundreds of clicks, and would lie flat on a shared axis.
 */
export function TimeseriesChart({ series, labelledBy }: { series: AnalyticsTimeseries; labelledBy: string }) {
  const { t, lang } = useAnalyticsText();
  const { interval, time_zone: tz } = series;
  const buckets = series.data.map((b) => b.bucket_start);
  // About eight tick labels whatever the number of buckets; hourly ones at midnight, labelled by day.
  const candidates = buckets.flatMap((b, i) => (interval === "day" || hourOf(b, tz) === 0 ? [i] : []));
  const every = Math.max(1, Math.ceil(candidates.length / 8));
  const ticks = new Set(candidates.filter((_, k) => k % every === 0));
  const count = (v: number | null) => (v === null ? "" : formatCount(v, lang));
  return (
    <Box
      role="figure"
      aria-labelledby={labelledBy}
      aria-describedby="timeseries-description"
      data-testid="timeseries-chart"
      sx={{ width: "100%", minWidth: 0 }}
    >
      <Box id="timeseries-description" sx={visuallyHidden}>
        {t("chartLabel")}
      </Box>
      <LineChart
        height={320}
        skipAnimation
        grid={{ horizontal: true }}
        margin={{ left: 8, right: 8, top: 16, bottom: 8 }}
        xAxis={[
          {
            id: "time",
            scaleType: "point",
            data: buckets,
            valueFormatter: (v: string, ctx) =>
              ctx.location === "tooltip" ? formatBucket(v, interval, tz, lang, true) : formatBucket(v, "day", tz, lang),
            tickInterval: (_v: string, i: number) => ticks.has(i),
          },
        ]}
        yAxis={[
          { id: "clicks", position: "left", min: 0, tickMinStep: 1, width: 48, valueFormatter: count },
          { id: "registrations", position: "right", min: 0, tickMinStep: 1, width: 40, valueFormatter: count },
        ]}
        series={[
          {
            id: "clicks",
            label: t("clicks"),
            data: series.data.map((b) => b.clicks),
            yAxisId: "clicks",
            color: SERIES_COLORS.clicks,
            showMark: false,
            curve: "linear",
            valueFormatter: count,
          },
          {
            id: "unique_clicks",
            label: t("uniqueClicks"),
            data: series.data.map((b) => b.unique_clicks),
            yAxisId: "clicks",
            color: SERIES_COLORS.unique,
            showMark: false,
            curve: "linear",
            valueFormatter: count,
          },
          {
            id: "registrations",
            label: t("registrations"),
            data: series.data.map((b) => b.registrations),
            yAxisId: "registrations",
            color: SERIES_COLORS.registrations,
            showMark: false,
            curve: "linear",
            valueFormatter: count,
          },
        ]}
      />
    </Box>
  );
}

const hourOf = (iso: string, tz: string) =>
  Number(new Intl.DateTimeFormat("en-US", { timeZone: tz, hour: "numeric", hourCycle: "h23" }).format(new Date(iso)));
