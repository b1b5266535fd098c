import { MenuItem, Stack, TextField, Typography } from "@mui/material";
import { AnalyticsScreen, type AnalyticsSource, AnalyticsTextProvider, FUNNEL_GROUPS } from "@shopreg/analytics-ui";
import { useSuspenseQuery } from "@tanstack/react-query";
import { createFileRoute, useNavigate } from "@tanstack/react-router";
import { useMemo } from "react";
import { ButtonLink } from "../../components/links.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/states.tsx";
import { type AnalyticsSearch, analyticsSearch, resolveRange, scopeParams } from "../../lib/analytics.ts";
import { type Audience, client, data, type Session } from "../../lib/api.ts";
import { usePermissions } from "../../lib/can.ts";
import { regionName, useI18n } from "../../lib/i18n.tsx";
import { servicesQuery } from "../../lib/queries.ts";
import { hasScope } from "../../lib/scopes.ts";

/** An analyst reads analytics without services:read: the service filter is then empty, not an error. */
const servicesFor = (session: Session | null) =>
  hasScope(session, "services:read")
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

/** The partner's reports, read from /v1/analytics/* with the session cookie. */
const source: AnalyticsSource = {
  key: "analytics",
  summary: (scope) => data(client.GET("/v1/analytics/summary", { params: { query: scope } })),
  timeseries: (q) => data(client.GET("/v1/analytics/timeseries", { params: { query: q } })),
  breakdown: (q) => data(client.GET("/v1/analytics/breakdown", { params: { query: q } })),
  funnel: (scope, groupBy) =>
    data(
      client.GET("/v1/analytics/funnel", { params: { query: { ...scope, group_by: groupBy === "partner" ? "link" : groupBy } } }),
    ),
  exportUrl: (report, params) => `/v1/analytics/export?${new URLSearchParams({ report, ...params })}`,
};

/** The shared Analytics screen with the portal's service filter, language and empty state. */
function AnalyticsPage() {
  const { t, lang } = useI18n();
  const search = Route.useSearch();
  const navigate = useNavigate({ from: Route.fullPath });
  const { session } = usePermissions();
  const { data: services } = useSuspenseQuery(servicesFor(session));
  const range = useMemo(() => resolveRange(search), [search]);
  const update = (patch: Partial<AnalyticsSearch>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  return (
    <AnalyticsTextProvider lang={lang}>
      <Stack spacing={2}>
        <Typography variant="h1">{t("analytics.title")}</Typography>
        {range.invalid ? (
          <Typography variant="body2" color="error" role="alert">
            {t("analytics.badRange")}
          </Typography>
        ) : null}
        <AnalyticsScreen
          source={source}
          range={range}
          scope={scopeParams(range)}
          onRange={update}
          view={search}
          onView={update}
          funnelGroups={FUNNEL_GROUPS.filter((g) => g !== "partner")}
          funnelRowLabel={(group, r) => {
            const name = services.data.find((s) => s.id === r.service_id)?.name ?? r.label?.split(" · ")[0] ?? r.key;
            if (group === "service") return name;
            if (group === "link" && r.audience) return `${name} · ${t(`audience.${r.audience as Audience}`)}`;
            return undefined;
          }}
          regionName={(code) => regionName(code, lang)}
          filters={
            <TextField
              id="analytics-service"
              select
              size="small"
              label={t("analytics.service")}
              value={range.serviceId ?? ""}
              onChange={(e) => update({ service_id: e.target.value || undefined })}
              slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
              sx={{ minWidth: 220 }}
            >
              <MenuItem value="">{t("analytics.allServices")}</MenuItem>
              {services.data.map((s) => (
                <MenuItem key={s.id} value={s.id}>
                  {s.name}
                </MenuItem>
              ))}
            </TextField>
          }
          empty={
            <EmptyState
              title={t("analytics.empty")}
              help={t("analytics.emptyHelp")}
              action={
                <ButtonLink to="/services" variant="contained">
                  {t("analytics.goServices")}
                </ButtonLink>
              }
            />
          }
        />
      </Stack>
    </AnalyticsTextProvider>
  );
}
