import type { AccountTokenPurpose, Executor } from "../schema.ts";

export const insertAccountToken = (
  db: Executor,
  row: { token_hash: string; user_id: string; purpose: AccountTokenPurpose; created_at: Date; expires_at: Date },
) => db.insertInto("account_tokens").values(row).execute();

/** Locks the row: two requests with one token cannot both use it. */
export const findAccountTokenForUpdate = (db: Executor, tokenHash: string, purpose: AccountTokenPurpose) =>
  db
    .selectFrom("account_tokens")
    .selectAll()
    .where("token_hash", "=", tokenHash)
    .where("purpose", "=", purpose)
    .forUpdate()
    .executeTakeFirst();

export const useAccountToken = (db: Executor, tokenHash: string, at: Date) =>
  db.updateTable("account_tokens").set({ used_at: at }).where("token_hash", "=", tokenHash).execute();

/** A new link replaces the user's earlier ones of that purpose: only the latest mail works. */
export const retireAccountTokens = (db: Executor, userId: string, purpose: AccountTokenPurpose, at: Date) =>
  db
    .updateTable("account_tokens")
    .set({ used_at: at })
    .where("user_id", "=", userId)
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .execute();

/** Retires every link of the user (of `purposes`, default all): their access ended, so do the links. */
export const retireAllAccountTokens = (
  db: Executor,
  userId: string,
  at: Date,
  purposes: readonly AccountTokenPurpose[] = ["password_reset", "email_verification"],
) =>
  db
    .updateTable("account_tokens")
    .set({ used_at: at })
    .where("user_id", "=", userId)
    .where("purpose", "in", [...purposes])
    .where("used_at", "is", null)
    .execute();

/** Drops tokens long past their expiry (maintenance). */
export const deleteExpiredAccountTokens = (db: Executor, before: Date) =>
  db.deleteFrom("account_tokens").where("expires_at", "<", before).execute();
