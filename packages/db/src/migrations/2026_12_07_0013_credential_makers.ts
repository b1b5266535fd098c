import { type Kysely, sql } from "kysely";

// Frozen in time: never edit a migration that has shipped; add a new one.
// Issue 22: every credential has a person behind it, so it can end with that person's access.
// A key minted by a key was stored with created_by NULL; it now inherits the human maker of the key
// that minted it (read from the `create` audit row, following chains of keys). A key whose maker
// cannot be found is revoked: no one would answer for it. Webhook endpoints record their maker too
// (from the audit row; else the partner's longest-standing owner, who answers for the account).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE webhook_endpoints ADD COLUMN created_by uuid REFERENCES users (id)`.execute(db);
  await backfillMakers(db);
  await sql`ALTER TABLE api_keys ADD CONSTRAINT api_keys_have_maker CHECK (created_by IS NOT NULL OR revoked_at IS NOT NULL)`.execute(
    db,
  );
  await sql`CREATE INDEX api_keys_created_by ON api_keys (created_by)`.execute(db);
  await sql`CREATE INDEX webhook_endpoints_created_by ON webhook_endpoints (created_by)`.execute(db);
  await sql`CREATE INDEX invitations_invited_by ON invitations (invited_by) WHERE accepted_at IS NULL AND revoked_at IS NULL`.execute(
    db,
  );
}

/** Exported for its test: fills the makers of existing keys and endpoints, revoking keys with none. */
export async function backfillMakers(db: Kysely<unknown>): Promise<void> {
  await sql`
    WITH RECURSIVE chain (id, maker) AS (
      SELECT id, created_by FROM api_keys WHERE created_by IS NOT NULL
      UNION
      SELECT k.id, chain.maker
      FROM api_keys k
      JOIN audit_events a ON a.entity_type = 'api_key' AND a.action = 'create' AND a.entity_id = k.id::text
        AND a.actor_type = 'api_key'
      JOIN chain ON chain.id::text = a.actor_id
      WHERE k.created_by IS NULL
    )
    UPDATE api_keys SET created_by = chain.maker FROM chain
    WHERE api_keys.id = chain.id AND api_keys.created_by IS NULL`.execute(db);
  await sql`UPDATE api_keys SET revoked_at = now() WHERE created_by IS NULL AND revoked_at IS NULL`.execute(db);

  await sql`
    UPDATE webhook_endpoints e SET created_by = CASE WHEN a.actor_type = 'user' THEN a.actor_id::uuid ELSE k.created_by END
    FROM audit_events a LEFT JOIN api_keys k ON a.actor_type = 'api_key' AND k.id::text = a.actor_id
    WHERE a.entity_type = 'webhook_endpoint' AND a.action = 'create' AND a.entity_id = e.id::text
      AND a.actor_type IN ('user', 'api_key') AND e.created_by IS NULL`.execute(db);
  await sql`
    UPDATE webhook_endpoints e SET created_by = (
      SELECT u.id FROM users u WHERE u.partner_id = e.partner_id AND u.member_role = 'owner' ORDER BY u.created_at, u.id LIMIT 1
    )
    WHERE e.created_by IS NULL`.execute(db);
}
