import { forgetSignedIn, mayBeSignedIn } from "@shopreg/web-api";
import { queryOptions } from "@tanstack/react-query";
import {
  type AnalyticsInterval,
  ApiError,
  type BreakdownDimension,
  client,
  data,
  type EntityType,
  type FunnelGroup,
  type Session,
} from "./api.ts";

/** Loaders `ensureQueryData` these; components read the same cache with useSuspenseQuery. */
export const sessionQuery = queryOptions({
  queryKey: ["session"],
  queryFn: async (): Promise<Session | null> => {
    // No "signed in" cookie: nobody is, and asking would only log a 401 in the console.
    if (!mayBeSignedIn("partner")) return null;
    try {
      return await data(client.GET("/v1/session"));
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        forgetSignedIn("partner");
        return null;
      }
      throw e;
    }
  },
  staleTime: 60_000,
});

/** The API's largest page; lists follow next_cursor to the end (a TSP may have hundreds of services). */
export const PAGE_SIZE = 100;

/** Every item of a cursor-paginated list, page after page. */
export async function everything<T>(page: (cursor: string | undefined) => Promise<{ data: T[]; next_cursor: string | null }>) {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const p = await page(cursor);
    all.push(...p.data);
    cursor = p.next_cursor ?? undefined;
  } while (cursor);
  return { data: all, next_cursor: null };
}

export const applicationsQuery = queryOptions({
  queryKey: ["applications"],
  queryFn: () =>
    everything((cursor) => data(client.GET("/v1/applications", { params: { query: { limit: PAGE_SIZE, cursor } } }))),
});

export const applicationQuery = (id: string) =>
  queryOptions({
    queryKey: ["applications", id],
    queryFn: () => data(client.GET("/v1/applications/{id}", { params: { path: { id } } })),
  });

export const historyQuery = (id: string) =>
  queryOptions({
    queryKey: ["applications", id, "history"],
    queryFn: () => data(client.GET("/v1/applications/{id}/history", { params: { path: { id } } })),
  });

export const catalogQuery = queryOptions({
  queryKey: ["catalog"],
  queryFn: () => data(client.GET("/v1/catalog")),
  staleTime: Number.POSITIVE_INFINITY,
});

export const formQuery = (entityType: EntityType) =>
  queryOptions({
    queryKey: ["application-form", entityType],
    queryFn: () => data(client.GET("/v1/application-forms/{entity_type}", { params: { path: { entity_type: entityType } } })),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const servicesQuery = queryOptions({
  queryKey: ["services"],
  queryFn: () => everything((cursor) => data(client.GET("/v1/services", { params: { query: { limit: PAGE_SIZE, cursor } } }))),
});

export const serviceQuery = (id: string) =>
  queryOptions({
    queryKey: ["services", id],
    queryFn: () => data(client.GET("/v1/services/{id}", { params: { path: { id } } })),
  });

export const apiKeysQuery = queryOptions({
  queryKey: ["api-keys"],
  queryFn: () => everything((cursor) => data(client.GET("/v1/api-keys", { params: { query: { limit: PAGE_SIZE, cursor } } }))),
});

/** Analytics reports; `scope` is from/to/tz/service_id (see lib/analytics.ts). */
type Scope = { from?: string; to?: string; tz?: string; service_id?: string };

export const analyticsSummaryQuery = (scope: Scope) =>
  queryOptions({
    queryKey: ["analytics", "summary", scope],
    queryFn: () => data(client.GET("/v1/analytics/summary", { params: { query: scope } })),
  });

export const analyticsTimeseriesQuery = (scope: Scope, interval: AnalyticsInterval) =>
  queryOptions({
    queryKey: ["analytics", "timeseries", scope, interval],
    queryFn: () => data(client.GET("/v1/analytics/timeseries", { params: { query: { ...scope, interval } } })),
  });

export const analyticsBreakdownQuery = (scope: Scope, dimension: BreakdownDimension) =>
  queryOptions({
    queryKey: ["analytics", "breakdown", scope, dimension],
    queryFn: () => data(client.GET("/v1/analytics/breakdown", { params: { query: { ...scope, dimension } } })),
  });

export const analyticsFunnelQuery = (scope: Scope, groupBy: FunnelGroup) =>
  queryOptions({
    queryKey: ["analytics", "funnel", scope, groupBy],
    queryFn: () => data(client.GET("/v1/analytics/funnel", { params: { query: { ...scope, group_by: groupBy } } })),
  });

export const membersQuery = queryOptions({
  queryKey: ["members"],
  queryFn: () => data(client.GET("/v1/members")),
});

export const invitationsQuery = queryOptions({
  queryKey: ["members", "invitations"],
  queryFn: () => data(client.GET("/v1/invitations")),
});

export const twoFactorQuery = queryOptions({
  queryKey: ["me", "two-factor"],
  queryFn: () => data(client.GET("/v1/me/two-factor")),
});

export const mySessionsQuery = queryOptions({
  queryKey: ["me", "sessions"],
  queryFn: () => data(client.GET("/v1/me/sessions")),
});
