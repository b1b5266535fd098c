import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "./create-db.ts";
import { DISTRIBUTED_TABLES, REFERENCE_TABLES } from "./distribute.ts";
import { createTestDb, testEngines } from "./testing.ts";

/**
 * Traffic tables: they grow with clicks and conversions, and are distributed by partner_id when
 * the database outgrows one server (Citus, docs/growth.md). A distributed table's primary key and
 * unique constraints must contain the distribution column, so each must include partner_id.
 * Add a table here when it is created (events, webhook_deliveries, ... as they land); a listed
 * table that does not exist yet is skipped, so names can be added ahead of their migration.
 */
export const TRAFFIC_TABLES = [
  "clicks",
  "click_rollups_hourly",
  "click_rollups_hourly_dims",
  "click_rollups_daily_dims",
  "conversion_rollups_hourly",
  "campaign_values_daily",
  "events",
  "webhook_deliveries",
  "seller_events",
  "incentive_statements",
  "incentive_statement_lines",
  "incentive_disputes",
];

/**
 * Traffic tables kept on the coordinator, not distributed, with the reason (docs/growth.md):
 * conversions arrive before they are attributed (partner_id is null for an unattributed one), and
 * event_id and (seller_id, event_type) must be unique across every partner.
 */
export const COORDINATOR_TABLES: Record<string, string> = {
  conversions: "unique by event_id and by seller across partners; partner_id is null until attributed",
};

describe.each(testEngines())("schema distributable by partner_id on $engine", ({ engine }) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb(engine);
  });
  afterAll(async () => {
    await handle?.close();
  });

  /** Every primary key and unique constraint or unique index of a table, with its columns. */
  async function uniqueKeys(table: string): Promise<{ name: string; columns: string[] }[]> {
    const { rows } = await sql<{ name: string; columns: string[] }>`
      SELECT i.relname AS name,
        array(SELECT a.attname::text FROM unnest(x.indkey) AS k(n) JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.n)
          AS columns
      FROM pg_index x
      JOIN pg_class t ON t.oid = x.indrelid
      JOIN pg_class i ON i.oid = x.indexrelid
      JOIN pg_namespace ns ON ns.oid = t.relnamespace
      WHERE t.relname = ${table} AND ns.nspname = current_schema() AND x.indisunique`.execute(handle.db);
    return rows.map((r) => ({ name: r.name, columns: parseArray(r.columns) }));
  }

  async function exists(table: string): Promise<boolean> {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ${table}`.execute(
      handle.db,
    );
    return Number(rows[0]?.n) > 0;
  }

  it("has partner_id in every primary key and unique constraint of a traffic table", async () => {
    const offending: string[] = [];
    let checked = 0;
    for (const table of TRAFFIC_TABLES) {
      if (!(await exists(table))) continue;
      checked++;
      const columns = await sql<{ column_name: string; is_nullable: string }>`
        SELECT column_name, is_nullable FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = ${table} AND column_name = 'partner_id'`.execute(handle.db);
      if (columns.rows[0]?.is_nullable !== "NO") offending.push(`${table}: no NOT NULL partner_id column`);
      const keys = await uniqueKeys(table);
      if (keys.length === 0) offending.push(`${table}: no primary key`);
      for (const k of keys) {
        if (!k.columns.includes("partner_id")) offending.push(`${table}.${k.name} (${k.columns.join(", ")})`);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(5); // clicks and the four rollups exist on main
    expect(offending).toEqual([]);
  });

  it("knows every table that has a partner_id column: traffic, coordinator, or an entity table", async () => {
    // A new table with partner_id must be classified here, so nobody forgets the distribution rule.
    const ENTITY_TABLES = [
      "referral_links",
      "services",
      "applications",
      "api_keys",
      "users",
      "audit_events",
      "webhook_endpoints",
      "invitations",
    ];
    const { rows } = await sql<{ table_name: string }>`
      SELECT DISTINCT c.table_name FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND c.column_name = 'partner_id' AND t.table_type = 'BASE TABLE'
        AND c.table_name NOT LIKE 'clicks\\_%'`.execute(handle.db);
    const known = new Set([...TRAFFIC_TABLES, ...Object.keys(COORDINATOR_TABLES), ...ENTITY_TABLES]);
    const unknown = rows.map((r) => r.table_name).filter((t) => !known.has(t));
    expect(unknown, "classify these tables in distributable.db.test.ts").toEqual([]);
  });

  it("distributes exactly the traffic tables, and each foreign key of one stays on its partner's node", async () => {
    // distribute() and this list must agree: a traffic table left out would stay on the coordinator.
    expect([...DISTRIBUTED_TABLES].sort()).toEqual(TRAFFIC_TABLES.filter((t) => !(t in COORDINATOR_TABLES)).sort());
    // A distributed table may reference a reference table, or a colocated one by a key that holds
    // partner_id on both sides (so the referenced row is on the same shard); nothing else.
    const { rows } = await sql<{ from_table: string; to_table: string; from_cols: string[]; to_cols: string[] }>`
      SELECT c.conrelid::regclass::text AS from_table, c.confrelid::regclass::text AS to_table,
        array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i)
          AS from_cols,
        array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(n, i) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i)
          AS to_cols
      FROM pg_constraint c
      WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY(${[...DISTRIBUTED_TABLES]}) AND c.conparentid = 0`.execute(
      handle.db,
    );
    const reference = new Set<string>(REFERENCE_TABLES);
    const distributed = new Set<string>(DISTRIBUTED_TABLES);
    const offending = rows
      .filter((k) => {
        if (reference.has(k.to_table)) return false;
        const from = parseArray(k.from_cols);
        const to = parseArray(k.to_cols);
        return !(distributed.has(k.to_table) && from[to.indexOf("partner_id")] === "partner_id");
      })
      .map((k) => `${k.from_table} (${parseArray(k.from_cols)}) -> ${k.to_table} (${parseArray(k.to_cols)})`);
    expect(rows.length).toBeGreaterThanOrEqual(3); // deliveries -> events, lines -> statements, disputes -> lines
    expect(offending).toEqual([]);
  });

  it.skipIf(engine !== "citus")("on Citus: every listed table is what distribute() made it, colocated with clicks", async () => {
    const { rows } = await sql<{
      table: string;
      partmethod: string;
      repmodel: string;
      column: string | null;
      colocated: boolean;
    }>`
      SELECT p.logicalrelid::regclass::text AS table, p.partmethod, p.repmodel,
        column_to_column_name(p.logicalrelid, p.partkey) AS column,
        p.colocationid = (SELECT colocationid FROM pg_dist_partition WHERE logicalrelid = 'clicks'::regclass) AS colocated
      FROM pg_dist_partition p`.execute(handle.db);
    const of = new Map(rows.map((r) => [r.table, r]));
    const wrong: string[] = [];
    for (const t of DISTRIBUTED_TABLES) {
      const r = of.get(t);
      if (r?.partmethod !== "h" || r.column !== "partner_id" || !r.colocated) wrong.push(`${t}: ${JSON.stringify(r)}`);
    }
    for (const t of REFERENCE_TABLES) if (of.get(t)?.repmodel !== "t") wrong.push(`${t}: not a reference table`);
    expect(wrong).toEqual([]);
  });

  it("would catch a traffic table whose key leaves partner_id out", async () => {
    // The check itself, on a table made wrong on purpose (dropped with the test database).
    await sql`CREATE TABLE scratch_traffic (id uuid, partner_id uuid NOT NULL, PRIMARY KEY (id))`.execute(handle.db);
    const keys = await uniqueKeys("scratch_traffic");
    expect(keys).toEqual([{ name: "scratch_traffic_pkey", columns: ["id"] }]);
    await sql`DROP TABLE scratch_traffic`.execute(handle.db);
  });
});

/** PGlite may hand back a text[] as its literal ("{a,b}"). */
function parseArray(v: string[] | string): string[] {
  if (Array.isArray(v)) return v;
  return v
    .replace(/^\{|\}$/g, "")
    .split(",")
    .filter(Boolean);
}
