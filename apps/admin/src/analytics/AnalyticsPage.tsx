import { Alert, Box, Button, Chip, Link as MuiLink, Stack, ToggleButton, ToggleButtonGroup, Typography } from "@mui/material";
import { Link, Title, useCreatePath, useGetOne } from "react-admin";
import { Breakdowns } from "./Breakdowns.tsx";
import { Conversions } from "./Conversions.tsx";
import { FunnelSteps } from "./FunnelSteps.tsx";
import { useAnalyticsSearch } from "./links.tsx";
import { CsvButton, Empty, formatDay, ReportState, Section } from "./parts.tsx";
import { type Funnel, type Summary, type Timeseries, useReport } from "./queries.ts";
import { RangeControls } from "./RangeControls.tsx";
import { exportUrl, MAX_HOURLY_DAYS, resolveRange, scopeParams } from "./range.ts";
import { TimeseriesChart } from "./TimeseriesChart.tsx";
import { LinkFunnelTable, TopPartners, TopServices } from "./TopTables.tsx";
import { Totals } from "./Totals.tsx";

/** Top lists are fetched whole (up to the API's 500) so they also name partners and services elsewhere. */
const TOP_LIMIT = 500;

/**
 * The analysts' dashboard: totals, the series, top partners and services, the funnel, breakdowns
 * and conversions for a range, for everyone or (partner_id in the URL) for one partner.
 */
export function AnalyticsPage() {
  const [search, setSearch] = useAnalyticsSearch();
  const range = resolveRange(search);
  const scope = scopeParams(range);
  const drilled = range.partnerId !== undefined;
  const ok = range.problem === null;
  const createPath = useCreatePath();

  const partner = useGetOne<{ id: string; company_name: string }>(
    "partners",
    { id: range.partnerId ?? "" },
    { enabled: drilled },
  );
  const summary = useReport<Summary>("summary", scope, ok);
  const series = useReport<Timeseries>("timeseries", { ...scope, interval: range.interval }, ok);
  const topPartners = useReport<Funnel>("top-partners", { ...scope, limit: TOP_LIMIT }, ok && !drilled);
  const topServices = useReport<Funnel>("top-services", { ...scope, limit: TOP_LIMIT }, ok);
  const byLink = useReport<Funnel>("funnel", { ...scope, group_by: "link", limit: TOP_LIMIT }, ok);

  const partnerNames = new Map((topPartners.data?.data ?? []).flatMap((r) => (r.key && r.label ? [[r.key, r.label]] : [])));
  const serviceNames = new Map((topServices.data?.data ?? []).flatMap((r) => (r.key && r.label ? [[r.key, r.label]] : [])));
  const partnerName = partner.data?.company_name ?? (range.partnerId ? partnerNames.get(range.partnerId) : undefined);

  return (
    <Box sx={{ py: 2 }}>
      <Title title={drilled ? `Analytics: ${partnerName ?? "partner"}` : "Analytics"} />
      <Stack spacing={2}>
        <Box sx={{ display: "flex", alignItems: "center", gap: 2, flexWrap: "wrap" }}>
          <Typography variant="h5" component="h1">
            {drilled ? `Analytics for ${partnerName ?? "one partner"}` : "Analytics: all partners"}
          </Typography>
          {drilled ? (
            <>
              <Chip
                label={`Partner: ${partnerName ?? "…"}`}
                onDelete={() => setSearch({ partner_id: undefined })}
                data-testid="partner-filter"
              />
              <Button size="small" onClick={() => setSearch({ partner_id: undefined })}>
                All partners
              </Button>
              <MuiLink component={Link} to={createPath({ resource: "partners", type: "show", id: range.partnerId! })}>
                Partner page
              </MuiLink>
            </>
          ) : null}
        </Box>
        <RangeControls range={range} onChange={setSearch} />
        <Typography variant="body2" color="text.secondary">
          {formatDay(range.fromDay)} – {formatDay(range.toDay)} ({range.days} {range.days === 1 ? "day" : "days"}), time zone{" "}
          {range.tz}. Counts come from hourly rollups; a click shows within seconds.
        </Typography>
        {range.problem ? (
          <Alert severity="warning">{range.problem}</Alert>
        ) : (
          <>
            <Section id="totals" title="Totals">
              <ReportState query={summary} what="totals">
                {(s) => <Totals summary={s} />}
              </ReportState>
            </Section>

            <Section
              id="timeseries"
              title={`Clicks and registrations per ${range.interval}`}
              action={
                <>
                  <ToggleButtonGroup
                    size="small"
                    exclusive
                    value={range.interval}
                    onChange={(_, v: "hour" | "day" | null) => v && setSearch({ interval: v === "day" ? undefined : v })}
                    aria-label="Interval"
                  >
                    <ToggleButton value="day">By day</ToggleButton>
                    <ToggleButton
                      value="hour"
                      disabled={range.days > MAX_HOURLY_DAYS}
                      title={range.days > MAX_HOURLY_DAYS ? `Hourly for ranges up to ${MAX_HOURLY_DAYS} days` : undefined}
                    >
                      By hour
                    </ToggleButton>
                  </ToggleButtonGroup>
                  <CsvButton href={exportUrl(range, "timeseries", { interval: range.interval })} report="timeseries" />
                </>
              }
            >
              <ReportState query={series} what="the timeseries">
                {(t) =>
                  t.data.some((b) => b.clicks || b.unique_clicks || b.registrations) ? (
                    <TimeseriesChart series={t} />
                  ) : (
                    <Empty>No clicks or registrations in this range.</Empty>
                  )
                }
              </ReportState>
            </Section>

            <>
              {drilled ? null : (
                <Section
                  id="top-partners"
                  title="Top partners"
                  action={<CsvButton href={exportUrl(range, "funnel", { group_by: "partner" })} report="top partners" />}
                >
                  <ReportState query={topPartners} what="top partners">
                    {(f) => <TopPartners rows={f.data} />}
                  </ReportState>
                </Section>
              )}
              <Section
                id="top-services"
                title="Top services"
                action={<CsvButton href={exportUrl(range, "funnel", { group_by: "service" })} report="top services" />}
              >
                <ReportState query={topServices} what="top services">
                  {(f) => <TopServices rows={f.data} partnerNames={partnerNames} drilled={drilled} />}
                </ReportState>
              </Section>
            </>

            <Section
              id="funnel"
              title="Funnel"
              action={<CsvButton href={exportUrl(range, "funnel", { group_by: "link" })} report="funnel by referral link" />}
            >
              <ReportState query={summary} what="the funnel">
                {(s) => <FunnelSteps summary={s} />}
              </ReportState>
              <ReportState query={byLink} what="the funnel by referral link">
                {(f) => <LinkFunnelTable rows={f.data} />}
              </ReportState>
            </Section>

            <Breakdowns range={range} />

            <Conversions range={range} partnerNames={partnerNames} serviceNames={serviceNames} />
          </>
        )}
      </Stack>
    </Box>
  );
}
