import { type Kysely, sql } from "kysely";

// Frozen in time: never edit a migration that has shipped; add a new one.
// Rate-limit counters shared by every API process (docs/decisions/0005-shared-rate-limits.md): one
// row per key and window, upserted once per request. UNLOGGED: a crash may forget the counts of the
// current minute, which is harmless, and the writes skip the WAL.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE UNLOGGED TABLE rate_limits (
    key text PRIMARY KEY,
    hits integer NOT NULL,
    reset_at timestamptz NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX rate_limits_reset_at ON rate_limits (reset_at)`.execute(db);
}
