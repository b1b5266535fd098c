import type { ApiKeyScope } from "@shopreg/domain";
import type { ApiKey, Executor } from "../schema.ts";
import { type Page, type PageParams, pageNewestFirst } from "./page.ts";

export const insertApiKey = (
  db: Executor,
  row: {
    id: string;
    partner_id: string;
    name: string;
    prefix: string;
    secret_hash: string;
    scopes: ApiKeyScope[];
    /** The member behind the key; a key minted by a key passes on its own maker. */
    created_by: string;
    created_at: Date;
  },
) =>
  db
    .insertInto("api_keys")
    .values({ ...row, scopes: row.scopes })
    .returningAll()
    .executeTakeFirstOrThrow();

export const findApiKeyByHash = (db: Executor, secretHash: string) =>
  db.selectFrom("api_keys").selectAll().where("secret_hash", "=", secretHash).executeTakeFirst();

/** The key and its maker as they are now: a key acts with at most its maker's current access. */
export const findApiKeyWithMaker = (db: Executor, secretHash: string) =>
  db
    .selectFrom("api_keys")
    .leftJoin("users", "users.id", "api_keys.created_by")
    .selectAll("api_keys")
    .select(["users.partner_id as maker_partner_id", "users.member_role as maker_role", "users.disabled_at as maker_disabled_at"])
    .where("api_keys.secret_hash", "=", secretHash)
    .executeTakeFirst();

export const findApiKey = (db: Executor, partnerId: string, id: string) =>
  db.selectFrom("api_keys").selectAll().where("partner_id", "=", partnerId).where("id", "=", id).executeTakeFirst();

export async function listApiKeys(db: Executor, partnerId: string, params: PageParams): Promise<Page<ApiKey>> {
  const query = db.selectFrom("api_keys").selectAll().where("partner_id", "=", partnerId);
  return pageNewestFirst(query, params);
}

export const revokeApiKey = (db: Executor, id: string, at: Date) =>
  db.updateTable("api_keys").set({ revoked_at: at }).where("id", "=", id).returningAll().executeTakeFirstOrThrow();

/** Last use is recorded at most once a minute per key to keep writes off the hot path. */
export const touchApiKey = (db: Executor, id: string, at: Date) =>
  db
    .updateTable("api_keys")
    .set({ last_used_at: at })
    .where("id", "=", id)
    .where((eb) => eb.or([eb("last_used_at", "is", null), eb("last_used_at", "<", new Date(at.getTime() - 60_000))]))
    .execute();
