import { connect, migrator, pendingMigrations } from "./database.ts";
import { CliError, type Command } from "./io.ts";

export const migrate: Command = {
  name: "migrate",
  summary: "bring the database schema up to date (--check: only say whether it is)",
  help: `Usage: shopreg migrate [--check]

Runs every migration this release has that the database has not run, in order (the API and the
gateway also do this when they start). With --check, changes nothing: exits 0 when the schema is
current and 1 when migrations are pending, listing them.

Environment: DATABASE_URL (or SHOPREG_DATA_DIR for an embedded database).`,
  options: { check: { type: "boolean" } },
  async run({ values }, io) {
    const handle = await connect(io);
    try {
      const pending = await pendingMigrations(handle);
      if (values.check) {
        if (pending.length === 0) {
          io.out("migrate: the schema is current.");
          return 0;
        }
        io.err(`migrate: the schema is behind; ${pending.length} migrations to run:`);
        for (const name of pending) io.err(`  ${name}`);
        return 1;
      }
      const { error, results } = await migrator(handle).migrateToLatest();
      for (const r of results ?? []) io.out(`  ${r.status === "Success" ? "ran" : r.status.toLowerCase()}: ${r.migrationName}`);
      if (error) throw new CliError(`migrate: failed: ${error instanceof Error ? error.message : String(error)}`);
      io.out(pending.length === 0 ? "migrate: the schema was already current." : `migrate: ran ${pending.length} migrations.`);
      return 0;
    } finally {
      await handle.close();
    }
  },
};
