import ArrowIcon from "@mui/icons-material/ChevronRight";
import {
  Box,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from "@mui/material";
import type { AnalyticsSummary } from "@shopreg/sdk";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Fragment, type ReactNode } from "react";
import { formatCount, formatRate } from "./format.ts";
import { type AnalyticsMessageKey, useAnalyticsText } from "./i18n.tsx";
import { CsvButton, ReportState, Section } from "./parts.tsx";
import type { AnalyticsSource, FunnelGroup, FunnelRow, Scope } from "./source.ts";

type Step = "clicks" | "unique_clicks" | "registrations" | "approved_shops";
const STEPS: [Step, AnalyticsMessageKey][] = [
  ["clicks", "clicks"],
  ["unique_clicks", "uniqueClicks"],
  ["registrations", "registrations"],
  ["approved_shops", "approvedShops"],
];

/** Clicks → unique clicks → registrations → approved shops, each with its share of the step before. */
export function FunnelSteps({ summary }: { summary: Pick<AnalyticsSummary, Step> }) {
  const { t, lang } = useAnalyticsText();
  return (
    <Stack
      component="ol"
      direction={{ xs: "column", md: "row" }}
      spacing={1}
      sx={{ listStyle: "none", p: 0, m: 0, mb: 3, alignItems: { md: "stretch" } }}
      data-testid="funnel-steps"
    >
      {STEPS.map(([key, label], i) => {
        const prev = i > 0 ? STEPS[i - 1] : undefined;
        return (
          <Fragment key={key}>
            {i > 0 ? (
              <Box aria-hidden sx={{ display: { xs: "none", md: "flex" }, alignItems: "center", color: "text.secondary" }}>
                <ArrowIcon />
              </Box>
            ) : null}
            <Box component="li" sx={{ flex: 1, p: 1.5, bgcolor: "grey.100", borderRadius: 1 }}>
              <Typography variant="body2" color="text.secondary" sx={{ fontWeight: 600 }}>
                {t(label)}
              </Typography>
              <Typography sx={{ fontSize: "1.4rem", fontWeight: 700 }}>{formatCount(summary[key], lang)}</Typography>
              {prev ? (
                <Typography variant="caption" color="text.secondary">
                  {t("ofPrevious", { pct: formatRate(summary[key], summary[prev[0]], lang) })}
                </Typography>
              ) : null}
            </Box>
          </Fragment>
        );
      })}
    </Stack>
  );
}

export type FunnelProps = {
  source: AnalyticsSource;
  scope: Scope;
  summary: Pick<AnalyticsSummary, Step>;
  /** The groupings this app offers, the first one shown first. */
  groups: Exclude<FunnelGroup, "none">[];
  /** How a row is named (a service's name, a link to a partner); the default reads the row's own label. */
  rowLabel?(group: FunnelGroup, row: FunnelRow): ReactNode;
  limit?: number;
  /** The grouping shown (kept in the app's URL); the first one offered by default. */
  groupBy?: FunnelGroup | undefined;
  onGroupBy(g: Exclude<FunnelGroup, "none">): void;
};

/**
 * The funnel, overall and per grouping, with the wrong-link registrations of each row: by audience,
 * a row is the link the sellers used, so its wrong-link count says how many used the other link.
 */
export function Funnel({ source, scope, summary, groups, rowLabel, limit, groupBy: picked, onGroupBy }: FunnelProps) {
  const { t, lang } = useAnalyticsText();
  // Drilling into one partner takes "by partner" away: fall back to the first grouping offered.
  const groupBy = picked && picked !== "none" && groups.includes(picked) ? picked : (groups[0] ?? "link");
  const rows = useQuery({
    queryKey: [source.key, "funnel", scope, groupBy, limit],
    queryFn: () => source.funnel(scope, groupBy, limit),
    placeholderData: keepPreviousData,
  });
  // A placeholder from the other grouping would be labelled wrongly: wait for this one.
  const query = { ...rows, data: rows.data?.group_by === groupBy ? rows.data.data : undefined };
  const audience = (a: string | null) => (a ? t(`audience.${a}` as AnalyticsMessageKey) : "");
  const defaultLabel = (r: FunnelRow): string => {
    if (groupBy === "audience") return audience(r.audience ?? r.key);
    if (groupBy === "campaign") return r.key === "(none)" ? t("none") : r.key === "(other)" ? t("other") : (r.key ?? "");
    if (groupBy === "link" && r.audience) return `${(r.label ?? r.key ?? "").split(" · ")[0]} · ${audience(r.audience)}`;
    return r.label ?? r.key ?? "";
  };
  const label = (r: FunnelRow) => rowLabel?.(groupBy, r) ?? defaultLabel(r);

  return (
    <Section
      id="funnel"
      title={t("funnel")}
      action={<CsvButton href={source.exportUrl("funnel", { ...scope, group_by: groupBy })} report={t("funnel")} />}
    >
      <FunnelSteps summary={summary} />
      <ToggleButtonGroup
        size="small"
        exclusive
        value={groupBy}
        onChange={(_, v: typeof groupBy | null) => v && onGroupBy(v)}
        aria-label={t("groupBy")}
        sx={{ mb: 1.5, flexWrap: "wrap" }}
      >
        {groups.map((g) => (
          <ToggleButton key={g} value={g}>
            {t(`group.${g}` as AnalyticsMessageKey)}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      {groupBy === "audience" ? (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {t("wrongLinkNote")}
        </Typography>
      ) : null}
      {groupBy === "campaign" ? (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {t("otherNote")}
        </Typography>
      ) : null}
      <ReportState query={query} what={t("funnel")}>
        {(data) => (
          <TableContainer>
            <Table size="small" aria-label={t("funnel")} sx={{ minWidth: 720 }}>
              <TableHead>
                <TableRow>
                  <TableCell>{t(`col.${groupBy}` as AnalyticsMessageKey)}</TableCell>
                  {STEPS.map(([key, l]) => (
                    <TableCell key={key} align="right">
                      {t(l)}
                    </TableCell>
                  ))}
                  <TableCell align="right">{t("conversionRate")}</TableCell>
                  <TableCell align="right">{t("wrongLink")}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.length === 0 ? (
                  <TableRow>
                    <TableCell colSpan={7}>{t("noRows")}</TableCell>
                  </TableRow>
                ) : (
                  data.map((r) => (
                    <TableRow key={r.key ?? "none"}>
                      <TableCell component="th" scope="row">
                        {label(r)}
                      </TableCell>
                      {STEPS.map(([key]) => (
                        <TableCell key={key} align="right">
                          {formatCount(r[key], lang)}
                        </TableCell>
                      ))}
                      <TableCell align="right">{formatRate(r.registrations, r.unique_clicks, lang)}</TableCell>
                      <TableCell align="right">{formatCount(r.wrong_link_registrations, lang)}</TableCell>
                    </TableRow>
                  ))
                )}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </ReportState>
    </Section>
  );
}
