import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, Migrator } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import { PostgresJSDialect } from "kysely-postgres-js";
import postgres from "postgres";
import { migrationProvider } from "./migrations/index.ts";
import type { Database } from "./schema.ts";

export type DbConfig = {
  /** A postgres:// URL. When absent, an embedded PGlite database is used. */
  databaseUrl?: string | undefined;
  /** PGlite data folder, or "memory://" (the default when no folder is given). */
  dataDir?: string | undefined;
  /** postgres.js pool size. */
  maxConnections?: number;
  /** A PGlite data folder dumped with dumpDataDir, to start from instead of an empty database (tests' migrated template). */
  loadDataDir?: Blob | undefined;
};

export type DbHandle = {
  db: Kysely<Database>;
  engine: "pglite" | "postgres";
  /** The embedded database, when that is what runs (the gateway listens on it). */
  pglite?: PGlite;
  /** The postgres.js client, when a server is used (LISTEN/NOTIFY, COPY). */
  pg?: postgres.Sql;
  /** The server's URL, when a server is used (for a thread or process that opens its own connection). */
  url?: string;
  close(): Promise<void>;
};

export async function createDb(config: DbConfig = {}): Promise<DbHandle> {
  if (config.databaseUrl) {
    const pg = postgres(config.databaseUrl, {
      max: config.maxConnections ?? 10,
      onnotice: () => {},
      // Keep timestamps as Date and bigint counts as numbers-in-strings; callers cast counts to int.
    });
    const db = new Kysely<Database>({ dialect: new PostgresJSDialect({ postgres: pg }) });
    return {
      db,
      engine: "postgres",
      pg,
      url: config.databaseUrl,
      close: async () => {
        await db.destroy();
      },
    };
  }
  const onDisk = config.dataDir && config.dataDir !== "memory://";
  if (onDisk) mkdirSync(config.dataDir as string, { recursive: true });
  const start = config.loadDataDir ? { loadDataDir: config.loadDataDir } : {};
  const pglite = onDisk ? new PGlite(config.dataDir, start) : new PGlite(start);
  await pglite.waitReady;
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    engine: "pglite",
    pglite,
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
