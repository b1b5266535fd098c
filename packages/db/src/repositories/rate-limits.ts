import { sql } from "kysely";
import type { Executor } from "../schema.ts";

export type RateLimitCount = { hits: number; resetAt: Date };

/**
 * Counts one hit on `key` in a fixed window: one upsert, atomic across processes. A window that has
 * ended starts again at 1.
 */
export async function hitRateLimit(db: Executor, key: string, now: Date, windowMs: number): Promise<RateLimitCount> {
  const resetAt = new Date(now.getTime() + windowMs);
  const { rows } = await sql<{ hits: number; reset_at: Date }>`
    INSERT INTO rate_limits AS r (key, hits, reset_at) VALUES (${key}, 1, ${resetAt})
    ON CONFLICT (key) DO UPDATE SET
      hits = CASE WHEN r.reset_at <= ${now} THEN 1 ELSE r.hits + 1 END,
      reset_at = CASE WHEN r.reset_at <= ${now} THEN excluded.reset_at ELSE r.reset_at END
    RETURNING hits, reset_at`.execute(db);
  const row = rows[0] as { hits: number; reset_at: Date };
  return { hits: Number(row.hits), resetAt: new Date(row.reset_at) };
}

export async function findRateLimit(db: Executor, key: string): Promise<RateLimitCount | undefined> {
  const row = await db.selectFrom("rate_limits").select(["hits", "reset_at"]).where("key", "=", key).executeTakeFirst();
  return row && { hits: Number(row.hits), resetAt: new Date(row.reset_at) };
}

/** Sets a counter outright (consecutive sign-in failures and the time until which the account waits). */
export const setRateLimit = (db: Executor, key: string, hits: number, resetAt: Date) =>
  db
    .insertInto("rate_limits")
    .values({ key, hits, reset_at: resetAt })
    .onConflict((oc) => oc.column("key").doUpdateSet({ hits, reset_at: resetAt }))
    .execute();

export const decrementRateLimit = (db: Executor, key: string) =>
  db.updateTable("rate_limits").set({ hits: sql<number>`greatest(hits - 1, 0)` }).where("key", "=", key).execute();

export const deleteRateLimit = (db: Executor, key: string) => db.deleteFrom("rate_limits").where("key", "=", key).execute();

export const pruneRateLimits = (db: Executor, before: Date) =>
  db.deleteFrom("rate_limits").where("reset_at", "<", before).execute();
