import { Box, Tab, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Tabs, Typography } from "@mui/material";
import { BREAKDOWN_DIMENSIONS, type BreakdownDimension, CAMPAIGN_DIMENSIONS } from "@shopreg/domain";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { formatCount, formatRate } from "./format.ts";
import { type AnalyticsMessageKey, useAnalyticsText } from "./i18n.tsx";
import { CsvButton, ReportState, Section } from "./parts.tsx";
import type { AnalyticsSource, BreakdownRow, Scope } from "./source.ts";

const isCampaignDim = (d: BreakdownDimension) => (CAMPAIGN_DIMENSIONS as readonly string[]).includes(d);

/**
 * Clicks by audience, country, device, browser, OS, referrer and the links' campaign tags: one table
 * per tab. The tag tabs also count registrations and wrong-link registrations credited through them.
 */
export function Breakdowns({
  source,
  scope,
  regionName,
  dimension = "audience",
  onDimension,
}: {
  source: AnalyticsSource;
  scope: Scope;
  regionName?(code: string): string;
  /** The tab shown (kept in the app's URL); audience by default. */
  dimension?: BreakdownDimension | undefined;
  onDimension(d: BreakdownDimension): void;
}) {
  const { t, lang } = useAnalyticsText();
  const rows = useQuery({
    queryKey: [source.key, "breakdown", scope, dimension],
    queryFn: () => source.breakdown({ ...scope, dimension }),
    placeholderData: keepPreviousData,
  });
  const dimLabel = (d: BreakdownDimension) => t(`dim.${d}`);
  const tagged = isCampaignDim(dimension);
  const valueLabel = (value: string): string => {
    if (value === "unknown" || value === "") return t("unknown");
    if (tagged && value === "(none)") return t("none");
    if (tagged && value === "(other)") return t("other");
    if (dimension === "audience") return t(`audience.${value}` as AnalyticsMessageKey) ?? value;
    if (dimension === "country") return regionName ? `${regionName(value)} (${value})` : value;
    if (dimension === "device" && ["mobile", "tablet", "desktop", "bot"].includes(value))
      return t(`device.${value}` as AnalyticsMessageKey);
    if (dimension === "referrer" && value === "direct") return t("direct");
    return value;
  };
  // A placeholder from another tab would be labelled wrongly: wait for this one.
  const query = { ...rows, data: rows.data?.dimension === dimension ? rows.data.data : undefined };

  return (
    <Section
      id="breakdowns"
      title={t("breakdowns")}
      action={<CsvButton href={source.exportUrl("breakdown", { ...scope, dimension })} report={dimLabel(dimension)} />}
    >
      <Tabs
        value={dimension}
        onChange={(_, v: BreakdownDimension) => onDimension(v)}
        variant="scrollable"
        allowScrollButtonsMobile
        aria-label={t("breakdowns")}
        sx={{ borderBottom: 1, borderColor: "divider", mb: 1 }}
      >
        {BREAKDOWN_DIMENSIONS.map((d) => (
          <Tab key={d} value={d} label={dimLabel(d)} id={`dim-tab-${d}`} aria-controls="dim-panel" />
        ))}
      </Tabs>
      <Box role="tabpanel" id="dim-panel" aria-labelledby={`dim-tab-${dimension}`}>
        {tagged ? (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }} data-testid="other-note">
            {t("otherNote")}
          </Typography>
        ) : null}
        <ReportState query={query} what={dimLabel(dimension)}>
          {(data) => (
            <BreakdownTable rows={data} label={dimLabel(dimension)} tagged={tagged} valueLabel={valueLabel} lang={lang} />
          )}
        </ReportState>
      </Box>
    </Section>
  );
}

function BreakdownTable({
  rows,
  label,
  tagged,
  valueLabel,
  lang,
}: {
  rows: BreakdownRow[];
  label: string;
  tagged: boolean;
  valueLabel(v: string): string;
  lang: "en" | "zh";
}) {
  const { t } = useAnalyticsText();
  const total = rows.reduce((n, r) => n + r.clicks, 0);
  const cols = tagged ? 7 : 5;
  return (
    <TableContainer>
      <Table size="small" aria-label={label} sx={{ minWidth: 520 }}>
        <TableHead>
          <TableRow>
            <TableCell>{label}</TableCell>
            <TableCell align="right">{t("clicks")}</TableCell>
            <TableCell align="right">{t("uniqueClicks")}</TableCell>
            <TableCell align="right">{t("botClicks")}</TableCell>
            {tagged ? (
              <>
                <TableCell align="right">{t("registrations")}</TableCell>
                <TableCell align="right">{t("wrongLink")}</TableCell>
              </>
            ) : null}
            <TableCell align="right">{t("share")}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.length === 0 ? (
            <TableRow>
              <TableCell colSpan={cols}>{t("noRows")}</TableCell>
            </TableRow>
          ) : (
            rows.map((r) => (
              <TableRow key={r.value}>
                <TableCell component="th" scope="row">
                  {valueLabel(r.value)}
                </TableCell>
                <TableCell align="right">{formatCount(r.clicks, lang)}</TableCell>
                <TableCell align="right">{formatCount(r.unique_clicks, lang)}</TableCell>
                <TableCell align="right">{formatCount(r.bot_clicks, lang)}</TableCell>
                {tagged ? (
                  <>
                    <TableCell align="right">{formatCount(r.registrations ?? 0, lang)}</TableCell>
                    <TableCell align="right">{formatCount(r.wrong_link_registrations ?? 0, lang)}</TableCell>
                  </>
                ) : null}
                <TableCell align="right">{formatRate(r.clicks, total, lang)}</TableCell>
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
