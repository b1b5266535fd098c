import { type Kysely, sql } from "kysely";

// Frozen in time: never edit a migration that has shipped; add a new one.
// Issue 14, phase 2: verified email and password reset by email (docs/teams-and-account-security.md). Both mail a link
// holding a single-use token; only its sha256 is stored, as for invitations and sessions.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements(SCHEMA)) await sql.raw(statement).execute(db);
}

const statements = (text: string) =>
  text
    .split(/;\s*\n/)
    .map((s) => s.trim())
    .filter((s) => s.replace(/--.*$/gm, "").trim().length > 0);

const SCHEMA = `
    ALTER TABLE users ADD COLUMN email_verified_at timestamptz;
    -- Everyone so far signed up before addresses were checked, or was seeded or invited: they keep
    -- what they could do (submitting an application needs a verified address from now on).
    UPDATE users SET email_verified_at = created_at;

    CREATE TABLE account_tokens (
      -- sha256 of the token; the token itself is only ever handed to the mail.
      token_hash text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users (id),
      purpose text NOT NULL CHECK (purpose IN ('password_reset', 'email_verification')),
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    );
    CREATE INDEX account_tokens_user ON account_tokens (user_id, purpose);
`;
