import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import postgres from "postgres";
import { createDb, type DbHandle, migrateToLatest } from "./create-db.ts";
import { citusNodesFromEnv, createCitusDatabase, distribute, dropCitusDatabase } from "./distribute.ts";

export type TestEngine = "pglite" | "postgres" | "citus";

/**
 * The engines every database test runs on: PGlite always, the PostgreSQL server named by
 * TEST_DATABASE_URL when it is set (CI sets it), and a Citus cluster when scripts/with-citus.sh
 * started one (CITUS_WORKER_URLS: TEST_DATABASE_URL is then its coordinator, so "postgres" is left
 * out). Use with describe.each(testEngines()).
 * A suite with no engine left (TEST_ENGINES filters) runs nothing, so keep engine-free tests in other files.
 */
export function testEngines(): { engine: TestEngine }[] {
  const engines: { engine: TestEngine }[] = [{ engine: "pglite" }];
  if (citusNodesFromEnv()) engines.push({ engine: "citus" });
  else if (process.env.TEST_DATABASE_URL) engines.push({ engine: "postgres" });
  // TEST_ENGINES=postgres lets CI run the server pass without repeating the PGlite one.
  const only = process.env.TEST_ENGINES?.split(",").map((s) => s.trim());
  return only ? engines.filter((e) => only.includes(e.engine)) : engines;
}

/** Shards per distributed table in test databases: few, so a copy is quick; still several per worker. */
export const TEST_SHARD_COUNT = 4;

/**
 * Set by the global setup (./testing-setup.ts) for the test processes: a migrated PGlite data dir
 * dumped to a file, and a migrated PostgreSQL database to copy. Without them, each test database
 * is migrated from scratch.
 */
export const TEMPLATE_ENV = {
  pglite: "SHOPREG_TEST_PGLITE_TEMPLATE",
  postgres: "SHOPREG_TEST_PG_TEMPLATE",
  citus: "SHOPREG_TEST_CITUS_TEMPLATE",
} as const;

let pgliteTemplate: Promise<Blob> | undefined;

/**
 * A fresh, migrated, empty database on the engine: memory PGlite, a new database on the test
 * server, or a new distributed database on every node of the Citus cluster.
 */
export async function createTestDb(engine: TestEngine): Promise<DbHandle> {
  if (engine === "citus") return createCitusTestDb();
  if (engine === "pglite") {
    const file = process.env[TEMPLATE_ENV.pglite];
    if (file) pgliteTemplate ??= readFile(file).then((bytes) => new Blob([bytes]));
    // Starting from the dumped template skips PGlite's initdb, most of a cold start's CPU.
    const handle = await createDb({ dataDir: "memory://", loadDataDir: file ? await pgliteTemplate : undefined });
    await migrateToLatest(handle.db); // a no-op on the template; it still proves the schema is current
    return handle;
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `shopreg_test_${randomBytes(6).toString("hex")}`;
  const template = process.env[TEMPLATE_ENV.postgres];
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await createDb({ databaseUrl: url.toString(), maxConnections: 8 });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const drop = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await drop.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await drop.end();
    },
  };
}

async function createCitusTestDb(): Promise<DbHandle> {
  const nodes = citusNodesFromEnv();
  if (!nodes) throw new Error("no Citus cluster: run under scripts/with-citus.sh (CITUS_WORKER_URLS)");
  const name = `shopreg_test_${randomBytes(6).toString("hex")}`;
  const template = process.env[TEMPLATE_ENV.citus];
  const url = await createCitusDatabase(nodes, name, template);
  const handle = await createDb({ databaseUrl: url, maxConnections: 8 });
  await migrateToLatest(handle.db); // a no-op on the template's copy
  // Idempotent on the copy: applies the database's settings, which a template copy does not carry.
  await distribute(handle.db as never, { shardCount: TEST_SHARD_COUNT });
  await handle.close();
  const distributed = await createDb({ databaseUrl: url, maxConnections: 8 });
  return {
    ...distributed,
    close: async () => {
      await distributed.close();
      await dropCitusDatabase(nodes, name);
    },
  };
}
