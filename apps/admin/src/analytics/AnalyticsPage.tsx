import { Alert, Box, Button, Chip, MenuItem, Link as MuiLink, Stack, TextField, Typography } from "@mui/material";
import { AnalyticsScreen, type AnalyticsSource, AnalyticsTextProvider, FUNNEL_GROUPS, Section } from "@shopreg/analytics-ui";
import { MAX_RANGE_DAYS } from "@shopreg/domain";
import { Link, Title, useCreatePath, useDataProvider, useGetOne } from "react-admin";
import type { StaffDataProvider } from "../dataProvider.ts";
import { useLang, useT } from "../i18n/index.tsx";
import { Conversions } from "./Conversions.tsx";
import { PartnerDrillDown, useAnalyticsSearch } from "./links.tsx";
import { ReportState } from "./parts.tsx";
import { type Funnel, useReport } from "./queries.ts";
import { browserTimeZone, exportUrl, resolveRange, scopeParams } from "./range.ts";
import { TopServices } from "./TopTables.tsx";

/** Top lists are fetched whole (up to the API's 500) so they also name partners and services elsewhere. */
const TOP_LIMIT = 500;

/**
 * The analysts' dashboard: the shared Analytics screen for everyone or (partner_id in the URL) for one
 * partner, with the dashboard's own top lists and unattributed conversions.
 */
export function AnalyticsPage() {
  const [search, setSearch] = useAnalyticsSearch();
  const range = resolveRange(search);
  const scope = scopeParams(range);
  const drilled = range.partnerId !== undefined;
  const ok = range.problem === null;
  const createPath = useCreatePath();
  const dataProvider = useDataProvider<StaffDataProvider>();
  const source: AnalyticsSource = {
    key: "staff-analytics",
    summary: (q) => dataProvider.analytics("summary", q),
    timeseries: (q) => dataProvider.analytics("timeseries", q),
    breakdown: (q) => dataProvider.analytics("breakdown", q),
    funnel: (q, group_by, limit) => dataProvider.analytics("funnel", { ...q, group_by, ...(limit ? { limit } : {}) }),
    exportUrl: (report, params) => exportUrl(range, report, params),
  };

  const partner = useGetOne<{ id: string; company_name: string }>(
    "partners",
    { id: range.partnerId ?? "" },
    { enabled: drilled },
  );
  const topPartners = useReport<Funnel>("top-partners", { ...scope, limit: TOP_LIMIT }, ok && !drilled);
  const topServices = useReport<Funnel>("top-services", { ...scope, limit: TOP_LIMIT }, ok);
  const partnerNames = new Map((topPartners.data?.data ?? []).flatMap((r) => (r.key && r.label ? [[r.key, r.label]] : [])));
  const serviceNames = new Map((topServices.data?.data ?? []).flatMap((r) => (r.key && r.label ? [[r.key, r.label]] : [])));
  const partnerName = partner.data?.company_name ?? (range.partnerId ? partnerNames.get(range.partnerId) : undefined);
  const zones = [...new Set(["UTC", browserTimeZone(), range.tz])];
  const t = useT();
  const lang = useLang();
  return (
    <AnalyticsTextProvider lang={lang}>
      <Box sx={{ py: 2 }}>
        <Title title={drilled ? t("analytics_for", { partner: partnerName ?? t("partner") }) : t("analytics")} />
        <Stack spacing={2}>
          <Box sx={{ display: "flex", alignItems: "center", gap: 2, flexWrap: "wrap" }}>
            <Typography variant="h5" component="h1">
              {drilled ? t("analytics_for_long", { partner: partnerName ?? t("one_partner") }) : t("analytics_all")}
            </Typography>
            {drilled ? (
              <>
                <Chip
                  label={t("partner_chip", { partner: partnerName ?? "…" })}
                  onDelete={() => setSearch({ partner_id: undefined })}
                  data-testid="partner-filter"
                />
                <Button size="small" onClick={() => setSearch({ partner_id: undefined })}>
                  {t("all_partners")}
                </Button>
                <MuiLink component={Link} to={createPath({ resource: "partners", type: "show", id: range.partnerId! })}>
                  {t("partner_page")}
                </MuiLink>
              </>
            ) : null}
          </Box>
          <AnalyticsScreen
            source={source}
            range={range}
            scope={scope}
            onRange={(patch) =>
              setSearch({
                ...patch,
                ...(patch.interval ? { interval: patch.interval === "day" ? undefined : patch.interval } : {}),
              })
            }
            view={search}
            onView={setSearch}
            problem={
              range.problem ? (
                <Alert severity="warning">
                  {range.reversed ? t("range_reversed") : t("range_too_long", { days: MAX_RANGE_DAYS })}
                </Alert>
              ) : undefined
            }
            funnelGroups={drilled ? FUNNEL_GROUPS.filter((g) => g !== "partner") : FUNNEL_GROUPS}
            funnelLimit={TOP_LIMIT}
            funnelRowLabel={(group, r) =>
              group === "partner" && r.key ? <PartnerDrillDown partnerId={r.key}>{r.label ?? r.key}</PartnerDrillDown> : undefined
            }
            filters={
              <TextField
                id="analytics-tz"
                select
                size="small"
                label={t("time_zone")}
                value={range.tz}
                onChange={(e) => setSearch({ tz: e.target.value === "UTC" ? undefined : e.target.value })}
                sx={{ width: 240, m: 0 }}
              >
                {zones.map((z) => (
                  <MenuItem key={z} value={z}>
                    {z}
                  </MenuItem>
                ))}
              </TextField>
            }
            middle={
              <>
                {/* Partners are ranked in the funnel's "By partner" table; the top list only names them here. */}
                <Section id="top-services" title={t("top_services")}>
                  <ReportState query={topServices} what={t("top_services")}>
                    {(f) => <TopServices rows={f.data} partnerNames={partnerNames} drilled={drilled} />}
                  </ReportState>
                </Section>
              </>
            }
          >
            <Conversions range={range} partnerNames={partnerNames} serviceNames={serviceNames} />
          </AnalyticsScreen>
        </Stack>
      </Box>
    </AnalyticsTextProvider>
  );
}
