import type { DbHandle, Executor } from "@shopreg/db";
import { CompiledQuery } from "kysely";
import PgBoss from "pg-boss";

/** The queues of the API's worker: one job per webhook delivery attempt, one per mail. */
export const QUEUES = { webhook: "webhook-delivery", mail: "mail" } as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** What pg-boss calls to run SQL (its `db` option, globally or per call). */
type SqlRunner = { executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }> };

/** Runs pg-boss's statements on a Kysely transaction: a job lands or vanishes with the change that sent it. */
export const onTransaction = (trx: Executor): SqlRunner => ({
  executeSql: async (text, values = []) => {
    // pg-boss leaves unset options undefined; postgres.js refuses undefined parameters.
    const res = await trx.executeQuery(
      CompiledQuery.raw(
        text,
        values.map((v) => (v === undefined ? null : v)),
      ),
    );
    return { rows: res.rows as any[] };
  },
});

export type JobQueue = {
  boss: PgBoss;
  /** Enqueues in the caller's transaction. */
  send(trx: Executor, queue: QueueName, data: object, opts?: { startAfter?: Date; singletonKey?: string }): Promise<void>;
  stop(): Promise<void>;
};

export type JobQueueOptions = {
  /** How often an idle worker looks for jobs (pg-boss' floor is 0.5 s). */
  pollingIntervalSeconds?: number;
  /** How often pg-boss looks for jobs whose worker died (expired) and retries them. */
  maintenanceIntervalSeconds?: number;
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
    maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds ?? 30,
  } as const;
  let boss: PgBoss;
  if (handle.engine === "postgres" && handle.url) {
    boss = new PgBoss({ ...common, connectionString: handle.url, max: 4 });
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
  boss.on("error", () => {
    // Surfaced by the worker's own logging; an unhandled 'error' event would crash the process.
  });
  await boss.start();
  for (const name of Object.values(QUEUES)) {
    if (!(await boss.getQueue(name))) {
      try {
        // Crash safety: a job whose worker died is retried after it expires; HTTP failures are
        // rescheduled by the worker itself (the documented retry schedule).
        await boss.createQueue(name, { name, retryLimit: 5, retryDelay: 1, expireInSeconds: 60 });
      } catch (err) {
        if (!(await boss.getQueue(name))) throw err; // another process created it first
      }
    }
  }
  return {
    boss,
    async send(trx, queue, data, sendOpts = {}) {
      await boss.send(queue, data, {
        db: onTransaction(trx),
        ...(sendOpts.startAfter ? { startAfter: sendOpts.startAfter } : {}),
        ...(sendOpts.singletonKey ? { singletonKey: sendOpts.singletonKey } : {}),
      } as PgBoss.SendOptions);
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 5_000, wait: true, close: true });
    },
  };
}
