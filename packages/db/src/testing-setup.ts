import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { createDb, migrateToLatest } from "./create-db.ts";
import { citusNodesFromEnv, createCitusDatabase, distribute, dropCitusDatabase } from "./distribute.ts";
import { TEMPLATE_ENV, TEST_SHARD_COUNT, testEngines } from "./testing.ts";

/**
 * vitest globalSetup for suites that call createTestDb: migrates one database per engine once per
 * run, and every test database starts as a copy of it. PGlite's cold start (initdb in WASM) plus the
 * migrations cost about 3.5 s of CPU per test database; loading a dumped data dir about 0.7 s. On
 * PostgreSQL, CREATE DATABASE ... TEMPLATE takes 0.1 s where migrating took about a second.
 * Each test database is still its own: copies share nothing.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const engines = testEngines().map((e) => e.engine);
  const cleanups: (() => Promise<void>)[] = [];
  if (engines.includes("pglite")) {
    const handle = await createDb({ dataDir: "memory://" });
    await migrateToLatest(handle.db);
    const dump = await handle.pglite!.dumpDataDir("none");
    await handle.close();
    const dir = await mkdtemp(join(tmpdir(), "shopreg-pglite-template-"));
    const file = join(dir, "migrated.tar");
    await writeFile(file, Buffer.from(await dump.arrayBuffer()));
    process.env[TEMPLATE_ENV.pglite] = file;
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (engines.includes("postgres") && adminUrl) {
    const name = `shopreg_template_${randomBytes(6).toString("hex")}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const handle = await createDb({ databaseUrl: url.toString(), maxConnections: 1 });
    await migrateToLatest(handle.db);
    await handle.close(); // a template must have no open connection while it is copied
    process.env[TEMPLATE_ENV.postgres] = name;
    cleanups.push(async () => {
      const drop = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await drop.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await drop.end();
    });
  }
  const nodes = citusNodesFromEnv();
  if (engines.includes("citus") && nodes) {
    // Migrated and distributed once, on every node; each test database copies it on every node.
    const name = `shopreg_template_${randomBytes(6).toString("hex")}`;
    const url = await createCitusDatabase(nodes, name);
    const handle = await createDb({ databaseUrl: url, maxConnections: 1 });
    await migrateToLatest(handle.db);
    await distribute(handle.db as never, { shardCount: TEST_SHARD_COUNT });
    await handle.close();
    process.env[TEMPLATE_ENV.citus] = name;
    cleanups.push(() => dropCitusDatabase(nodes, name));
  }
  return async () => {
    for (const cleanup of cleanups) await cleanup();
  };
}
