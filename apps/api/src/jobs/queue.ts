import { type DbHandle, type Executor, executeRaw, jobQueueDepth, notifyChannel } from "@shopreg/db";
import PgBoss from "pg-boss";
import { registerJobQueueProbe } from "../metrics.ts";

/** The queues of the API's worker: one job per webhook delivery attempt, one per mail. */
export const QUEUES = { webhook: "webhook-delivery", mail: "mail" } as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** What pg-boss calls to run SQL (its `db` option, globally or per call). */
type SqlRunner = { executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }> };

/** Runs pg-boss's statements on a Kysely transaction: a job lands or vanishes with the change that sent it. */
export const onTransaction = (trx: Executor): SqlRunner => ({
  executeSql: async (text, values = []) => {
    // pg-boss leaves unset options undefined; postgres.js refuses undefined parameters.
    const res = await executeRaw(
      trx,
      text,
      values.map((v) => (v === undefined ? null : v)),
    );
    return { rows: res.rows as any[] };
  },
});

export type JobQueue = {
  boss: PgBoss;
  /**
   * Enqueues in the caller's transaction, and NOTIFYs `shopreg_jobs` there: PostgreSQL delivers
   * the notification at commit (and drops it on rollback), which wakes the workers of the queue.
   * `priority`: higher first (the fair share of webhook deliveries between partners).
   */
  send(
    trx: Executor,
    queue: QueueName,
    data: object,
    opts?: { startAfter?: Date; singletonKey?: string; priority?: number },
  ): Promise<void>;
  /** Calls `wake` whenever a transaction that queued a job on `queue` commits (in any process); returns the unsubscribe. */
  onCommitted(queue: QueueName, wake: () => void): () => void;
  stop(): Promise<void>;
};

/** The channel a commit that queued jobs notifies; the payload is the queue's name. */
export const JOBS_CHANNEL = "shopreg_jobs";

export type JobQueueOptions = {
  /** How often an idle worker looks for jobs (pg-boss' floor is 0.5 s). */
  pollingIntervalSeconds?: number;
  /** How often pg-boss looks for jobs whose worker died (expired) and retries them. */
  maintenanceIntervalSeconds?: number;
  /** How long a job may run before pg-boss counts its worker dead and retries it (on queue creation). */
  expireInSeconds?: number;
};

/**
 * JOBS_EXPIRE_SECONDS and JOBS_MAINTENANCE_INTERVAL_SECONDS shorten the wait for a job whose API
 * process died (60 s and 30 s by default); tests/multi-instance sets them to kill a process mid-delivery.
 */
const envSeconds = (name: string): number | undefined => {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

/**
 * pg-boss over the API's database. On a PostgreSQL server it gets a pool of its own (`pg`); on
 * PGlite, which is one connection, it runs through the Kysely driver's connection lock so its
 * statements never land inside another caller's open transaction.
 */
export async function createJobQueue(handle: DbHandle, opts: JobQueueOptions = {}): Promise<JobQueue> {
  const common = {
    schema: "pgboss",
    supervise: true,
    schedule: false,
    migrate: true,
    maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds ?? envSeconds("JOBS_MAINTENANCE_INTERVAL_SECONDS") ?? 30,
  } as const;
  let boss: PgBoss;
  if (handle.engine === "postgres" && handle.url) {
    // One more than before: a connection is held for LISTEN.
    boss = new PgBoss({ ...common, connectionString: handle.url, max: 5 });
  } else if (handle.pglite) {
    const pglite = handle.pglite;
    const db: SqlRunner = {
      executeSql: (text, values) =>
        handle.db.connection().execute(async () => {
          // Parameterless text may hold several statements (schema creation): exec runs them all.
          if (!values || values.length === 0) {
            const results = await pglite.exec(text);
            return { rows: results.at(-1)?.rows ?? [] };
          }
          const res = await pglite.query(text, values);
          return { rows: res.rows };
        }),
    };
    boss = new PgBoss({ ...common, db });
  } else {
    throw new Error("No database for the job queue.");
  }
  const expireInSeconds = opts.expireInSeconds ?? envSeconds("JOBS_EXPIRE_SECONDS") ?? 60;
  boss.on("error", () => {
    // Surfaced by the worker's own logging; an unhandled 'error' event would crash the process.
  });
  await boss.start();
  for (const name of Object.values(QUEUES)) {
    if (!(await boss.getQueue(name))) {
      try {
        // Crash safety: a job whose worker died is retried after it expires; HTTP failures are
        // rescheduled by the worker itself (the documented retry schedule).
        await boss.createQueue(name, { name, retryLimit: 5, retryDelay: 1, expireInSeconds });
      } catch (err) {
        if (!(await boss.getQueue(name))) throw err; // another process created it first
      }
    }
  }
  const wakers = new Map<string, Set<() => void>>();
  const wake = (queue: string) => {
    for (const w of wakers.get(queue) ?? []) w();
  };
  const unlisten = await listen(handle, boss, wake);
  // Jobs due and waiting per queue, and the oldest one's age (api_job_queue_depth / _oldest_age_seconds).
  registerJobQueueProbe(async () => {
    return jobQueueDepth(handle.db, Object.values(QUEUES));
  });
  // One NOTIFY per queue per transaction is enough (PostgreSQL would fold duplicates anyway).
  const notified = new WeakMap<object, Set<string>>();
  const notify = async (trx: Executor, queue: string) => {
    const seen = trx.isTransaction ? (notified.get(trx) ?? new Set<string>()) : undefined;
    if (seen?.has(queue)) return;
    await notifyChannel(trx, JOBS_CHANNEL, queue);
    if (seen) {
      seen.add(queue);
      notified.set(trx, seen);
    }
  };
  return {
    boss,
    async send(trx, queue, data, sendOpts = {}) {
      await boss.send(queue, data, {
        db: onTransaction(trx),
        ...(sendOpts.startAfter ? { startAfter: sendOpts.startAfter } : {}),
        ...(sendOpts.singletonKey ? { singletonKey: sendOpts.singletonKey } : {}),
        ...(sendOpts.priority ? { priority: sendOpts.priority } : {}),
      } as PgBoss.SendOptions);
      // A delayed job is found by polling when due; waking anyone now would find nothing.
      if (sendOpts.startAfter && sendOpts.startAfter.getTime() > Date.now()) return;
      await notify(trx, queue);
    },
    onCommitted(queue, w) {
      const set = wakers.get(queue) ?? new Set();
      set.add(w);
      wakers.set(queue, set);
      return () => set.delete(w);
    },
    async stop() {
      await unlisten();
      await boss.stop({ graceful: true, timeout: 5_000, wait: true, close: true });
    },
  };
}

/**
 * LISTENs on JOBS_CHANNEL: on PostgreSQL on a connection of pg-boss's own pool (held for the
 * process's life, re-opened if it drops; polling covers the gap), on PGlite through its listen API
 * under the driver's connection lock. Returns how to stop.
 */
async function listen(handle: DbHandle, boss: PgBoss, wake: (queue: string) => void): Promise<() => Promise<void>> {
  if (handle.pglite) {
    const pglite = handle.pglite;
    const off = await handle.db.connection().execute(() => pglite.listen(JOBS_CHANNEL, wake));
    // The database may be closed already (a failed start, a test that closed it): nothing to undo then.
    return () =>
      handle.db
        .connection()
        .execute(() => off())
        .catch(() => {});
  }
  const pool = (boss.getDb() as unknown as { pool?: PgPool }).pool;
  if (!pool) return async () => {};
  let client: PgClient | undefined;
  let stopped = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const connect = async () => {
    try {
      const c = await pool.connect();
      c.on("notification", (n) => {
        if (n.channel === JOBS_CHANNEL && n.payload) wake(n.payload);
      });
      c.on("error", () => {
        c.release(true);
        if (client === c) client = undefined;
        if (!stopped) retry = setTimeout(connect, 1_000);
      });
      await c.query(`LISTEN ${JOBS_CHANNEL}`);
      client = c;
    } catch {
      if (!stopped) retry = setTimeout(connect, 1_000);
    }
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    if (client) {
      await client.query(`UNLISTEN ${JOBS_CHANNEL}`).catch(() => {});
      client.release();
      client = undefined;
    }
  };
}

/** The few members of pg's pool and client (pg-boss's dependency) this module uses. */
type PgClient = {
  query(text: string): Promise<unknown>;
  on(event: "notification", cb: (n: { channel: string; payload?: string }) => void): void;
  on(event: "error", cb: (err: Error) => void): void;
  release(destroy?: boolean): void;
};
type PgPool = { connect(): Promise<PgClient> };
