import { newId } from "@shopreg/db";
import { testEngines } from "@shopreg/db/testing";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pruneExpired } from "../src/maintenance.ts";
import type { Caller } from "../src/routes/factory.ts";
import { type ObservedQuery, startTestApi, type TestApi } from "../src/testing.ts";
import { closedIncentiveProgram, partnerWithService, publish } from "./helpers.ts";
import { startReceiver } from "./webhook-kit.ts";

/**
 * The plan audit. postgres.js prepares every statement, and after five runs PostgreSQL may keep a
 * generic plan for it, made without the parameters' values; the gateway's uniqueness probe once
 * kept one that read a whole month of clicks on every batch (bench/README.md, "2026-12-01 (2)").
 * Here every statement the API runs for a partner's day (the write flows, a webhook delivery, a
 * conversion, and every GET operation in /openapi.json) is planned generically on a database whose
 * traffic tables hold other partners' rows, and none may read a traffic table by a sequential scan.
 * PostgreSQL only: PGlite's driver plans each statement afresh.
 */
const postgresOnly = testEngines().filter((e) => e.engine === "postgres");

/** Tables that grow with traffic (and the click partitions and rollups); a full read of one is the trap. */
const TRAFFIC =
  /^(clicks|conversions|events|audit_events|webhook_deliveries|click_rollups_|conversion_rollups_|sessions|idempotency_keys|conversion_signatures|account_tokens|rate_limits)/;

/** Other partners' traffic: 300 partners, and tens of thousands of rows in each traffic table. */
const NOISE = [
  `INSERT INTO partners (id, company_name, entity_type, registration_region, company_registration_region, contact_name, contact_email, created_at, updated_at)
   SELECT gen_random_uuid(), 'Noise ' || g, 'US', 'US', 'US', 'Noise', 'noise' || g || '@noise.test', now(), now()
   FROM generate_series(1, 300) g`,
  `CREATE TEMP TABLE noise AS SELECT id, gen_random_uuid() AS link_id, gen_random_uuid() AS service_id FROM partners WHERE company_name LIKE 'Noise %'`,
  `INSERT INTO events (id, type, partner_id, occurred_at, api_version, payload)
   SELECT gen_random_uuid(), 'service.published', n.id, now() - g * interval '1 minute', '2026-11-30', '{}'::jsonb
   FROM noise n, generate_series(1, 100) g`,
  `INSERT INTO audit_events (id, occurred_at, actor_type, partner_id, entity_type, entity_id, action)
   SELECT gen_random_uuid(), now() - g * interval '1 minute', 'system', n.id, 'service', gen_random_uuid()::text, 'noise'
   FROM noise n, generate_series(1, 100) g`,
  `INSERT INTO webhook_endpoints (id, partner_id, url, event_types, secret_ciphertext, created_at, updated_at)
   SELECT gen_random_uuid(), id, 'https://noise.example/hooks', '["service.published"]', 'x', now(), now() FROM noise`,
  `INSERT INTO webhook_deliveries (id, event_id, endpoint_id, partner_id, status, created_at)
   SELECT gen_random_uuid(), e.id, w.id, e.partner_id, 'succeeded', e.occurred_at
   FROM events e JOIN webhook_endpoints w ON w.partner_id = e.partner_id`,
  `INSERT INTO clicks (id, link_id, service_id, partner_id, audience, clicked_at, visitor_hash, country, device, is_bot, link_active, is_unique)
   SELECT gen_random_uuid(), n.link_id, n.service_id, n.id, 'LOCAL_SELLER', now() - (g % 3600) * interval '1 second', md5(g::text), 'US', 'mobile', false, true, true
   FROM noise n, generate_series(1, 200) g`,
  `INSERT INTO conversions (id, event_id, event_type, seller_id, seller_type, partner_id, occurred_at, received_at)
   SELECT gen_random_uuid(), 'noise_' || n.id || '_' || g, 'seller.registered', 'seller_' || n.id || '_' || g, 'LOCAL_SELLER', n.id, now() - g * interval '1 minute', now()
   FROM noise n, generate_series(1, 50) g`,
  `INSERT INTO users (id, partner_id, email, name, role, password_hash, created_at, member_role)
   SELECT gen_random_uuid(), id, 'user-' || id || '@noise.test', 'Noise', 'partner', 'x', now(), 'owner' FROM noise`,
  `INSERT INTO sessions (id, user_id, created_at, expires_at, last_seen_at)
   SELECT md5(u.id::text || g), u.id, now(), now() + interval '1 day', now()
   FROM users u, generate_series(1, 20) g WHERE u.email LIKE '%@noise.test'`,
  `INSERT INTO account_tokens (token_hash, user_id, purpose, created_at, expires_at)
   SELECT md5('t' || u.id::text || g), u.id, 'password_reset', now(), now() + interval '1 hour'
   FROM users u, generate_series(1, 10) g WHERE u.email LIKE '%@noise.test'`,
  `INSERT INTO conversion_rollups_hourly (link_id, hour, partner_id, service_id, registrations, approved_shops, wrong_link_registrations)
   SELECT n.link_id, date_trunc('hour', now()) - g * interval '1 hour', n.id, n.service_id, 1, 0, 0
   FROM noise n, generate_series(0, 47) g`,
  `INSERT INTO click_rollups_hourly (link_id, hour, partner_id, service_id, audience, clicks, unique_clicks, bot_clicks, inactive_clicks)
   SELECT n.link_id, date_trunc('hour', now()) - g * interval '1 hour', n.id, n.service_id, 'LOCAL_SELLER', 5, 4, 1, 0
   FROM noise n, generate_series(1, 47) g ON CONFLICT DO NOTHING`,
  `INSERT INTO idempotency_keys (principal, key, method, path, request_hash, status_code, response_body, created_at)
   SELECT 'partner:' || n.id, 'key-' || g, 'POST', '/v1/services', md5(g::text), 201, '{}', now() - g * interval '1 minute'
   FROM noise n, generate_series(1, 20) g`,
  `INSERT INTO conversion_signatures (signature, received_at) SELECT md5('s' || g), now() - g * interval '50 milliseconds' FROM generate_series(1, 6000) g`,
  `INSERT INTO rate_limits (key, hits, reset_at) SELECT 'ip:' || g, 1, now() + interval '1 minute' FROM generate_series(1, 6000) g`,
  "ANALYZE",
];

/** A parameter as a SQL literal for EXECUTE, by the type the prepared statement gave it. */
function literal(v: unknown, type: string): string {
  if (v === null || v === undefined) return "NULL";
  const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
  if (v instanceof Date) return quote(v.toISOString());
  if (Array.isArray(v) && type.endsWith("[]"))
    return quote(`{${v.map((x) => `"${String(x).replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`).join(",")}}`);
  if (typeof v === "object") return quote(JSON.stringify(v));
  return quote(String(v));
}

type Param = { name: string; in: string; required?: boolean; schema?: { enum?: unknown[] } };
type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Cond"?: string; Plans?: PlanNode[] };
/**
 * The large relations a plan reads whole: a sequential scan, or an index scan with no condition
 * (every row in the index's order, filtered one by one). An empty partition or a table of a few
 * rows is read whole by any good plan, so only large ones count.
 */
const fullReads = (n: PlanNode, large: Set<string>): string[] => {
  const name = n["Relation Name"] ?? "";
  const whole = n["Node Type"] === "Seq Scan" || (/Index (Only )?Scan/.test(n["Node Type"]) && !n["Index Cond"]);
  return [
    ...(whole && large.has(name) ? [`${n["Node Type"]} on ${name}`] : []),
    ...(n.Plans ?? []).flatMap((p) => fullReads(p, large)),
  ];
};

describe.skipIf(postgresOnly.length === 0)("generic plans on postgres", () => {
  let api: TestApi;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const observed = new Map<string, ObservedQuery>();
  let observing = false;
  let getCalls = 0;

  beforeAll(async () => {
    api = await startTestApi("postgres", {}, {}, { observeQueries: (q) => observing && observed.set(q.sql, q) });
    for (const statement of NOISE) await sql.raw(statement).execute(api.db);
    receiver = await startReceiver();
    await api.startWorker();
    const admin = await api.staff("admin");
    observing = true;

    // A partner's day: apply, get approved, publish, subscribe a tool, receive clicks and conversions.
    const { partner, serviceId, applicationId } = await partnerWithService(api, admin.cookie);
    const endpoint = await api.request("/v1/webhook-endpoints", {
      cookie: partner.cookie,
      body: { url: receiver.url, event_types: ["service.published", "seller.registered"] },
    });
    expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);
    const published = await publish(api, partner.cookie, serviceId);
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    const link = published.body.referral_links[0] as { id: string; token: string; audience: "LOCAL_SELLER" };
    const clickId = newId();
    await api.db
      .insertInto("clicks")
      .values({
        id: clickId,
        link_id: link.id,
        service_id: serviceId,
        partner_id: partner.partnerId,
        audience: link.audience,
        clicked_at: new Date(),
        visitor_hash: "visitor",
        is_bot: false,
        link_active: true,
        is_unique: true,
      })
      .execute();
    const base = { event_type: "seller.registered", occurred_at: new Date().toISOString(), seller_type: "LOCAL_SELLER" };
    for (const credit of [{ click_id: clickId }, { channel: link.token }]) {
      const res = await api.convert({ ...base, ...credit, event_id: `evt_${newId()}`, seller_id: `seller_${newId()}` });
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    }
    const key = await api.request("/v1/api-keys", { cookie: partner.cookie, body: { name: "audit", scopes: ["services:read"] } });
    expect(key.status, JSON.stringify(key.body)).toBe(201);
    for (let i = 0; i < 300 && receiver.received.length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    expect(receiver.received.length).toBeGreaterThanOrEqual(2);

    await pruneExpired(api.services); // the maintenance job's deletes

    const incentives = await closedIncentiveProgram(api, admin.cookie, partner.cookie);

    // Every GET operation, as the caller it declares, on this partner's objects.
    const ids: Record<string, string> = {
      programs: incentives.programId,
      statements: incentives.statementId,
      "incentive-programs": incentives.programId,
      applications: applicationId,
      services: serviceId,
      "webhook-endpoints": endpoint.body.id,
      partners: partner.partnerId,
    };
    const doc = (await api.request("/openapi.json")).body;
    for (const [path, item] of Object.entries<Record<string, Record<string, unknown>>>(doc.paths)) {
      const op = item.get;
      if (!op) continue;
      const caller = op["x-shopreg-caller"] as Caller;
      const filled = path.replace(/\/([^/]+)\/\{([^}]+)\}/g, (_, parent: string, name: string) =>
        name === "entity_type" ? `/${parent}/US` : `/${parent}/${ids[parent]}`,
      );
      // The filters that change a statement's shape: the partner (on staff paths), and each value of
      // every enumerated query parameter in turn (dimensions, reports, intervals, statuses).
      const params = ((op.parameters as Param[] | undefined) ?? []).filter((p) => p.in === "query");
      const base = new URLSearchParams();
      for (const name of ["partner_id", "partner_ids"])
        if (params.some((p) => p.name === name)) base.set(name, partner.partnerId);
      for (const p of params) if (p.required && p.schema?.enum) base.set(p.name, String(p.schema.enum[0]));
      const queries = [base];
      for (const p of params)
        for (const v of p.schema?.enum ?? []) {
          const q = new URLSearchParams(base);
          q.set(p.name, String(v));
          queries.push(q);
        }
      const who =
        caller.kind === "staff"
          ? { cookie: admin.cookie }
          : caller.kind === "api_key"
            ? { token: key.body.secret as string }
            : caller.kind === "public"
              ? {}
              : { cookie: partner.cookie };
      for (const q of queries) {
        const url = `${filled}${q.size ? `?${q}` : ""}`;
        const res = await api.request(url, who);
        expect(res.status, `GET ${url}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
        getCalls++;
      }
    }
    observing = false;
  }, 180_000);

  afterAll(async () => {
    await api?.close();
    await receiver?.close();
  });

  it("reads no large traffic table whole in any statement's generic plan", async () => {
    expect(getCalls).toBeGreaterThan(150); // 207 when written
    const pg = api.handle.pg!;
    const conn = await pg.reserve();
    const found: string[] = [];
    let planned = 0;
    try {
      await conn.unsafe("ANALYZE");
      const sizes = await conn.unsafe<{ name: string; rows: number }[]>(
        "SELECT relname AS name, reltuples::int AS rows FROM pg_class WHERE relkind = 'r' AND reltuples >= 1000",
      );
      const large = new Set(sizes.map((r) => r.name).filter((name) => TRAFFIC.test(name)));
      // Every traffic table the API reads holds other partners' rows, or the audit proves nothing.
      expect([...large].map((name) => name.replace(/^clicks_.*/, "clicks (a partition)"))).toEqual(
        expect.arrayContaining([
          ...["account_tokens", "audit_events", "click_rollups_daily_dims", "click_rollups_hourly", "click_rollups_hourly_dims"],
          ...["clicks (a partition)", "conversion_rollups_hourly", "conversion_signatures", "conversions", "events"],
          ...["idempotency_keys", "rate_limits", "sessions", "webhook_deliveries"],
        ]),
      );
      await conn.unsafe("SET plan_cache_mode = force_generic_plan");
      for (const q of observed.values()) {
        if (!/^\s*(select|insert|update|delete|with)\b/i.test(q.sql)) continue;
        await conn.unsafe(`PREPARE audit AS ${q.sql}`);
        try {
          const [prepared] = await conn.unsafe<{ types: string[] }[]>(
            "SELECT parameter_types::text[] AS types FROM pg_prepared_statements WHERE name = 'audit'",
          );
          const types = prepared?.types ?? [];
          const args = q.parameters.length ? `(${q.parameters.map((v, i) => literal(v, types[i] ?? "")).join(", ")})` : "";
          const [row] = await conn.unsafe<{ "QUERY PLAN": { Plan: PlanNode }[] }[]>(`EXPLAIN (FORMAT JSON) EXECUTE audit${args}`);
          const plan = row?.["QUERY PLAN"][0]?.Plan;
          if (!plan) throw new Error(`no plan for ${q.sql}`);
          const scans = fullReads(plan, large);
          if (scans.length) found.push(`${scans.join(", ")} <- ${q.sql.replace(/\s+/g, " ").slice(0, 300)}`);
          planned++;
        } finally {
          await conn.unsafe("DEALLOCATE audit");
        }
      }
    } finally {
      conn.release();
    }
    expect(planned).toBeGreaterThan(80); // 94 distinct statements when written
    expect(found).toEqual([]);
  });
});
