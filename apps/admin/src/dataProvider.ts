import { APPLICATION_STATUSES, type ApplicationAction } from "@shopreg/domain";
import type { DataProvider, GetListParams, Identifier, RaRecord } from "react-admin";
import { data as body, client, type QueryOf } from "./client.ts";

type Page<T> = { data: T[]; next_cursor: string | null };
type Row = RaRecord & Record<string, unknown>;

/** A filter's blank values (an emptied input) are no filter at all. */
function clean(q: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== null && v !== ""));
}

/** One page of a paginated resource, each through its own typed operation. */
function listPage(resource: string, query: Record<string, unknown>): Promise<Page<Row>> {
  const q = clean(query);
  switch (resource) {
    case "applications":
      return body(client.GET("/v1/staff/applications", { params: { query: q as QueryOf<"/v1/staff/applications"> } }));
    case "partners":
      return body(client.GET("/v1/staff/partners", { params: { query: q as QueryOf<"/v1/staff/partners"> } }));
    case "services":
      return body(client.GET("/v1/staff/services", { params: { query: q as QueryOf<"/v1/staff/services"> } }));
    case "referral-links":
      return body(client.GET("/v1/staff/referral-links", { params: { query: q as QueryOf<"/v1/staff/referral-links"> } }));
    case "audit-events":
      return body(client.GET("/v1/staff/audit-events", { params: { query: q as QueryOf<"/v1/staff/audit-events"> } }));
    default:
      throw new Error(`Unknown resource ${resource}`);
  }
}

/** The decisions a reviewer or admin takes, spelled as the API's allowed_actions spell them. */
export type ReviewAction = Extract<ApplicationAction, "approve" | "reject" | "request_info" | "revoke">;
export const REVIEW_ACTIONS: readonly ReviewAction[] = ["approve", "request_info", "reject", "revoke"];

export type StaffDataProvider = DataProvider & {
  approve(id: Identifier): Promise<{ data: Row }>;
  reject(id: Identifier, reason: string): Promise<{ data: Row }>;
  requestInfo(id: Identifier, reason: string): Promise<{ data: Row }>;
  revoke(id: Identifier, reason: string): Promise<{ data: Row }>;
  disableStaffUser(id: Identifier): Promise<{ data: Row }>;
  /** Clicks per service or per link (analytics funnel), over the range given (Analytics' "Last 30 days" by default). */
  clicks(groupBy: "service" | "link", serviceId?: string, range?: { from: string; to: string; tz: string }): Promise<ClickCounts>;
  enableStaffUser(id: Identifier): Promise<{ data: Row }>;
  /** One staff analytics report (summary, timeseries, breakdown, funnel, top lists, conversions) as the API returns it. */
  analytics<T>(report: AnalyticsReport, query: Record<string, unknown>): Promise<T>;
};

export type AnalyticsReport = "summary" | "timeseries" | "breakdown" | "funnel" | "top-partners" | "top-services" | "conversions";

export const CLICKS_LIMIT = 500;
/** Clicks by service or link id; complete is false when the API cut the list, so a missing id is unknown, not zero. */
export type ClickCounts = { counts: Record<string, number>; complete: boolean };

/** Every status an application can have once submitted (staff never see drafts). */
export const SUBMITTED_STATUSES = APPLICATION_STATUSES.filter((s) => s !== "DRAFT");

/** Date inputs give YYYY-MM-DD; the API wants ISO datetimes covering whole days (UTC). */
const dayStart = (d: unknown) =>
  typeof d === "string" && d ? new Date(`${d.slice(0, 10)}T00:00:00.000Z`).toISOString() : undefined;
const dayEnd = (d: unknown) =>
  typeof d === "string" && d ? new Date(`${d.slice(0, 10)}T23:59:59.999Z`).toISOString() : undefined;

function queryOf(resource: string, filter: Record<string, unknown>): Record<string, unknown> {
  const q: Record<string, unknown> = { ...filter };
  if (resource === "applications") {
    // A blank status filter means every status (the API alone would read it as its queue, REVIEWING).
    q.status = (Array.isArray(q.status) && q.status.length > 0 ? q.status : SUBMITTED_STATUSES).join(",");
    q.submitted_from = dayStart(filter.submitted_from);
    q.submitted_to = dayEnd(filter.submitted_to);
  }
  return q;
}

/** Cursor pagination under react-admin's page numbers: page -> cursor, per resource, filter and page size. */
export function createCursorMap() {
  const maps = new Map<string, Map<number, string | null>>();
  return {
    get(key: string) {
      let m = maps.get(key);
      if (!m) {
        m = new Map([[1, null]]);
        maps.set(key, m);
      }
      return m;
    },
    clear: () => maps.clear(),
  };
}

export function createDataProvider(): StaffDataProvider {
  const cursors = createCursorMap();

  async function fetchPage(resource: string, params: GetListParams) {
    const page = params.pagination?.page ?? 1;
    const perPage = params.pagination?.perPage ?? 25;
    const query = queryOf(resource, params.filter ?? {});
    const map = cursors.get(`${resource}|${perPage}|${JSON.stringify(query)}`);
    // Walk forward from the nearest known page when a page is opened directly (for example from a URL).
    let known = page;
    while (known > 1 && !map.has(known)) known--;
    let result: Page<Row> = { data: [], next_cursor: null };
    for (let p = known; p <= page; p++) {
      const cursor = map.get(p);
      if (cursor === undefined) return { data: [], next: null };
      result = await listPage(resource, { ...query, limit: perPage, cursor });
      map.set(p + 1, result.next_cursor);
      if (!result.next_cursor && p < page) return { data: [], next: null };
    }
    return { data: result.data, next: result.next_cursor };
  }

  /** Each decision is its own operation (path and body checked against the contract). */
  const act = async (id: Identifier, action: ReviewAction, reason = "") => {
    const path = { params: { path: { id: String(id) } } };
    const decided =
      action === "approve"
        ? client.POST("/v1/staff/applications/{id}/approve", path)
        : action === "reject"
          ? client.POST("/v1/staff/applications/{id}/reject", { ...path, body: { reason } })
          : action === "request_info"
            ? client.POST("/v1/staff/applications/{id}/request-info", { ...path, body: { reason } })
            : client.POST("/v1/staff/applications/{id}/revoke", { ...path, body: { reason } });
    return { data: (await body(decided)) as Row };
  };
  const setDisabled = async (id: Identifier, disabled: boolean) => {
    const path = { params: { path: { id: String(id) } } };
    const user = disabled ? client.POST("/v1/staff/users/{id}/disable", path) : client.POST("/v1/staff/users/{id}/enable", path);
    return { data: (await body(user)) as Row };
  };
  const staffUsers = async () => (await body(client.GET("/v1/staff/users"))).data as Row[];

  const provider: StaffDataProvider = {
    async getList(resource, params) {
      if (resource === "staff-users") {
        // Not paginated by the API: a handful of accounts.
        const data = await staffUsers();
        const { page = 1, perPage = 25 } = params.pagination ?? {};
        return { data: data.slice((page - 1) * perPage, page * perPage) as never, total: data.length };
      }
      const page = params.pagination?.page ?? 1;
      const { data, next } = await fetchPage(resource, params);
      return { data: data as never, pageInfo: { hasNextPage: next !== null, hasPreviousPage: page > 1 } };
    },

    async getOne(resource, { id }) {
      const path = { params: { path: { id: String(id) } } };
      if (resource === "applications") {
        const r = await body(client.GET("/v1/staff/applications/{id}", path));
        return { data: { ...r.application, partner: r.partner, history: r.history, revisions: r.revisions } as never };
      }
      if (resource === "partners") {
        const r = await body(client.GET("/v1/staff/partners/{id}", path));
        return { data: { ...r.partner, applications: r.applications, services: r.services, api_keys: r.api_keys } as never };
      }
      if (resource === "services") return { data: (await body(client.GET("/v1/staff/services/{id}", path))) as never };
      if (resource === "staff-users") {
        const user = (await staffUsers()).find((u) => u.id === id);
        if (!user) throw new Error("This staff account does not exist.");
        return { data: user as never };
      }
      throw new Error(`Cannot read one ${resource} here.`);
    },

    async getMany(resource, { ids }) {
      const unique = [...new Set(ids.map(String))];
      const data = await Promise.all(unique.map(async (id) => (await provider.getOne(resource, { id })).data));
      return { data };
    },

    async getManyReference(resource, params) {
      const res = await provider.getList(resource, { ...params, filter: { ...params.filter, [params.target]: params.id } });
      return res as never;
    },

    async create(resource, { data }) {
      if (resource !== "staff-users") throw new Error(`Cannot create ${resource} here.`);
      const created = client.POST("/v1/staff/users", { body: data as NonNullable<StaffUserInput> });
      return { data: (await body(created)) as never };
    },

    /**
     * Decisions go through update so react-admin's optimistic mode applies (and rolls back on error):
     * the caller names the decision in `decision` (one of the application's allowed_actions) beside
     * the optimistic status, and decision_reason carries the reason.
     */
    async update(resource, { id, data }) {
      if (resource === "applications") {
        const action = data.decision as ReviewAction | undefined;
        if (!action || !REVIEW_ACTIONS.includes(action)) throw new Error("Name the decision to take.");
        const reason = data.decision_reason;
        return (await act(id, action, typeof reason === "string" ? reason : undefined)) as never;
      }
      if (resource === "staff-users" && "disabled_at" in data) {
        return (await setDisabled(id, data.disabled_at !== null)) as never;
      }
      throw new Error(`Cannot update ${resource} here.`);
    },

    updateMany: () => Promise.reject(new Error("Not supported.")),
    delete: () => Promise.reject(new Error("Not supported.")),
    deleteMany: () => Promise.reject(new Error("Not supported.")),

    approve: (id) => act(id, "approve"),
    reject: (id, reason) => act(id, "reject", reason),
    requestInfo: (id, reason) => act(id, "request_info", reason),
    revoke: (id, reason) => act(id, "revoke", reason),
    disableStaffUser: (id) => setDisabled(id, true),
    enableStaffUser: (id) => setDisabled(id, false),
    async clicks(groupBy, serviceId, range) {
      const r = await body(
        client.GET("/v1/staff/analytics/funnel", {
          params: { query: { group_by: groupBy, service_id: serviceId, limit: CLICKS_LIMIT, ...range } },
        }),
      );
      const counts: Record<string, number> = {};
      for (const row of r.data) if (row.key) counts[row.key] = row.clicks;
      return { counts, complete: r.data.length < CLICKS_LIMIT };
    },
    analytics: (report, query) => analyticsReport(report, clean(query)) as never,
  };
  return provider;
}

/** A staff analytics report, each through its own typed operation. */
function analyticsReport(report: AnalyticsReport, q: Record<string, unknown>): Promise<unknown> {
  switch (report) {
    case "summary":
      return body(client.GET("/v1/staff/analytics/summary", { params: { query: q as QueryOf<"/v1/staff/analytics/summary"> } }));
    case "timeseries":
      return body(
        client.GET("/v1/staff/analytics/timeseries", { params: { query: q as QueryOf<"/v1/staff/analytics/timeseries"> } }),
      );
    case "breakdown":
      return body(
        client.GET("/v1/staff/analytics/breakdown", { params: { query: q as QueryOf<"/v1/staff/analytics/breakdown"> } }),
      );
    case "funnel":
      return body(client.GET("/v1/staff/analytics/funnel", { params: { query: q as QueryOf<"/v1/staff/analytics/funnel"> } }));
    case "top-partners":
      return body(
        client.GET("/v1/staff/analytics/top-partners", { params: { query: q as QueryOf<"/v1/staff/analytics/top-partners"> } }),
      );
    case "top-services":
      return body(
        client.GET("/v1/staff/analytics/top-services", { params: { query: q as QueryOf<"/v1/staff/analytics/top-services"> } }),
      );
    case "conversions":
      return body(
        client.GET("/v1/staff/analytics/conversions", { params: { query: q as QueryOf<"/v1/staff/analytics/conversions"> } }),
      );
  }
}

type StaffUserInput = import("@shopreg/sdk").paths["/v1/staff/users"]["post"]["requestBody"] extends infer B
  ? B extends { content: { "application/json": infer J } }
    ? J
    : never
  : never;
