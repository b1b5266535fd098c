import { Box, MenuItem, TextField, ToggleButton, ToggleButtonGroup, Typography } from "@mui/material";
import { type AnalyticsInterval, MAX_HOURLY_DAYS, type ResolvedRange } from "@shopreg/domain";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useAnalyticsText } from "./i18n.tsx";
import { CsvButton, ReportState, Section } from "./parts.tsx";
import type { AnalyticsSource, Scope } from "./source.ts";
import { TimeseriesChart } from "./TimeseriesChart.tsx";

/** The series by hour or day, for every campaign or one; the CSV carries the same filters. */
export function OverTime({
  source,
  scope,
  range,
  onInterval,
  campaign = "",
  onCampaign,
}: {
  source: AnalyticsSource;
  scope: Scope;
  range: ResolvedRange;
  onInterval(i: AnalyticsInterval): void;
  /** One campaign's traffic only (kept in the app's URL); every campaign when empty. */
  campaign?: string | undefined;
  onCampaign(campaign: string | undefined): void;
}) {
  const { t } = useAnalyticsText();
  const params = { ...scope, interval: range.interval, ...(campaign ? { campaign } : {}) };
  const series = useQuery({
    queryKey: [source.key, "timeseries", params],
    queryFn: () => source.timeseries(params),
    placeholderData: keepPreviousData,
  });
  // The filter offers the campaigns the range has; "(other)" is not one campaign, so it cannot filter.
  const campaigns = useQuery({
    queryKey: [source.key, "breakdown", scope, "campaign"],
    queryFn: () => source.breakdown({ ...scope, dimension: "campaign" }),
  });
  const names = (campaigns.data?.data ?? []).map((r) => r.value).filter((v) => v !== "(other)" && v !== "(none)");
  const hourly = range.days <= MAX_HOURLY_DAYS;
  return (
    <Section
      id="over-time"
      title={t("overTime")}
      action={
        <>
          <TextField
            id="analytics-campaign"
            select
            size="small"
            label={t("campaignFilter")}
            value={campaign}
            onChange={(e) => onCampaign(e.target.value || undefined)}
            slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
            sx={{ minWidth: 180 }}
          >
            <MenuItem value="">{t("allCampaigns")}</MenuItem>
            {[...new Set([...names, ...(campaign ? [campaign] : [])])].map((c) => (
              <MenuItem key={c} value={c}>
                {c}
              </MenuItem>
            ))}
          </TextField>
          <ToggleButtonGroup
            size="small"
            exclusive
            value={range.interval}
            onChange={(_, v: AnalyticsInterval | null) => v && onInterval(v)}
            aria-label={t("interval")}
          >
            <ToggleButton value="hour" disabled={!hourly}>
              {t("byHour")}
            </ToggleButton>
            <ToggleButton value="day">{t("byDay")}</ToggleButton>
          </ToggleButtonGroup>
          {hourly ? null : (
            <Typography variant="caption" color="text.secondary">
              {t("hourlyLimit", { n: MAX_HOURLY_DAYS })}
            </Typography>
          )}
          <CsvButton href={source.exportUrl("timeseries", params)} report={t("overTime")} />
        </>
      }
    >
      <ReportState query={series} what={t("overTime")}>
        {(s) => (
          <Box>
            <TimeseriesChart series={s} labelledBy="over-time-title" />
          </Box>
        )}
      </ReportState>
    </Section>
  );
}
