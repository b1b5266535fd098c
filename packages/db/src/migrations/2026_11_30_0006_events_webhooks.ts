import { type Kysely, sql } from "kysely";

// Frozen in time: never edit a migration that has shipped; add a new one.
// The job queue's own tables (schema pgboss) are created and upgraded by pg-boss itself at start.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements(SCHEMA)) await sql.raw(statement).execute(db);
}

const statements = (text: string) =>
  text
    .split(/;\s*\n/)
    .map((s) => s.trim())
    .filter((s) => s.replace(/--.*$/gm, "").trim().length > 0);

const SCHEMA = `
    -- The language of the mail a user receives.
    ALTER TABLE users ADD COLUMN locale text NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'zh-CN'));

    -- What happened, written in the transaction of the change (beside its audit row).
    CREATE TABLE events (
      id uuid PRIMARY KEY,
      type text NOT NULL,
      partner_id uuid REFERENCES partners (id),
      occurred_at timestamptz NOT NULL,
      api_version text NOT NULL,
      payload jsonb NOT NULL
    );
    CREATE INDEX events_partner_id ON events (partner_id, id);

    CREATE TABLE webhook_endpoints (
      id uuid PRIMARY KEY,
      partner_id uuid NOT NULL REFERENCES partners (id),
      url text NOT NULL,
      description text NOT NULL DEFAULT '',
      event_types jsonb NOT NULL,
      enabled boolean NOT NULL DEFAULT true,
      disabled_reason text,
      -- AES-256-GCM under WEBHOOK_SECRET_KEY: the secret must sign, so it cannot be a hash.
      secret_ciphertext text NOT NULL,
      previous_secret_ciphertext text,
      previous_secret_expires_at timestamptz,
      failing_since timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      deleted_at timestamptz
    );
    CREATE INDEX webhook_endpoints_partner_id ON webhook_endpoints (partner_id) WHERE deleted_at IS NULL;

    -- One row per (event, endpoint), holding the latest attempt.
    CREATE TABLE webhook_deliveries (
      id uuid PRIMARY KEY,
      event_id uuid NOT NULL REFERENCES events (id),
      endpoint_id uuid NOT NULL REFERENCES webhook_endpoints (id),
      partner_id uuid NOT NULL REFERENCES partners (id),
      status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
      attempts int NOT NULL DEFAULT 0,
      response_status int,
      latency_ms int,
      response_excerpt text,
      error text,
      next_attempt_at timestamptz,
      created_at timestamptz NOT NULL,
      last_attempt_at timestamptz,
      delivered_at timestamptz
    );
    CREATE INDEX webhook_deliveries_endpoint_id ON webhook_deliveries (endpoint_id, id);
    CREATE INDEX webhook_deliveries_event_id ON webhook_deliveries (event_id)
`;
