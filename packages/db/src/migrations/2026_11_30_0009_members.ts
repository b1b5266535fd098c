import { type Kysely, sql } from "kysely";

// Frozen in time: never edit a migration that has shipped; add a new one.
// Partner teams (DESIGN.md 3.9). A member's role is a column on users, not a partner_members table:
// a user already belongs to at most one partner (users.partner_id, one login per email), a session
// is a user's, and so the partner and role of a request follow from the session with no partner
// picker. Removing a member detaches the user (partner_id and member_role NULL), keeping the row
// that audit rows and api_keys.created_by point at; a later invitation attaches it again.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements(SCHEMA)) await sql.raw(statement).execute(db);
}

const statements = (text: string) =>
  text
    .split(/;\s*\n/)
    .map((s) => s.trim())
    .filter((s) => s.replace(/--.*$/gm, "").trim().length > 0);

const SCHEMA = `
    ALTER TABLE users ADD COLUMN member_role text CHECK (member_role IN ('owner', 'admin', 'developer', 'analyst'));
    -- Every partner user so far was the account's only login: they own it.
    UPDATE users SET member_role = 'owner' WHERE role = 'partner';
    ALTER TABLE users DROP CONSTRAINT users_check;
    -- Staff have neither; a partner user has both, or neither once removed from the account.
    ALTER TABLE users ADD CONSTRAINT users_membership CHECK (
      CASE WHEN role = 'partner' THEN (partner_id IS NULL) = (member_role IS NULL)
           ELSE partner_id IS NULL AND member_role IS NULL END
    );
    -- TOTP: the secret is AES-256-GCM ciphertext (never in clear); enabled once a code confirmed it.
    ALTER TABLE users ADD COLUMN totp_secret_enc text;
    ALTER TABLE users ADD COLUMN totp_enabled_at timestamptz;
    -- The last time step a code was accepted for: a code cannot be replayed within its window.
    ALTER TABLE users ADD COLUMN totp_last_step integer;

    CREATE TABLE recovery_codes (
      user_id uuid NOT NULL REFERENCES users (id),
      code_hash text NOT NULL,
      used_at timestamptz,
      PRIMARY KEY (user_id, code_hash)
    );

    ALTER TABLE partners ADD COLUMN require_two_factor boolean NOT NULL DEFAULT false;

    -- Sessions are listed and ended by a public id; their primary key is the token's hash, never shown.
    ALTER TABLE sessions ADD COLUMN public_id uuid NOT NULL DEFAULT gen_random_uuid();
    CREATE UNIQUE INDEX sessions_public_id ON sessions (public_id);
    ALTER TABLE sessions ADD COLUMN user_agent text;

    CREATE TABLE invitations (
      id uuid PRIMARY KEY,
      partner_id uuid NOT NULL REFERENCES partners (id),
      email text NOT NULL,
      role text NOT NULL CHECK (role IN ('owner', 'admin', 'developer', 'analyst')),
      -- sha256 of the single-use token; the token itself is only ever handed to the mail.
      token_hash text NOT NULL UNIQUE,
      invited_by uuid REFERENCES users (id),
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      sent_count integer NOT NULL DEFAULT 1,
      last_sent_at timestamptz NOT NULL,
      accepted_at timestamptz,
      accepted_by uuid REFERENCES users (id),
      revoked_at timestamptz
    );
    -- One open invitation per partner and address: a second invite is a resend.
    CREATE UNIQUE INDEX invitations_one_open ON invitations (partner_id, email)
      WHERE accepted_at IS NULL AND revoked_at IS NULL;
    CREATE INDEX invitations_partner_id ON invitations (partner_id, id);
`;
