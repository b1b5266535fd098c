import { type Kysely, sql } from "kysely";

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements(SCHEMA)) await sql.raw(statement).execute(db);
}

/** One statement per query: the extended protocol (postgres.js, PGlite) refuses several at once. */
const statements = (text: string) =>
  text
    .split(/;\s*\n/)
    .map((s) => s.trim())
    .filter((s) => s.replace(/--.*$/gm, "").trim().length > 0);

const SCHEMA = `
    CREATE TABLE partners (
      id uuid PRIMARY KEY,
      company_name text NOT NULL,
      entity_type text NOT NULL CHECK (entity_type IN ('US', 'NON_US')),
      registration_region text NOT NULL CHECK (registration_region ~ '^[A-Z]{2}$'),
      company_registration_region text NOT NULL CHECK (company_registration_region ~ '^[A-Z]{2}$'),
      contact_name text NOT NULL,
      contact_email text NOT NULL,
      contact_phone text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );

    CREATE TABLE users (
      id uuid PRIMARY KEY,
      partner_id uuid REFERENCES partners (id),
      email text NOT NULL UNIQUE,
      name text NOT NULL,
      role text NOT NULL CHECK (role IN ('partner', 'reviewer', 'analyst', 'admin')),
      password_hash text NOT NULL,
      disabled_at timestamptz,
      last_login_at timestamptz,
      created_at timestamptz NOT NULL,
      CHECK ((role = 'partner') = (partner_id IS NOT NULL))
    );
    CREATE INDEX users_partner_id ON users (partner_id);

    CREATE TABLE sessions (
      id text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users (id),
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL
    );
    CREATE INDEX sessions_user_id ON sessions (user_id);

    CREATE TABLE api_keys (
      id uuid PRIMARY KEY,
      partner_id uuid NOT NULL REFERENCES partners (id),
      name text NOT NULL,
      prefix text NOT NULL UNIQUE,
      secret_hash text NOT NULL UNIQUE,
      scopes jsonb NOT NULL,
      created_by uuid REFERENCES users (id),
      created_at timestamptz NOT NULL,
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    CREATE INDEX api_keys_partner_id ON api_keys (partner_id, id);

    CREATE TABLE applications (
      id uuid PRIMARY KEY,
      partner_id uuid NOT NULL REFERENCES partners (id),
      category_id text NOT NULL,
      target_market text NOT NULL,
      form_version integer NOT NULL,
      details jsonb NOT NULL,
      status text NOT NULL CHECK (status IN ('DRAFT', 'REVIEWING', 'NEEDS_INFO', 'APPROVED', 'REJECTED', 'WITHDRAWN', 'REVOKED')),
      revision integer NOT NULL DEFAULT 1,
      submitted_at timestamptz,
      decided_at timestamptz,
      decided_by uuid REFERENCES users (id),
      decision_reason text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    -- At most one live application per partner, category and market (DESIGN.md 3.2).
    CREATE UNIQUE INDEX applications_one_live
      ON applications (partner_id, category_id, target_market)
      WHERE status IN ('DRAFT', 'REVIEWING', 'NEEDS_INFO', 'APPROVED');
    CREATE INDEX applications_partner_id ON applications (partner_id, id);
    CREATE INDEX applications_queue ON applications (status, submitted_at, id);

    CREATE TABLE application_revisions (
      application_id uuid NOT NULL REFERENCES applications (id),
      revision integer NOT NULL,
      details jsonb NOT NULL,
      submitted_at timestamptz NOT NULL,
      PRIMARY KEY (application_id, revision)
    );

    CREATE TABLE services (
      id uuid PRIMARY KEY,
      partner_id uuid NOT NULL REFERENCES partners (id),
      type text NOT NULL CHECK (type IN ('CUSTOM', 'PUBLIC')),
      category_id text NOT NULL,
      target_market text NOT NULL,
      name text NOT NULL,
      description text NOT NULL,
      contact_email text NOT NULL,
      status text NOT NULL CHECK (status IN ('DRAFT', 'ON', 'OFF')),
      first_published_at timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX services_partner_id ON services (partner_id, id);

    CREATE TABLE referral_links (
      id uuid PRIMARY KEY,
      service_id uuid NOT NULL REFERENCES services (id),
      partner_id uuid NOT NULL REFERENCES partners (id),
      audience text NOT NULL CHECK (audience IN ('LOCAL_SELLER', 'CROSS_BORDER_SELLER')),
      target_market text NOT NULL,
      token text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL,
      -- One link per service and audience, minted once: concurrent publishes cannot mint four.
      UNIQUE (service_id, audience)
    );
    CREATE INDEX referral_links_partner_id ON referral_links (partner_id);

    -- Raw clicks, one partition per month; partner_id on every row so the table can be distributed by it.
    CREATE TABLE clicks (
      id uuid NOT NULL,
      link_id uuid NOT NULL,
      service_id uuid NOT NULL,
      partner_id uuid NOT NULL,
      audience text NOT NULL,
      clicked_at timestamptz NOT NULL,
      visitor_hash text NOT NULL,
      country text,
      device text,
      browser text,
      os text,
      referrer_host text,
      is_bot boolean NOT NULL,
      link_active boolean NOT NULL,
      is_unique boolean NOT NULL,
      PRIMARY KEY (id, clicked_at)
    ) PARTITION BY RANGE (clicked_at);
    CREATE TABLE clicks_default PARTITION OF clicks DEFAULT;
    CREATE INDEX clicks_link_time ON clicks (link_id, clicked_at);
    CREATE INDEX clicks_partner_time ON clicks (partner_id, clicked_at);

    CREATE TABLE conversions (
      id uuid PRIMARY KEY,
      event_id text NOT NULL UNIQUE,
      event_type text NOT NULL CHECK (event_type IN ('seller.registered', 'shop.approved')),
      seller_id text NOT NULL,
      seller_type text NOT NULL,
      click_id uuid,
      channel text,
      partner_id uuid REFERENCES partners (id),
      service_id uuid REFERENCES services (id),
      link_id uuid REFERENCES referral_links (id),
      attributed_click_id uuid,
      occurred_at timestamptz NOT NULL,
      received_at timestamptz NOT NULL
    );
    CREATE INDEX conversions_partner_time ON conversions (partner_id, occurred_at);
    CREATE INDEX conversions_seller ON conversions (seller_id, event_type);

    CREATE TABLE audit_events (
      id uuid PRIMARY KEY,
      occurred_at timestamptz NOT NULL,
      actor_type text NOT NULL,
      actor_id text,
      actor_label text,
      partner_id uuid,
      entity_type text NOT NULL,
      entity_id text NOT NULL,
      action text NOT NULL,
      from_status text,
      to_status text,
      reason text,
      request_id text,
      data jsonb
    );
    CREATE INDEX audit_events_entity ON audit_events (entity_type, entity_id, id);
    CREATE INDEX audit_events_partner ON audit_events (partner_id, id);

    CREATE TABLE idempotency_keys (
      principal text NOT NULL,
      key text NOT NULL,
      method text NOT NULL,
      path text NOT NULL,
      request_hash text NOT NULL,
      status_code integer,
      response_body text,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (principal, key)
    );
`;
