import type { Executor } from "../schema.ts";

export const replaceRecoveryCodes = async (db: Executor, userId: string, hashes: string[]) => {
  await db.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
  if (hashes.length > 0)
    await db
      .insertInto("recovery_codes")
      .values(hashes.map((code_hash) => ({ user_id: userId, code_hash, used_at: null })))
      .execute();
};

/**
 * Marks a recovery code used; true only for the one call that used it (single use under concurrency).
 * `codeHashes` are the code's hash in each stored format (codes stored before a format change still work).
 */
export const useRecoveryCode = async (db: Executor, userId: string, codeHashes: string[], at: Date) => {
  const row = await db
    .updateTable("recovery_codes")
    .set({ used_at: at })
    .where("user_id", "=", userId)
    .where("code_hash", "in", codeHashes)
    .where("used_at", "is", null)
    .returning("code_hash")
    .executeTakeFirst();
  return row !== undefined;
};

export const countUnusedRecoveryCodes = async (db: Executor, userId: string) => {
  const row = await db
    .selectFrom("recovery_codes")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
};

/** Records the accepted TOTP time step unless it (or a later one) was already used: a code works once. */
export const advanceTotpStep = async (db: Executor, userId: string, step: number) => {
  const row = await db
    .updateTable("users")
    .set({ totp_last_step: step })
    .where("id", "=", userId)
    .where((eb) => eb.or([eb("totp_last_step", "is", null), eb("totp_last_step", "<", step)]))
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
};
