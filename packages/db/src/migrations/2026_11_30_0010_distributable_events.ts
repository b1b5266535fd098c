import { type Kysely, sql } from "kysely";

// Frozen in time: never edit a migration that has shipped; add a new one.
// Events and their webhook deliveries grow with traffic (a seller.registered per conversion), so
// they follow 0007_distributable: every event belongs to a partner, and both keys include
// partner_id, as does the delivery's reference to its event, so Citus can co-locate them by
// partner (docs/growth.md). Lookups by id alone still use the keys' leading column.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    "ALTER TABLE events ALTER COLUMN partner_id SET NOT NULL",
    "ALTER TABLE webhook_deliveries DROP CONSTRAINT webhook_deliveries_event_id_fkey",
    "ALTER TABLE events DROP CONSTRAINT events_pkey",
    "ALTER TABLE events ADD PRIMARY KEY (id, partner_id)",
    "ALTER TABLE webhook_deliveries DROP CONSTRAINT webhook_deliveries_pkey",
    "ALTER TABLE webhook_deliveries ADD PRIMARY KEY (id, partner_id)",
    `ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_event_fkey
       FOREIGN KEY (event_id, partner_id) REFERENCES events (id, partner_id)`,
  ]) {
    await sql.raw(statement).execute(db);
  }
}
