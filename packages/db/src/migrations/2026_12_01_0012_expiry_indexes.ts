import { type Kysely, sql } from "kysely";

// Frozen in time: never edit a migration that has shipped; add a new one.
// The maintenance job (apps/api/src/maintenance.ts) deletes what has expired every 15 minutes, in
// every API process. Without an index on the expiry column each of those deletes read its whole
// table (the plan audit, apps/api/test/generic-plans.db.test.ts, found four); rate_limits had one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX sessions_expires_at ON sessions (expires_at)`.execute(db);
  await sql`CREATE INDEX account_tokens_expires_at ON account_tokens (expires_at)`.execute(db);
  await sql`CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at)`.execute(db);
  await sql`CREATE INDEX conversion_signatures_received_at ON conversion_signatures (received_at)`.execute(db);
}
