import { CompiledQuery, sql } from "kysely";
import type { Executor } from "../schema.ts";

/**
 * The job queue's own statements (pg-boss keeps its tables in the `pgboss` schema): a NOTIFY that
 * wakes the workers at commit, and the depth of the queues for the metrics.
 */
export const notifyChannel = (db: Executor, channel: string, payload: string) =>
  db.executeQuery(CompiledQuery.raw("SELECT pg_notify($1, $2)", [channel, payload]));

/** Jobs due and waiting per queue, and the oldest one's age in seconds. */
export async function jobQueueDepth(db: Executor, queues: readonly string[]) {
  const { rows } = await sql<{ queue: string; waiting: number; age: number }>`
    SELECT name AS queue, count(*)::int AS waiting, coalesce(extract(epoch FROM now() - min(start_after)), 0)::float8 AS age
    FROM pgboss.job WHERE name IN (${sql.join(queues)}) AND state < 'active' AND start_after <= now()
    GROUP BY name`.execute(db);
  return rows.map((r) => ({ queue: r.queue, waiting: Number(r.waiting), oldestAgeSeconds: Number(r.age) }));
}

/** Runs a statement someone else wrote (pg-boss's, through its `db` option) on our connection or transaction. */
export const executeRaw = (db: Executor, text: string, values: readonly unknown[]) =>
  db.executeQuery(CompiledQuery.raw(text, [...values]));
