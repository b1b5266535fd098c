import { type Kysely, sql } from "kysely";

// Frozen in time: never edit a migration that has shipped; add a new one.
// Mail gets the durability webhooks have (issue 22): one row per message, its attempts, and a
// visible dead-letter state; webhook endpoints that stay slow get a shorter timeout.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE mail_messages (
      id uuid PRIMARY KEY,
      -- The account mail's kind (password_reset...) or the event type of an event mail.
      kind text NOT NULL,
      -- Known when queued for account mail; an event mail's is resolved at its first attempt.
      recipient text,
      -- What the worker renders: {event_id} or the account mail (its link token sealed, never in clear).
      job jsonb NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'sent', 'dead', 'skipped')),
      attempts int NOT NULL DEFAULT 0,
      last_error text,
      next_attempt_at timestamptz,
      created_at timestamptz NOT NULL,
      last_attempt_at timestamptz,
      sent_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX mail_messages_dead ON mail_messages (id) WHERE status = 'dead'`.execute(db);
  // Consecutive attempts that took longer than the slow threshold (or timed out).
  await sql`ALTER TABLE webhook_endpoints ADD COLUMN slow_streak int NOT NULL DEFAULT 0`.execute(db);
  // Fair share: a partner's pending deliveries are counted at each enqueue.
  await sql`CREATE INDEX webhook_deliveries_partner_pending ON webhook_deliveries (partner_id) WHERE status = 'pending'`.execute(
    db,
  );
}
