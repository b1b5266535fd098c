import { createDb, type DbHandle, migrationProvider } from "@shopreg/db";
import { Migrator } from "kysely";
import { CliError, type CliIo } from "./io.ts";

/** The database the servers use: DATABASE_URL, or an embedded PGlite folder named by SHOPREG_DATA_DIR. */
export async function openDatabase(env: Record<string, string | undefined>): Promise<DbHandle> {
  if (!env.DATABASE_URL && !env.SHOPREG_DATA_DIR)
    throw new CliError("Set DATABASE_URL (the PostgreSQL server the API uses) or SHOPREG_DATA_DIR (an embedded PGlite folder).");
  if (env.DATABASE_URL && !URL.canParse(env.DATABASE_URL))
    throw new CliError("DATABASE_URL: not a URL (postgres://user:pass@host:5432/db).");
  try {
    const handle = await createDb({ databaseUrl: env.DATABASE_URL, dataDir: env.SHOPREG_DATA_DIR, maxConnections: 2 });
    await handle.db.selectNoFrom((eb) => eb.lit(1).as("ok")).execute();
    return handle;
  } catch (error) {
    throw new CliError(`Cannot reach the database: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The database a command works on. */
export const connect = (io: CliIo) => (io.openDatabase ? io.openDatabase() : openDatabase(io.env));

export const migrator = (handle: DbHandle) => new Migrator({ db: handle.db, provider: migrationProvider });

/** The migrations this build has that the database has not run. */
export async function pendingMigrations(handle: DbHandle): Promise<string[]> {
  const all = await migrator(handle).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}

export async function requireCurrentSchema(handle: DbHandle) {
  const pending = await pendingMigrations(handle);
  if (pending.length > 0)
    throw new CliError(`The database schema is behind (${pending.length} migrations to run): run \`shopreg migrate\` first.`);
}
