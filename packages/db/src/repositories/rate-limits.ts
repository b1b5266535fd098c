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

export type AttemptPolicy = { freeFailures: number; maxWaitSeconds: number; forgetAfterMs: number };

/**
 * Claims one attempt on `key` before the caller checks anything (sign-in backoff), in one upsert so
 * parallel attempts cannot all read the same count: unless the key is waiting (`freeFailures` or more
 * and its time not yet up), the count goes up by one and the wait after it is set (2^(n - free) s,
 * capped). Returns the new count, or `blocked` with the time the key waits until.
 */
export async function claimAttempt(
  db: Executor,
  key: string,
  now: Date,
  p: AttemptPolicy,
): Promise<{ blocked: false; hits: number } | { blocked: true; resetAt: Date }> {
  const forgotten = new Date(now.getTime() - p.forgetAfterMs);
  const firstWait = 1 >= p.freeFailures ? Math.min(2 ** (1 - p.freeFailures), p.maxWaitSeconds) : 0;
  const { rows } = await sql<{ hits: number }>`
    INSERT INTO rate_limits AS r (key, hits, reset_at) VALUES (${key}, 1, ${new Date(now.getTime() + firstWait * 1000)})
    ON CONFLICT (key) DO UPDATE SET
      hits = CASE WHEN r.reset_at <= ${forgotten} THEN 1 ELSE r.hits + 1 END,
      reset_at = CASE
        WHEN r.reset_at <= ${forgotten} THEN excluded.reset_at
        WHEN r.hits + 1 >= ${p.freeFailures}::int
          THEN ${now}::timestamptz + LEAST(power(2, r.hits + 1 - ${p.freeFailures}::int), ${p.maxWaitSeconds}::int) * interval '1 second'
        ELSE ${now}::timestamptz END
    WHERE NOT (r.hits >= ${p.freeFailures}::int AND r.reset_at > ${now})
    RETURNING hits`.execute(db);
  if (rows[0]) return { blocked: false, hits: Number(rows[0].hits) };
  const rec = await findRateLimit(db, key);
  return { blocked: true, resetAt: rec?.resetAt ?? now };
}
