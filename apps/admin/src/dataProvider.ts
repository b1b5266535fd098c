import { APPLICATION_STATUSES, type ApplicationAction, actionPath, applicationMachine } from "@shopreg/domain";
import type { DataProvider, GetListParams, Identifier, RaRecord } from "react-admin";
import { apiFetch } from "./api.ts";

type Page<T> = { data: T[]; next_cursor: string | null };
type Row = RaRecord & Record<string, unknown>;

/** The staff API path of each react-admin resource. */
const PATHS: Record<string, string> = {
  applications: "/staff/applications",
  partners: "/staff/partners",
  services: "/staff/services",
  "referral-links": "/staff/referral-links",
  "audit-events": "/staff/audit-events",
  "staff-users": "/staff/users",
};

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

const pathOf = (resource: string) => {
  const p = PATHS[resource];
  if (!p) throw new Error(`Unknown resource ${resource}`);
  return p;
};

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
    if (!Array.isArray(q.status) || q.status.length === 0) q.status = SUBMITTED_STATUSES;
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
      result = await apiFetch<Page<Row>>(pathOf(resource), { query: { ...query, limit: perPage, cursor } });
      map.set(p + 1, result.next_cursor);
      if (!result.next_cursor && p < page) return { data: [], next: null };
    }
    return { data: result.data, next: result.next_cursor };
  }

  const act = async (id: Identifier, action: ReviewAction, reason?: string) => ({
    data: await apiFetch<Row>(`/staff/applications/${id}/${actionPath(action)}`, {
      method: "POST",
      body: reason === undefined ? undefined : { reason },
    }),
  });
  const setDisabled = async (id: Identifier, disabled: boolean) => ({
    data: await apiFetch<Row>(`/staff/users/${id}/${disabled ? "disable" : "enable"}`, { method: "POST" }),
  });

  const provider: StaffDataProvider = {
    async getList(resource, params) {
      if (resource === "staff-users") {
        // Not paginated by the API: a handful of accounts.
        const { data } = await apiFetch<{ data: Row[] }>(pathOf(resource));
        const { page = 1, perPage = 25 } = params.pagination ?? {};
        return { data: data.slice((page - 1) * perPage, page * perPage) as never, total: data.length };
      }
      const page = params.pagination?.page ?? 1;
      const { data, next } = await fetchPage(resource, params);
      return { data: data as never, pageInfo: { hasNextPage: next !== null, hasPreviousPage: page > 1 } };
    },

    async getOne(resource, { id }) {
      const path = `${pathOf(resource)}/${id}`;
      if (resource === "applications") {
        const r = await apiFetch<{ application: Row; partner: Row; history: Row[]; revisions: Row[] }>(path);
        return { data: { ...r.application, partner: r.partner, history: r.history, revisions: r.revisions } as never };
      }
      if (resource === "partners") {
        const r = await apiFetch<{ partner: Row; applications: Row[]; services: Row[]; api_keys: Row[] }>(path);
        return { data: { ...r.partner, applications: r.applications, services: r.services, api_keys: r.api_keys } as never };
      }
      if (resource === "staff-users") {
        const { data } = await apiFetch<{ data: Row[] }>(pathOf(resource));
        const user = data.find((u) => u.id === id);
        if (!user) throw new Error("This staff account does not exist.");
        return { data: user as never };
      }
      return { data: (await apiFetch<Row>(path)) as never };
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
      return { data: (await apiFetch<Row>(pathOf(resource), { method: "POST", body: data })) as never };
    },

    /**
     * Decisions go through update so react-admin's optimistic mode applies (and rolls back on error):
     * the state machine's step from the previous status to the new one names the decision (not `meta`:
     * react-admin keys its cache by it, so the optimistic record would not show), decision_reason carries the reason.
     */
    async update(resource, { id, data, previousData }) {
      if (resource === "applications") {
        const action = applicationMachine.transitions.find(
          (t) => t.from === previousData?.status && t.to === data.status && REVIEW_ACTIONS.includes(t.action as ReviewAction),
        )?.action as ReviewAction | undefined;
        if (!action) throw new Error(`No decision leads from ${String(previousData?.status)} to ${String(data.status)}.`);
        const reason = data.decision_reason;
        return (await act(id, action, typeof reason === "string" && reason ? reason : undefined)) as never;
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
      const r = await apiFetch<{ data: { key: string | null; clicks: number }[] }>("/staff/analytics/funnel", {
        query: { group_by: groupBy, service_id: serviceId, limit: CLICKS_LIMIT, ...range },
      });
      const counts: Record<string, number> = {};
      for (const row of r.data) if (row.key) counts[row.key] = row.clicks;
      return { counts, complete: r.data.length < CLICKS_LIMIT };
    },
    analytics: (report, query) => apiFetch(`/staff/analytics/${report}`, { query }),
  };
  return provider;
}
