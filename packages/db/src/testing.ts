import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import postgres from "postgres";
import { createDb, type DbHandle, migrateToLatest } from "./create-db.ts";

/**
 * The engines every database test runs on: PGlite always, and the PostgreSQL server named by
 * TEST_DATABASE_URL when it is set (CI sets it). Use with describe.each(testEngines()).
 * A suite with no engine left (TEST_ENGINES filters) runs nothing, so keep engine-free tests in other files.
 */
export function testEngines(): { engine: "pglite" | "postgres" }[] {
  const engines: { engine: "pglite" | "postgres" }[] = [{ engine: "pglite" }];
  if (process.env.TEST_DATABASE_URL) engines.push({ engine: "postgres" });
  // TEST_ENGINES=postgres lets CI run the server pass without repeating the PGlite one.
  const only = process.env.TEST_ENGINES?.split(",").map((s) => s.trim());
  return only ? engines.filter((e) => only.includes(e.engine)) : engines;
}

/**
 * Set by the global setup (./testing-setup.ts) for the test processes: a migrated PGlite data dir
 * dumped to a file, and a migrated PostgreSQL database to copy. Without them, each test database
 * is migrated from scratch.
 */
export const TEMPLATE_ENV = { pglite: "SHOPREG_TEST_PGLITE_TEMPLATE", postgres: "SHOPREG_TEST_PG_TEMPLATE" } as const;

let pgliteTemplate: Promise<Blob> | undefined;

/** A fresh, migrated, empty database on the engine: memory PGlite, or a new database on the test server. */
export async function createTestDb(engine: "pglite" | "postgres"): Promise<DbHandle> {
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
