import { Box, Tab, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Tabs } from "@mui/material";
import { BarChart } from "@mui/x-charts/BarChart";
import { BREAKDOWN_DIMENSIONS, type BreakdownDimension } from "@shopreg/domain";
import { useState } from "react";
import { audienceLabel, CsvButton, Empty, formatCount, formatRate, ReportState, Section, visuallyHidden } from "./parts.tsx";
import { type Breakdown, useReport } from "./queries.ts";
import { exportUrl, type ResolvedRange, scopeParams } from "./range.ts";
import { SERIES_COLORS } from "./TimeseriesChart.tsx";

const LABELS: Record<BreakdownDimension, string> = {
  audience: "Audience",
  country: "Country",
  device: "Device",
  browser: "Browser",
  os: "OS",
  referrer: "Referrer",
  campaign: "Campaign",
  source: "Source",
  medium: "Medium",
};
/** The API's dimensions (the domain's list), in its order, with their labels. */
export const DIMENSIONS = BREAKDOWN_DIMENSIONS.map((d) => [d, LABELS[d]] as const);
type Dimension = BreakdownDimension;

const CHART_ROWS = 10;

const valueLabel = (dimension: Dimension, v: string) =>
  dimension === "audience" ? audienceLabel(v) : v === "unknown" ? "Unknown" : v === "direct" ? "Direct (no referrer)" : v;

/** Clicks by one dimension at a time: a bar chart of the top ten and a table of all rows. */
export function Breakdowns({ range }: { range: ResolvedRange }) {
  const [dimension, setDimension] = useState<Dimension>("audience");
  const name = DIMENSIONS.find(([d]) => d === dimension)?.[1] ?? dimension;
  const query = useReport<Breakdown>("breakdown", { ...scopeParams(range), dimension, limit: 200 });
  // The previous dimension's rows would be labelled wrongly: wait for this one.
  const current = { ...query, data: query.data?.dimension === dimension ? query.data : undefined };
  return (
    <Section
      id="breakdowns"
      title="Breakdowns"
      action={<CsvButton href={exportUrl(range, "breakdown", { dimension })} report={`clicks by ${name.toLowerCase()}`} />}
    >
      <Tabs
        value={dimension}
        onChange={(_, v: Dimension) => setDimension(v)}
        aria-label="Break clicks down by"
        variant="scrollable"
        allowScrollButtonsMobile
        sx={{ mb: 1 }}
      >
        {DIMENSIONS.map(([d, label]) => (
          <Tab key={d} value={d} label={label} id={`breakdown-tab-${d}`} aria-controls="breakdown-panel" />
        ))}
      </Tabs>
      <Box id="breakdown-panel" role="tabpanel" aria-labelledby={`breakdown-tab-${dimension}`}>
        <ReportState query={current} what={`clicks by ${name.toLowerCase()}`}>
          {(b) => {
            if (b.data.length === 0) return <Empty>No clicks in this range.</Empty>;
            const total = b.data.reduce((n, r) => n + r.clicks, 0);
            const top = b.data.slice(0, CHART_ROWS);
            return (
              <>
                <Box role="figure" aria-label={`Clicks by ${name.toLowerCase()}`} data-testid="breakdown-chart">
                  <Box sx={visuallyHidden}>The table below lists the same numbers.</Box>
                  <BarChart
                    layout="horizontal"
                    height={Math.max(140, 36 * top.length + 60)}
                    skipAnimation
                    margin={{ left: 8, right: 16, top: 8, bottom: 8 }}
                    yAxis={[{ scaleType: "band", data: top.map((r) => valueLabel(dimension, r.value)), width: 150 }]}
                    xAxis={[{ min: 0, tickMinStep: 1 }]}
                    series={[
                      { id: "clicks", label: "Clicks", data: top.map((r) => r.clicks), color: SERIES_COLORS.clicks },
                      {
                        id: "unique_clicks",
                        label: "Unique clicks",
                        data: top.map((r) => r.unique_clicks),
                        color: SERIES_COLORS.unique,
                      },
                    ]}
                  />
                </Box>
                <TableContainer>
                  <Table size="small" aria-label={`Clicks by ${name.toLowerCase()}`}>
                    <TableHead>
                      <TableRow>
                        <TableCell>{name}</TableCell>
                        <TableCell align="right">Clicks</TableCell>
                        <TableCell align="right">Share</TableCell>
                        <TableCell align="right">Unique clicks</TableCell>
                        <TableCell align="right">Bot clicks</TableCell>
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {b.data.map((r) => (
                        <TableRow key={r.value}>
                          <TableCell>{valueLabel(dimension, r.value)}</TableCell>
                          <TableCell align="right">{formatCount(r.clicks)}</TableCell>
                          <TableCell align="right">{formatRate(r.clicks, total)}</TableCell>
                          <TableCell align="right">{formatCount(r.unique_clicks)}</TableCell>
                          <TableCell align="right">{formatCount(r.bot_clicks)}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </TableContainer>
              </>
            );
          }}
        </ReportState>
      </Box>
    </Section>
  );
}
