import { queryOptions } from "@tanstack/react-query";
import { queryString } from "./analytics.ts";
import {
  type AnalyticsBreakdown,
  type AnalyticsFunnel,
  type AnalyticsInterval,
  type AnalyticsSummary,
  type AnalyticsTimeseries,
  ApiError,
  type ApiKey,
  type Application,
  type ApplicationForm,
  type AuditEvent,
  api,
  type BreakdownDimension,
  type Catalog,
  type EntityType,
  type FunnelGroup,
  type Page,
  type Service,
  type Session,
} from "./api.ts";

/** Loaders `ensureQueryData` these; components read the same cache with useSuspenseQuery. */
export const sessionQuery = queryOptions({
  queryKey: ["session"],
  queryFn: async (): Promise<Session | null> => {
    try {
      return await api<Session>("/session");
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }
  },
  staleTime: 60_000,
});

export const applicationsQuery = queryOptions({
  queryKey: ["applications"],
  queryFn: () => api<Page<Application>>("/applications?limit=100"),
});

export const applicationQuery = (id: string) =>
  queryOptions({ queryKey: ["applications", id], queryFn: () => api<Application>(`/applications/${id}`) });

export const historyQuery = (id: string) =>
  queryOptions({
    queryKey: ["applications", id, "history"],
    queryFn: () => api<{ data: AuditEvent[] }>(`/applications/${id}/history`),
  });

export const catalogQuery = queryOptions({
  queryKey: ["catalog"],
  queryFn: () => api<Catalog>("/catalog"),
  staleTime: Number.POSITIVE_INFINITY,
});

export const formQuery = (entityType: EntityType) =>
  queryOptions({
    queryKey: ["application-form", entityType],
    queryFn: () => api<ApplicationForm>(`/application-forms/${entityType}`),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const servicesQuery = queryOptions({
  queryKey: ["services"],
  queryFn: () => api<Page<Service>>("/services?limit=100"),
});

export const serviceQuery = (id: string) =>
  queryOptions({ queryKey: ["services", id], queryFn: () => api<Service>(`/services/${id}`) });

export const apiKeysQuery = queryOptions({
  queryKey: ["api-keys"],
  queryFn: () => api<Page<ApiKey>>("/api-keys?limit=100"),
});

/** Analytics reports; `scope` is from/to/tz/service_id (see lib/analytics.ts). */
type Scope = Record<string, string>;

export const analyticsSummaryQuery = (scope: Scope) =>
  queryOptions({
    queryKey: ["analytics", "summary", scope],
    queryFn: () => api<AnalyticsSummary>(`/analytics/summary?${queryString(scope)}`),
  });

export const analyticsTimeseriesQuery = (scope: Scope, interval: AnalyticsInterval) =>
  queryOptions({
    queryKey: ["analytics", "timeseries", scope, interval],
    queryFn: () => api<AnalyticsTimeseries>(`/analytics/timeseries?${queryString({ ...scope, interval })}`),
  });

export const analyticsBreakdownQuery = (scope: Scope, dimension: BreakdownDimension) =>
  queryOptions({
    queryKey: ["analytics", "breakdown", scope, dimension],
    queryFn: () => api<AnalyticsBreakdown>(`/analytics/breakdown?${queryString({ ...scope, dimension })}`),
  });

export const analyticsFunnelQuery = (scope: Scope, groupBy: FunnelGroup) =>
  queryOptions({
    queryKey: ["analytics", "funnel", scope, groupBy],
    queryFn: () => api<AnalyticsFunnel>(`/analytics/funnel?${queryString({ ...scope, group_by: groupBy })}`),
  });
