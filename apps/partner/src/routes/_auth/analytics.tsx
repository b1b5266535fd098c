import { Box, Paper, Stack, ToggleButton, ToggleButtonGroup, Typography } from "@mui/material";
import { useQuery, useSuspenseQuery } from "@tanstack/react-query";
import { createFileRoute, useNavigate } from "@tanstack/react-router";
import { useMemo } from "react";
import { Breakdowns } from "../../components/analytics/Breakdowns.tsx";
import { CsvButton } from "../../components/analytics/CsvButton.tsx";
import { Funnel } from "../../components/analytics/Funnel.tsx";
import { formatDay } from "../../components/analytics/format.ts";
import { RangeControls } from "../../components/analytics/RangeControls.tsx";
import { TimeseriesChart } from "../../components/analytics/TimeseriesChart.tsx";
import { Totals } from "../../components/analytics/Totals.tsx";
import { ButtonLink } from "../../components/links.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/states.tsx";
import {
  type AnalyticsSearch,
  analyticsSearch,
  exportUrl,
  MAX_HOURLY_DAYS,
  type ResolvedRange,
  resolveRange,
  scopeParams,
} from "../../lib/analytics.ts";
import type { AnalyticsInterval, AnalyticsSummary, Session } from "../../lib/api.ts";
import { permissions, usePermissions } from "../../lib/can.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { analyticsSummaryQuery, analyticsTimeseriesQuery, servicesQuery } from "../../lib/queries.ts";

/** An analyst reads analytics without services:read: the service filter is then empty, not an error. */
const servicesFor = (session: Session | null) =>
  permissions(session).has("services:read")
    ? servicesQuery
    : { ...servicesQuery, queryKey: ["services", "not-allowed"], queryFn: async () => ({ data: [], next_cursor: null }) };

export const Route = createFileRoute("/_auth/analytics")({
  validateSearch: analyticsSearch,
  // Only the service filter's list blocks the page; each report loads (and fails) on its own.
  loader: ({ context }) => context.queryClient.ensureQueryData(servicesFor(context.session)),
  pendingComponent: LoadingState,
  errorComponent: ({ error, reset }) => <ErrorState error={error} onRetry={reset} />,
  component: AnalyticsPage,
});

const hasActivity = (s: AnalyticsSummary) => s.clicks + s.bot_clicks + s.inactive_clicks + s.registrations + s.approved_shops > 0;

function AnalyticsPage() {
  const { t, lang } = useI18n();
  const search = Route.useSearch();
  const navigate = useNavigate({ from: Route.fullPath });
  const { session } = usePermissions();
  const { data: services } = useSuspenseQuery(servicesFor(session));
  const range = useMemo(() => resolveRange(search), [search]);
  // Keep showing the last numbers while a new range loads, rather than flashing a spinner.
  const summary = useQuery({ ...analyticsSummaryQuery(scopeParams(range)), placeholderData: (prev) => prev });
  const update = (patch: Partial<AnalyticsSearch>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  return (
    <Stack spacing={2}>
      <Typography variant="h1">{t("analytics.title")}</Typography>
      <Paper sx={{ p: 2 }}>
        <RangeControls range={range} services={services.data} onChange={update} />
        <Typography variant="body2" sx={{ mt: 0.5 }} data-testid="analytics-range">
          {formatDay(range.fromDay, lang)} – {formatDay(range.toDay, lang)}
        </Typography>
        {range.invalid ? (
          <Typography variant="body2" color="error" role="alert" sx={{ mt: 0.5 }}>
            {t("analytics.badRange")}
          </Typography>
        ) : null}
      </Paper>
      {summary.isError ? (
        <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />
      ) : !summary.data ? (
        <LoadingState />
      ) : (
        <>
          <Totals summary={summary.data} />
          {hasActivity(summary.data) ? (
            <>
              <OverTime range={range} onInterval={(interval) => update({ interval })} />
              <Funnel range={range} summary={summary.data} services={services.data} />
              <Breakdowns range={range} />
            </>
          ) : (
            <EmptyState
              title={t("analytics.empty")}
              help={t("analytics.emptyHelp")}
              action={
                <ButtonLink to="/services" variant="contained">
                  {t("analytics.goServices")}
                </ButtonLink>
              }
            />
          )}
        </>
      )}
    </Stack>
  );
}

function OverTime({ range, onInterval }: { range: ResolvedRange; onInterval(i: AnalyticsInterval): void }) {
  const { t } = useI18n();
  const series = useQuery({
    ...analyticsTimeseriesQuery(scopeParams(range), range.interval),
    placeholderData: (prev) => prev,
  });
  const hourly = range.days <= MAX_HOURLY_DAYS;
  return (
    <Paper component="section" aria-labelledby="over-time-title" sx={{ p: { xs: 2, sm: 3 } }}>
      <Box sx={{ display: "flex", alignItems: "center", gap: 1, flexWrap: "wrap", mb: 1 }}>
        <Typography id="over-time-title" variant="h2" sx={{ flexGrow: 1 }}>
          {t("analytics.overTime")}
        </Typography>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={range.interval}
          onChange={(_, v: AnalyticsInterval | null) => v && onInterval(v)}
          aria-label={t("analytics.interval")}
        >
          <ToggleButton value="hour" disabled={!hourly}>
            {t("analytics.byHour")}
          </ToggleButton>
          <ToggleButton value="day">{t("analytics.byDay")}</ToggleButton>
        </ToggleButtonGroup>
        {hourly ? null : (
          <Typography variant="caption" color="text.secondary">
            {t("analytics.hourlyLimit")}
          </Typography>
        )}
        <CsvButton href={exportUrl(range, "timeseries", { interval: range.interval })} report={t("analytics.overTime")} />
      </Box>
      {series.isError ? (
        <ErrorState error={series.error} onRetry={() => void series.refetch()} />
      ) : !series.data ? (
        <LoadingState />
      ) : (
        <TimeseriesChart series={series.data} labelledBy="over-time-title" />
      )}
    </Paper>
  );
}
