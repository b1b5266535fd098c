import { type Kysely, sql } from "kysely";
import postgres from "postgres";

/**
 * Citus (docs/growth.md, docs/decisions/0007-rollups-under-citus.md): the traffic tables are
 * distributed by partner_id, colocated with clicks, so a partner's clicks, rollups, events and
 * deliveries sit on one node and every partner-scoped query goes to one shard; the small tables
 * every shard joins are reference tables (a copy on every node). The rest stays on the coordinator:
 * tables with a foreign key to a reference table become Citus local tables by themselves.
 */
export const REFERENCE_TABLES = [
  "partners",
  "users",
  "services",
  "referral_links",
  "applications",
  "application_revisions",
  "webhook_endpoints",
  // Staff-defined incentive programs and their frozen versions: few rows, joined by every statement.
  "incentive_programs",
  "incentive_program_versions",
] as const;

/** Distributed by partner_id; clicks first (the others are colocated with it). */
export const DISTRIBUTED_TABLES = [
  "clicks",
  "click_rollups_hourly",
  "click_rollups_hourly_dims",
  "click_rollups_daily_dims",
  "conversion_rollups_hourly",
  "campaign_values_daily",
  "events",
  "webhook_deliveries",
  // Incentives (migration 0018): they grow with sellers; every key and reference carries partner_id.
  "seller_events",
  "incentive_statements",
  "incentive_statement_lines",
  "incentive_disputes",
] as const;

/** Triggers a distributed table cannot have; the writers write these rollups themselves once they are gone. */
const ROLLUP_TRIGGERS = [
  ["clicks_roll_up", "clicks"],
  ["conversions_roll_up", "conversions"],
] as const;

export type DistributeReport = { reference: string[]; distributed: string[]; already: string[]; moved_rows: number };

/**
 * Makes a migrated database distributed, from empty or holding data (rows are moved into the
 * shards). Idempotent: a table already distributed is left as it is, so it can run after every
 * deploy. Needs the citus extension in the database and the workers added (citus_add_node).
 * `shardCount` applies to the first distribution only (32 when absent, Citus' default).
 */
export async function distribute(db: Kysely<unknown>, options: { shardCount?: number } = {}): Promise<DistributeReport> {
  const ext = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_extension WHERE extname = 'citus'`.execute(db);
  if (Number(ext.rows[0]?.n) === 0) {
    throw new Error(
      "distribute: the citus extension is not installed in this database (CREATE EXTENSION citus on every node first)",
    );
  }
  const report: DistributeReport = { reference: [], distributed: [], already: [], moved_rows: 0 };
  const exists = async (table: string) =>
    (await sql<{ t: string | null }>`SELECT to_regclass(${table})::text AS t`.execute(db)).rows[0]?.t != null;
  const kind = async (table: string) => {
    const { rows } = await sql<{ partmethod: string; repmodel: string }>`
      SELECT partmethod, repmodel FROM pg_dist_partition WHERE logicalrelid = ${table}::regclass`.execute(db);
    const r = rows[0];
    if (!r) return "local";
    if (r.partmethod === "h") return "distributed";
    return r.repmodel === "t" ? "reference" : "citus-local";
  };
  const rowCount = async (table: string) =>
    Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db)).rows[0]?.n ?? 0);

  for (const [trigger, table] of ROLLUP_TRIGGERS) {
    if (!(await exists(table))) continue;
    // Only when it is there: Citus refuses even DROP TRIGGER IF EXISTS on a distributed table.
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_trigger WHERE tgrelid = ${table}::regclass AND tgname = ${trigger}`.execute(db);
    if (Number(rows[0]?.n) > 0) await sql`DROP TRIGGER ${sql.ref(trigger)} ON ${sql.table(table)}`.execute(db);
  }
  if (options.shardCount) await sql`SELECT set_config('citus.shard_count', ${String(options.shardCount)}, false)`.execute(db);

  for (const table of REFERENCE_TABLES) {
    if (!(await exists(table))) continue;
    if ((await kind(table)) === "reference") {
      report.already.push(table);
      continue;
    }
    const rows = await rowCount(table);
    await sql`SELECT create_reference_table(${table})`.execute(db);
    report.reference.push(table);
    report.moved_rows += rows;
  }

  // Keys between two tables that become distributed together (a delivery to its event, a statement
  // line to its statement, a dispute to its line): Citus refuses a key from a local table to a
  // distributed one, so each is dropped while the tables move and made again after, as it was.
  const pending = DISTRIBUTED_TABLES.filter((t) => t !== "clicks") as string[];
  const { rows: between } = await sql<{ table: string; name: string; definition: string }>`
    SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
    FROM pg_constraint c
    WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY(${pending}) AND c.confrelid::regclass::text = ANY(${pending})
      AND NOT EXISTS (SELECT 1 FROM pg_dist_partition p WHERE p.logicalrelid = c.conrelid AND p.partmethod = 'h')`.execute(db);
  for (const k of between) await sql`ALTER TABLE ${sql.table(k.table)} DROP CONSTRAINT ${sql.ref(k.name)}`.execute(db);
  for (const table of DISTRIBUTED_TABLES) {
    if (!(await exists(table))) continue;
    if ((await kind(table)) === "distributed") {
      report.already.push(table);
      continue;
    }
    const rows = await rowCount(table);
    if (table === "clicks") await sql`SELECT create_distributed_table('clicks', 'partner_id')`.execute(db);
    else await sql`SELECT create_distributed_table(${table}, 'partner_id', colocate_with => 'clicks')`.execute(db);
    report.distributed.push(table);
    report.moved_rows += rows;
  }
  for (const k of between) {
    await sql`ALTER TABLE ${sql.table(k.table)} ADD CONSTRAINT ${sql.ref(k.name)} ${sql.raw(k.definition)}`.execute(db);
  }
  // create_*_table copies existing rows into the shards and leaves the originals in the
  // coordinator's shell table, unread; this removes them (a no-op on an empty database).
  for (const table of [...report.reference, ...report.distributed]) {
    if (table === "clicks") continue; // its partitions hold the rows
    await sql`SELECT truncate_local_data_after_distributing_table(${table})`.execute(db);
  }
  if (report.distributed.includes("clicks")) {
    const { rows } = await sql<{ name: string }>`
      SELECT c.relid::text AS name FROM pg_partition_tree('clicks') c WHERE c.isleaf`.execute(db);
    for (const r of rows) await sql`SELECT truncate_local_data_after_distributing_table(${r.name})`.execute(db);
  }
  // A transaction that changes many shards' rows of one table (an update by a non-distribution
  // key) and then a reference table is refused in Citus' default parallel mode; sequential mode
  // allows it. A database setting: new sessions take it (not copied by CREATE DATABASE ... TEMPLATE).
  const [{ name } = { name: "" }] = (await sql<{ name: string }>`SELECT current_database() AS name`.execute(db)).rows;
  await sql`ALTER DATABASE ${sql.id(name)} SET citus.multi_shard_modify_mode = 'sequential'`.execute(db);
  return report;
}

/**
 * A new database on every node of a Citus cluster, with the citus extension and the workers
 * registered: from `template` when given (a copy of a database that exists on every node, shards
 * included), else empty. The template must have no connection on any node while it is copied, so
 * connections to it are refused and ended first (Citus' maintenance daemon keeps some open).
 */
export async function createCitusDatabase(
  nodes: { coordinator: string; workers: string[] },
  name: string,
  template?: string,
): Promise<string> {
  const all = [nodes.coordinator, ...nodes.workers];
  // Every node at once: each node's copy is its own (test suites make one database per suite).
  const onNode = async (admin: string) => {
    const pg = postgres(admin, { max: 1, onnotice: () => {} });
    try {
      if (template) {
        for (let attempt = 0; ; attempt++) {
          await pg.unsafe(`ALTER DATABASE ${template} WITH ALLOW_CONNECTIONS false`);
          await pg.unsafe(
            `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${template}' AND pid <> pg_backend_pid()`,
          );
          try {
            await pg.unsafe(`CREATE DATABASE ${name} TEMPLATE ${template}`);
            break;
          } catch (error) {
            // A backend that was ending may still count as a user of the template for a moment.
            if (attempt >= 20 || (error as { code?: string }).code !== "55006") throw error;
            await new Promise((r) => setTimeout(r, 100));
          }
        }
      } else {
        await pg.unsafe(`CREATE DATABASE ${name}`);
      }
    } finally {
      await pg.end();
    }
  };
  await Promise.all(all.map(onNode));
  const url = (admin: string) => {
    const u = new URL(admin);
    u.pathname = `/${name}`;
    return u.toString();
  };
  if (!template) {
    await Promise.all(
      all.map(async (admin) => {
        const pg = postgres(url(admin), { max: 1, onnotice: () => {} });
        await pg.unsafe("CREATE EXTENSION citus");
        await pg.end();
      }),
    );
    const coordinator = postgres(url(nodes.coordinator), { max: 1, onnotice: () => {} });
    const host = (u: string) => new URL(u);
    const c = host(nodes.coordinator);
    await coordinator`SELECT citus_set_coordinator_host(${c.hostname}, ${Number(c.port)})`;
    for (const w of nodes.workers) await coordinator`SELECT citus_add_node(${host(w).hostname}, ${Number(host(w).port)})`;
    await coordinator.end();
  }
  return url(nodes.coordinator);
}

/** Drops a database made by createCitusDatabase from every node. */
export async function dropCitusDatabase(nodes: { coordinator: string; workers: string[] }, name: string): Promise<void> {
  await Promise.all(
    [nodes.coordinator, ...nodes.workers].map(async (admin) => {
      const pg = postgres(admin, { max: 1, onnotice: () => {} });
      await pg.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await pg.end();
    }),
  );
}

/** The cluster scripts/with-citus.sh started, from its environment; undefined outside it. */
export function citusNodesFromEnv(env: NodeJS.ProcessEnv = process.env): { coordinator: string; workers: string[] } | undefined {
  const coordinator = env.TEST_DATABASE_URL;
  const workers = env.CITUS_WORKER_URLS?.split(",").filter(Boolean);
  return coordinator && workers && workers.length > 0 ? { coordinator, workers } : undefined;
}
