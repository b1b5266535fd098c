import type { Executor } from "../schema.ts";

export type IdempotencyRecord = {
  principal: string;
  key: string;
  method: string;
  path: string;
  request_hash: string;
  status_code: number | null;
  response_body: string | null;
};

/** Claims a key. Returns true when this request is the first with it; otherwise the caller reads the record. */
export async function claimIdempotencyKey(
  db: Executor,
  row: { principal: string; key: string; method: string; path: string; request_hash: string; created_at: Date },
): Promise<boolean> {
  const res = await db
    .insertInto("idempotency_keys")
    .values(row)
    .onConflict((oc) => oc.columns(["principal", "key"]).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export const findIdempotencyRecord = (db: Executor, principal: string, key: string): Promise<IdempotencyRecord | undefined> =>
  db
    .selectFrom("idempotency_keys")
    .select(["principal", "key", "method", "path", "request_hash", "status_code", "response_body"])
    .where("principal", "=", principal)
    .where("key", "=", key)
    .executeTakeFirst();

export const completeIdempotencyKey = (db: Executor, principal: string, key: string, status: number, body: string) =>
  db
    .updateTable("idempotency_keys")
    .set({ status_code: status, response_body: body })
    .where("principal", "=", principal)
    .where("key", "=", key)
    .execute();

/** A failed first attempt (5xx, crash) frees its key so a retry can run for real. */
export const releaseIdempotencyKey = (db: Executor, principal: string, key: string) =>
  db
    .deleteFrom("idempotency_keys")
    .where("principal", "=", principal)
    .where("key", "=", key)
    .where("status_code", "is", null)
    .execute();

export const pruneIdempotencyKeys = (db: Executor, before: Date) =>
  db.deleteFrom("idempotency_keys").where("created_at", "<", before).execute();
