import { type Kysely, sql } from "kysely";

// Frozen in time: never edit a migration that has shipped; add a new one.
// Incentive programs (docs/incentives.md). Programs and their versions are staff-defined and
// small; seller events, statements, their lines and disputes grow with sellers, so each carries
// partner_id in every key (and composite references) to be distributable by partner (docs/growth.md).
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements(SCHEMA)) await sql.raw(statement).execute(db);
}

const statements = (text: string) =>
  text
    .split(/;\s*\n/)
    .map((s) => s.trim())
    .filter((s) => s.replace(/--.*$/gm, "").trim().length > 0);

const SCHEMA = `
    CREATE TABLE incentive_programs (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      name_zh text NOT NULL,
      current_version int NOT NULL,
      created_by uuid,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );

    -- A running program's rules change only by a new version; versions are never updated.
    CREATE TABLE incentive_program_versions (
      program_id uuid NOT NULL REFERENCES incentive_programs (id),
      version int NOT NULL,
      rules jsonb NOT NULL,
      note text NOT NULL DEFAULT '',
      created_by uuid,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (program_id, version)
    );

    -- Lifecycle events from Seller Center, attached to the seller's attributed registration.
    CREATE TABLE seller_events (
      partner_id uuid NOT NULL,
      event_id text NOT NULL,
      event_type text NOT NULL CHECK (event_type IN ('seller.first_order', 'seller.gmv', 'seller.governance_flag')),
      seller_id text NOT NULL,
      registration_id uuid NOT NULL,
      occurred_at timestamptz NOT NULL,
      received_at timestamptz NOT NULL,
      amount_minor bigint,
      currency text,
      risk text CHECK (risk IN ('low', 'medium', 'high', 'cleared')),
      PRIMARY KEY (partner_id, event_id)
    );
    CREATE INDEX seller_events_seller ON seller_events (partner_id, seller_id);
    CREATE INDEX seller_events_event_id ON seller_events (event_id);

    -- One statement per partner, program and sequence: 1 is the period's; later ones carry adjustments.
    CREATE TABLE incentive_statements (
      id uuid NOT NULL,
      partner_id uuid NOT NULL,
      program_id uuid NOT NULL REFERENCES incentive_programs (id),
      sequence int NOT NULL DEFAULT 1,
      program_version int NOT NULL,
      status text NOT NULL CHECK (status IN ('open', 'closed')),
      currency text NOT NULL,
      eligible_count int NOT NULL DEFAULT 0,
      pending_count int NOT NULL DEFAULT 0,
      excluded_count int NOT NULL DEFAULT 0,
      gross_minor bigint NOT NULL DEFAULT 0,
      adjustments_minor bigint NOT NULL DEFAULT 0,
      closes_at timestamptz NOT NULL,
      computed_at timestamptz NOT NULL,
      closed_at timestamptz,
      content_hash text,
      signature text,
      -- The signed document exactly as signed: a closed statement is served from this, never recomputed.
      signed_document jsonb,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (id, partner_id),
      UNIQUE (partner_id, program_id, sequence)
    );
    CREATE INDEX incentive_statements_closing ON incentive_statements (closes_at) WHERE status = 'open';
    CREATE INDEX incentive_statements_program ON incentive_statements (program_id);

    CREATE TABLE incentive_statement_lines (
      id uuid NOT NULL,
      partner_id uuid NOT NULL,
      statement_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('seller', 'adjustment')),
      seller_id text,
      registration_id uuid,
      registered_at timestamptz,
      status text NOT NULL CHECK (status IN ('eligible', 'pending', 'excluded', 'adjustment')),
      reason_code text,
      rule text,
      decision_at timestamptz,
      waiting_on jsonb NOT NULL DEFAULT '[]',
      risk_level text,
      reduction_percent int NOT NULL DEFAULT 0,
      amount_minor bigint NOT NULL DEFAULT 0,
      first_order_at timestamptz,
      gmv_minor bigint NOT NULL DEFAULT 0,
      dispute_id uuid,
      note text,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (id, partner_id),
      FOREIGN KEY (statement_id, partner_id) REFERENCES incentive_statements (id, partner_id)
    );
    CREATE UNIQUE INDEX incentive_statement_lines_seller ON incentive_statement_lines (partner_id, statement_id, registration_id)
      WHERE kind = 'seller';
    CREATE INDEX incentive_statement_lines_page ON incentive_statement_lines (partner_id, statement_id, id);
    CREATE INDEX incentive_statement_lines_due ON incentive_statement_lines (partner_id, statement_id, decision_at)
      WHERE status = 'pending';

    CREATE TABLE incentive_disputes (
      id uuid NOT NULL,
      partner_id uuid NOT NULL,
      program_id uuid NOT NULL REFERENCES incentive_programs (id),
      statement_id uuid NOT NULL,
      line_id uuid NOT NULL,
      seller_reference text,
      message text NOT NULL,
      status text NOT NULL CHECK (status IN ('open', 'accepted', 'rejected')),
      resolution_reason text,
      adjustment_minor bigint,
      adjustment_line_id uuid,
      created_by uuid,
      created_at timestamptz NOT NULL,
      resolved_by uuid,
      resolved_at timestamptz,
      PRIMARY KEY (id, partner_id),
      FOREIGN KEY (line_id, partner_id) REFERENCES incentive_statement_lines (id, partner_id)
    );
    CREATE INDEX incentive_disputes_queue ON incentive_disputes (status, created_at, id);
    CREATE INDEX incentive_disputes_partner ON incentive_disputes (partner_id, id);
`;
