import { Stack, Typography } from "@mui/material";
import type { AnalyticsInterval, ResolvedRange } from "@shopreg/domain";
import type { AnalyticsSummary } from "@shopreg/sdk";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Breakdowns } from "./Breakdowns.tsx";
import { Funnel, type FunnelProps } from "./Funnel.tsx";
import { formatDay } from "./format.ts";
import { useAnalyticsText } from "./i18n.tsx";
import { OverTime } from "./OverTime.tsx";
import { ReportState, Section } from "./parts.tsx";
import { RangeControls, type RangePatch } from "./RangeControls.tsx";
import type { AnalyticsView } from "./search.ts";
import type { AnalyticsSource, Scope } from "./source.ts";
import { Totals } from "./Totals.tsx";

export type AnalyticsScreenProps = {
  source: AnalyticsSource;
  range: ResolvedRange;
  /** The query every report shares (range, time zone, the app's filters). */
  scope: Scope;
  onRange(patch: RangePatch): void;
  /** The series' campaign, the breakdown's dimension and the funnel's grouping, from the app's URL. */
  view: AnalyticsView;
  onView(patch: Partial<AnalyticsView>): void;
  /** The app's filters beside the range (a service, a partner, a time zone). */
  filters?: ReactNode;
  /** Shown under the range instead of the reports when the range cannot be asked for. */
  problem?: ReactNode;
  /** Shown instead of the series, funnel and breakdowns when the range has no activity at all. */
  empty?: ReactNode;
  funnelGroups: FunnelProps["groups"];
  funnelRowLabel?: FunnelProps["rowLabel"];
  funnelLimit?: number;
  regionName?(code: string): string;
  /** The app's own sections, after the funnel (top lists), and at the end (conversions). */
  middle?: ReactNode;
  children?: ReactNode;
};

const hasActivity = (s: AnalyticsSummary) => s.clicks + s.bot_clicks + s.inactive_clicks + s.registrations + s.approved_shops > 0;

/** The one Analytics screen of both web apps: range, totals, series, funnel and breakdowns. */
export function AnalyticsScreen(p: AnalyticsScreenProps) {
  const { t, lang } = useAnalyticsText();
  const summary = useQuery({
    queryKey: [p.source.key, "summary", p.scope],
    queryFn: () => p.source.summary(p.scope),
    placeholderData: keepPreviousData,
    enabled: !p.problem,
  });
  return (
    <Stack spacing={2}>
      <Section id="range" title={t("range")}>
        <RangeControls range={p.range} onChange={p.onRange}>
          {p.filters}
        </RangeControls>
        <Typography variant="body2" sx={{ mt: 1 }} data-testid="analytics-range">
          {formatDay(p.range.fromDay, lang)} – {formatDay(p.range.toDay, lang)} · {t("timeZone", { tz: p.range.tz })}
        </Typography>
      </Section>
      {p.problem ?? (
        <ReportState query={summary} what={t("clicks")}>
          {(s) => (
            <Stack spacing={2}>
              <Totals summary={s} />
              {p.empty && !hasActivity(s) ? (
                p.empty
              ) : (
                <>
                  <OverTime
                    source={p.source}
                    scope={p.scope}
                    range={p.range}
                    onInterval={(interval: AnalyticsInterval) => p.onRange({ interval })}
                    campaign={p.view.campaign}
                    onCampaign={(campaign) => p.onView({ campaign })}
                  />
                  <Funnel
                    source={p.source}
                    scope={p.scope}
                    summary={s}
                    groups={p.funnelGroups}
                    rowLabel={p.funnelRowLabel}
                    limit={p.funnelLimit}
                    groupBy={p.view.group_by}
                    onGroupBy={(group_by) => p.onView({ group_by })}
                  />
                  {p.middle}
                  <Breakdowns
                    source={p.source}
                    scope={p.scope}
                    regionName={p.regionName}
                    dimension={p.view.dimension}
                    onDimension={(dimension) => p.onView({ dimension })}
                  />
                  {p.children}
                </>
              )}
            </Stack>
          )}
        </ReportState>
      )}
    </Stack>
  );
}
