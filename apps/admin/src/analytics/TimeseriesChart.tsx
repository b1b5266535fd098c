import { Box } from "@mui/material";
import { LineChart } from "@mui/x-charts/LineChart";
import { formatBucket, formatCount, visuallyHidden } from "./parts.tsx";
import type { Timeseries } from "./queries.ts";

/** Series colours with enough contrast on white, the same as the partner portal's. */
export const SERIES_COLORS = { clicks: "#c41f45", unique: "#1d4ed8", registrations: "#047857" } as const;

const hourOf = (iso: string, tz: string) =>
  Number(new Intl.DateTimeFormat("en-US", { timeZone: tz, hour: "numeric", hourCycle: "h23" }).format(new Date(iso)));

/**
 * Clicks and unique clicks on the left axis, registrations on the right: registrations are a few
 * a day against hundreds of clicks, and would lie flat on a shared axis.
 */
export function TimeseriesChart({ series }: { series: Timeseries }) {
  const { interval, time_zone: tz } = series;
  const buckets = series.data.map((b) => b.bucket_start);
  // About eight tick labels whatever the number of buckets; hourly ones at midnight, labelled by day.
  const candidates = buckets.flatMap((b, i) => (interval === "day" || hourOf(b, tz) === 0 ? [i] : []));
  const every = Math.max(1, Math.ceil(candidates.length / 8));
  const ticks = new Set(candidates.filter((_, k) => k % every === 0));
  const count = (v: number | null) => (v === null ? "" : formatCount(v));
  const line = (id: string, label: string, color: string, yAxisId: string, data: number[]) => ({
    id,
    label,
    data,
    yAxisId,
    color,
    showMark: false,
    curve: "monotoneX" as const,
    valueFormatter: count,
  });
  return (
    <Box
      role="figure"
      aria-labelledby="timeseries-title"
      aria-describedby="timeseries-description"
      data-testid="timeseries-chart"
    >
      <Box id="timeseries-description" sx={visuallyHidden}>
        Clicks and unique clicks (left axis) and registrations (right axis) per {interval}, time zone {tz}.
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
              ctx.location === "tooltip" ? formatBucket(v, interval, tz, true) : formatBucket(v, "day", tz),
            tickInterval: (_v: string, i: number) => ticks.has(i),
          },
        ]}
        yAxis={[
          { id: "clicks", position: "left", min: 0, tickMinStep: 1, width: 48, valueFormatter: count },
          { id: "registrations", position: "right", min: 0, tickMinStep: 1, width: 40, valueFormatter: count },
        ]}
        series={[
          line(
            "clicks",
            "Clicks",
            SERIES_COLORS.clicks,
            "clicks",
            series.data.map((b) => b.clicks),
          ),
          line(
            "unique_clicks",
            "Unique clicks",
            SERIES_COLORS.unique,
            "clicks",
            series.data.map((b) => b.unique_clicks),
          ),
          line(
            "registrations",
            "Registrations",
            SERIES_COLORS.registrations,
            "registrations",
            series.data.map((b) => b.registrations),
          ),
        ]}
      />
    </Box>
  );
}
