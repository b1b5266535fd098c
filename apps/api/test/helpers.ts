import type { Database } from "@shopreg/db";
import { expect } from "vitest";
import { COMPLETE_DETAILS, type TestApi, type TestResponse } from "../src/testing.ts";
import { runIncentiveJob } from "../src/usecases/incentives.ts";

/** Shared steps for the API suites: they drive the API over HTTP exactly as a client would. */

export const SERVICE_INPUT = {
  type: "CUSTOM",
  category_id: "shop_registration",
  target_market: "US",
  name: "Launch",
  description: "We register shops.",
  contact_email: "ops@example.com",
} as const;

const TABLES = [
  "partners",
  "users",
  "sessions",
  "api_keys",
  "applications",
  "application_revisions",
  "services",
  "referral_links",
  "audit_events",
] as const;
export type Counts = Record<(typeof TABLES)[number], number>;

/** Row counts of the tables a request could change; compare before and after to prove nothing changed. */
export const counts = (api: TestApi): Promise<Counts> => rowCounts(api, TABLES);

/** Row counts of the given tables. */
export async function rowCounts<T extends keyof Database & string>(
  api: TestApi,
  tables: readonly T[],
): Promise<Record<T, number>> {
  const out = {} as Record<T, number>;
  for (const t of tables) {
    const row = await api.db
      .selectFrom(t as keyof Database)
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    out[t] = Number(row.n);
  }
  return out;
}

/** The error envelope: the status, the code, a message, and the request id matching the header. */
export function expectError(res: TestResponse, status: number, code?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  if (code) expect(res.body.error.code).toBe(code);
  const header = res.headers.get("x-request-id");
  expect(header).toBeTruthy();
  expect(res.body.error.request_id).toBe(header);
  // biome-ignore lint/suspicious/noExplicitAny: each error code has its own details shape
  return res.body.error as { code: string; message: string; request_id: string; details?: any };
}

/** The field paths a 422 names. */
export const fieldPaths = (res: TestResponse): string[] =>
  (res.body?.error?.details?.fields ?? []).map((f: { path: string }) => f.path);

export type Partner = Awaited<ReturnType<TestApi["signUp"]>>;

/** A draft Shop registration application with complete details (US entity). */
export async function draftApplication(api: TestApi, partner: Partner) {
  const res = await api.request("/v1/applications", {
    cookie: partner.cookie,
    body: { category_id: "shop_registration", target_market: "US", details: COMPLETE_DETAILS.US },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

export async function submittedApplication(api: TestApi, partner: Partner) {
  const id = await draftApplication(api, partner);
  const res = await api.request(`/v1/applications/${id}/submit`, { cookie: partner.cookie, method: "POST" });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return id;
}

export async function approvedApplication(api: TestApi, partner: Partner, reviewerCookie: string) {
  const id = await submittedApplication(api, partner);
  const res = await api.request(`/v1/staff/applications/${id}/approve`, { cookie: reviewerCookie, method: "POST" });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return id;
}

/** A signed-up partner with an approved application and a DRAFT service. */
export async function partnerWithService(api: TestApi, reviewerCookie: string, input: Parameters<TestApi["signUp"]>[0] = {}) {
  const partner = await api.signUp(input);
  const applicationId = await approvedApplication(api, partner, reviewerCookie);
  const res = await api.request("/v1/services", { cookie: partner.cookie, body: SERVICE_INPUT });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { partner, applicationId, serviceId: res.body.id as string };
}

export const publish = (api: TestApi, cookie: string, serviceId: string, market = "US") =>
  api.request(`/v1/services/${serviceId}/publish`, { cookie, body: { confirm_target_market: market } });

/** The audit rows of one entity, oldest first. */
export const auditOf = (api: TestApi, entityId: string) =>
  api.db.selectFrom("audit_events").selectAll().where("entity_id", "=", entityId).orderBy("id", "asc").execute();

/**
 * An incentive program every approved U.S. partner takes part in, whose period ended days ago (no
 * grace) and whose statements the job has closed: the partner's statement and signed document exist.
 */
export async function closedIncentiveProgram(api: TestApi, adminCookie: string, partnerCookie: string) {
  const day = 24 * 3600_000;
  const program = await api.request("/v1/staff/incentive-programs", {
    cookie: adminCookie,
    body: {
      name: "Closed",
      name_zh: "已结束",
      rules: {
        period_start: new Date(Date.now() - 10 * day).toISOString(),
        period_end: new Date(Date.now() - 5 * day).toISOString(),
        grace_days: 0,
        markets: ["US"],
        seller_types: ["LOCAL_SELLER", "CROSS_BORDER_SELLER"],
        participation: { kind: "all_approved" },
        reward: { amount_minor: 1_000, currency: "CNY" },
      },
    },
  });
  expect(program.status, JSON.stringify(program.body)).toBe(201);
  await api.request(`/v1/incentives/programs/${program.body.id}/statement`, { cookie: partnerCookie });
  await runIncentiveJob({ ...api.services, requestId: "test" });
  const statement = await api.request(`/v1/incentives/programs/${program.body.id}/statement`, { cookie: partnerCookie });
  expect(statement.body.status, JSON.stringify(statement.body)).toBe("closed");
  return { programId: program.body.id as string, statementId: statement.body.id as string };
}
