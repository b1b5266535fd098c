import {
  DISTRIBUTED_TABLES,
  EARLIER_CLICK_PROBE,
  insertClickRows,
  lockPartners,
  newId,
  rollUpClicks,
  rollUpConversions,
} from "@shopreg/db";
import { testEngines } from "@shopreg/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "../src/routes/factory.ts";
import { type ObservedQuery, signConversion, startTestApi, type TestApi } from "../src/testing.ts";
import { partnerWithService, publish } from "./helpers.ts";

/**
 * The plan audit on Citus (docs/growth.md, "Where queries go"): every statement the API runs for a
 * partner (its day's writes, a conversion, every GET operation of /openapi.json a partner or an API
 * key calls) and the click writer's own (lock, uniqueness probe, rollups) that reads or writes a
 * distributed table with that partner's id must go to one shard: one task in EXPLAIN. Statements
 * over distributed tables that carry no partner (staff-wide reports, lookups by a global id) fan out
 * to every shard; they are listed, so a new one shows up in the output.
 */
const SECRET = "routing-audit-conversions-secret-0123456789";
const citusOnly = testEngines().filter((e) => e.engine === "citus");
const DISTRIBUTED = new RegExp(`\\b(${DISTRIBUTED_TABLES.join("|")})\\b`);

type Param = { name: string; in: string; required?: boolean; schema?: { enum?: unknown[] } };

/** A parameter as SQL text; an array as a PostgreSQL array, or as JSON when `jsonArrays` (a jsonb column's value). */
function literal(v: unknown, jsonArrays = false): string {
  if (v === null || v === undefined) return "NULL";
  const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
  if (v instanceof Date) return quote(v.toISOString());
  if (Array.isArray(v) && jsonArrays) return quote(JSON.stringify(v));
  if (Array.isArray(v)) return quote(`{${v.map((x) => `"${String(x).replaceAll('"', '\\"')}"`).join(",")}}`);
  if (typeof v === "object") return quote(JSON.stringify(v));
  return quote(String(v));
}

/** Every "Task Count" in a Citus EXPLAIN (FORMAT JSON), subplans included; none: nothing distributed to route. */
function taskCounts(node: unknown): number[] {
  if (Array.isArray(node)) return node.flatMap(taskCounts);
  if (node && typeof node === "object") {
    return Object.entries(node).flatMap(([k, v]) => (k === "Task Count" ? [Number(v)] : taskCounts(v)));
  }
  return [];
}

describe.skipIf(citusOnly.length === 0)("partner-scoped statements on one shard (Citus)", () => {
  let api: TestApi;
  const observed = new Map<string, ObservedQuery & { caller: string }>();
  let caller = "";
  let partnerId = "";
  let programId = "";
  const gets: string[] = [];

  beforeAll(async () => {
    api = await startTestApi(
      "citus" as never,
      { conversionsSecret: SECRET },
      {},
      { observeQueries: (q) => caller && !observed.has(q.sql) && observed.set(q.sql, { ...q, caller }) },
    );
    const admin = await api.staff("admin");
    const { partner, serviceId } = await partnerWithService(api, admin.cookie);
    partnerId = partner.partnerId;
    caller = "partner";
    const published = await publish(api, partner.cookie, serviceId);
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    const link = published.body.referral_links[0] as { id: string; token: string; audience: "LOCAL_SELLER" };
    const clickId = newId();
    await insertClickRows(api.db, [
      {
        id: clickId,
        link_id: link.id,
        service_id: serviceId,
        partner_id: partnerId,
        audience: link.audience,
        clicked_at: new Date(),
        visitor_hash: "visitor",
        is_bot: false,
        link_active: true,
        is_unique: true,
        utm_campaign: "spring",
      },
    ]);
    caller = "seller center";
    const base = { event_type: "seller.registered", occurred_at: new Date().toISOString(), seller_type: "LOCAL_SELLER" };
    const sellers: string[] = [];
    for (const credit of [{ click_id: clickId }, { channel: link.token }]) {
      sellers.push(`seller_${newId()}`);
      const res = await api.convert({ ...base, ...credit, event_id: `evt_${newId()}`, seller_id: sellers.at(-1) });
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    }

    // Incentives: a program (staff), the sellers' lifecycle events (Seller Center), the partner's
    // statement, its CSV and a dispute of one of its lines.
    caller = "staff";
    const day = 86_400_000;
    const program = await api.request("/v1/staff/incentive-programs", {
      cookie: admin.cookie,
      body: {
        name: "Routing audit",
        name_zh: "路由审计",
        rules: {
          period_start: new Date(Date.now() - 5 * day).toISOString(),
          period_end: new Date(Date.now() + day).toISOString(),
          grace_days: 30,
          markets: ["US"],
          seller_types: ["LOCAL_SELLER", "CROSS_BORDER_SELLER"],
          participation: { kind: "all_approved" },
          first_order_within_days: 30,
          gmv: { min_minor: 100_000, currency: "CNY", within_days: 30 },
          reward: { amount_minor: 200_000, currency: "CNY" },
          cap_per_partner_minor: 500_000,
          risk_reductions: { low: 0, medium: 50, high: 100 },
        },
      },
    });
    expect(program.status, JSON.stringify(program.body)).toBe(201);
    programId = program.body.id;
    caller = "seller center";
    const sellerEvents = [
      { event_type: "seller.first_order", seller_id: sellers[0] },
      { event_type: "seller.gmv", seller_id: sellers[0], gmv: { amount_minor: 150_000, currency: "CNY" } },
      { event_type: "seller.governance_flag", seller_id: sellers[1], risk_level: "medium" },
    ];
    for (const [i, e] of sellerEvents.entries()) {
      const raw = JSON.stringify({ ...e, event_id: `se_${newId()}`, occurred_at: new Date().toISOString() });
      const ts = Math.floor(Date.now() / 1000) - i; // a signature works once
      const res = await api.request("/v1/seller-events", {
        method: "POST",
        rawBody: raw,
        headers: { "x-shopreg-timestamp": String(ts), "x-shopreg-signature": signConversion(SECRET, ts, raw) },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    caller = "partner";
    const statement = await api.request(`/v1/incentives/programs/${programId}/statement`, { cookie: partner.cookie });
    expect(statement.status, JSON.stringify(statement.body)).toBe(200);
    expect(statement.body.lines.length).toBe(2);
    const dispute = await api.request("/v1/incentives/disputes", {
      cookie: partner.cookie,
      body: { line_id: statement.body.lines[0].id, message: "The routing audit disputes this line." },
    });
    expect(dispute.status, JSON.stringify(dispute.body)).toBe(201);
    caller = "partner";
    const key = await api.request("/v1/api-keys", { cookie: partner.cookie, body: { name: "audit", scopes: ["services:read"] } });
    expect(key.status, JSON.stringify(key.body)).toBe(201);

    // Every GET operation, as the caller it declares, with each value of its enumerated filters.
    const doc = (await api.request("/openapi.json")).body;
    for (const [path, item] of Object.entries<Record<string, Record<string, unknown>>>(doc.paths)) {
      const op = item.get;
      if (!op) continue;
      const declared = op["x-shopreg-caller"] as Caller;
      if (/\{/.test(path) && !/\/(services|partners|incentive-programs)\/\{[^}]+\}$|\/statement(\.csv)?$/.test(path)) continue;
      const params = ((op.parameters as Param[] | undefined) ?? []).filter((p) => p.in === "query");
      const queries = [new URLSearchParams()];
      for (const name of ["partner_id", "partner_ids"]) if (params.some((p) => p.name === name)) queries[0]?.set(name, partnerId);
      for (const p of params) if (p.required && p.schema?.enum) queries[0]?.set(p.name, String(p.schema.enum[0]));
      for (const p of params)
        for (const v of p.schema?.enum ?? []) {
          const q = new URLSearchParams(queries[0]);
          q.set(p.name, String(v));
          queries.push(q);
        }
      caller = declared.kind;
      const who =
        declared.kind === "staff"
          ? { cookie: admin.cookie }
          : declared.kind === "api_key"
            ? { token: key.body.secret as string }
            : declared.kind === "public"
              ? {}
              : { cookie: partner.cookie };
      const filled = path.replace(/\{[^}]+\}/, (m) =>
        path.startsWith("/v1/services") || path.includes("/services/")
          ? serviceId
          : /incentive(s\/|-)programs/.test(path)
            ? programId
            : m,
      );
      for (const q of queries) {
        const url = `${filled.replace(/\{[^}]+\}/, partnerId)}${q.size ? `?${q}` : ""}`;
        const res = await api.request(url, who);
        gets.push(`${res.status} ${url}`);
      }
    }
    caller = "";

    // The click writer's statements, as it sends them (through the same Run interface), for this partner.
    const pg = api.handle.pg!;
    const record = (text: string, params: unknown[]) => {
      observed.set(text, { sql: text, parameters: params, caller: "click writer" });
      return pg.unsafe(text, params as never[]) as unknown as Promise<Record<string, unknown>[]>;
    };
    await pg.begin(async () => {
      await lockPartners(record, [partnerId], "clicks");
    });
    await record(EARLIER_CLICK_PROBE, [
      JSON.stringify([{ i: 0, id: newId(), link_id: link.id, visitor_hash: "v", clicked_at: new Date().toISOString() }]),
      partnerId,
    ]);
    const click = {
      link_id: link.id,
      service_id: serviceId,
      partner_id: partnerId,
      audience: link.audience,
      clicked_at: new Date(),
      country: "DE",
      device: null,
      browser: null,
      os: null,
      referrer_host: null,
      is_bot: false,
      link_active: true,
      is_unique: true,
      utm_campaign: "autumn",
    };
    await rollUpClicks(record, [click]);
    await rollUpConversions(record, [
      {
        link_id: link.id,
        service_id: serviceId,
        partner_id: partnerId,
        event_type: "seller.registered",
        occurred_at: new Date(),
        wrong_link: false,
        utm_source: null,
        utm_medium: null,
        utm_campaign: "autumn",
      },
    ]);
  }, 300_000);

  afterAll(async () => {
    await api?.close();
  });

  it("routes every partner-scoped statement to one shard, and lists the ones that fan out", async () => {
    const conn = await api.handle.pg!.reserve();
    const routed: string[] = [];
    const atRunTime: string[] = [];
    const fanOut: string[] = [];
    const wrong: string[] = [];
    try {
      for (const q of observed.values()) {
        if (!/^\s*(select|insert|update|delete|with)\b/i.test(q.sql) || !DISTRIBUTED.test(q.sql)) continue;
        const scoped = q.parameters.some((p) => String(p).includes(partnerId));
        const short = `[${q.caller}] ${q.sql.replace(/\s+/g, " ").slice(0, 160)}`;
        await conn.unsafe(`PREPARE audit AS ${q.sql}`);
        try {
          const args = (json: boolean) =>
            q.parameters.length ? `(${q.parameters.map((p) => literal(p, json)).join(", ")})` : "";
          const explain = (json: boolean) =>
            conn.unsafe<{ "QUERY PLAN": unknown }[]>(`EXPLAIN (FORMAT JSON) EXECUTE audit${args(json)}`);
          // An array parameter is a text[] or a jsonb (a statement line's waiting_on): try both.
          const [row] = await explain(false).catch((e) => (/json/.test(String(e?.message)) ? explain(true) : Promise.reject(e)));
          const plan = JSON.stringify(row?.["QUERY PLAN"]);
          const tasks = taskCounts(row?.["QUERY PLAN"]);
          if (tasks.length === 0) {
            // INSERT ... SELECT from the writer's rows: pulled to the coordinator, each row sent to its partner's shard.
            if (/pull to coordinator/.test(plan)) atRunTime.push(short);
            continue;
          }
          if (tasks.every((n) => n === 1)) routed.push(short);
          else if (scoped) wrong.push(`${tasks.join("+")} tasks: ${short}`);
          else fanOut.push(`${tasks.join("+")} tasks: ${short}`);
        } finally {
          await conn.unsafe("DEALLOCATE audit");
        }
      }
    } finally {
      conn.release();
    }
    console.log(
      `citus routing: ${routed.length} statements on one shard, ${atRunTime.length} routed by their rows' partner at run time, ${fanOut.length} fanning out:\n  ${fanOut.join("\n  ")}`,
    );
    console.log(`${gets.length} GET calls, ${observed.size} distinct statements; on one shard:\n  ${routed.join("\n  ")}`);
    expect(gets.filter((g) => !g.startsWith("2"))).toEqual([]);
    expect(gets.length).toBeGreaterThan(150); // 199 when written
    expect(routed.length).toBeGreaterThanOrEqual(12); // 14 when written: analytics, the probe, events, deliveries
    expect(routed.filter((s) => s.startsWith("[partner]")).length).toBeGreaterThanOrEqual(8); // its analytics, its events
    expect(routed.some((s) => s.includes("click writer"))).toBe(true); // the uniqueness probe
    // Incentives: the partner's statement, its lines, its disputes; a seller event's line update.
    const incentives = /\b(seller_events|incentive_statements|incentive_statement_lines|incentive_disputes)\b/;
    expect(routed.filter((s) => s.startsWith("[partner]") && incentives.test(s)).length).toBeGreaterThanOrEqual(3);
    expect(routed.filter((s) => s.startsWith("[seller center]") && incentives.test(s)).length).toBeGreaterThanOrEqual(3);
    expect(wrong).toEqual([]);
    // What fans out is staff's or Seller Center's (a conversion's click id names no partner), never a partner's.
    expect(fanOut.filter((s) => !/^\S+ tasks: \[(staff|seller center)\]/.test(s))).toEqual([]);
  });
});
