import type PgBoss from "pg-boss";
import type { AppServices } from "../context.ts";
import { type MailJob, type MailSource, renderSource, sendQueuedMail } from "../usecases/mail.ts";
import { type DeliveryJob, deliverWebhook } from "../usecases/webhook-delivery.ts";
import { createMailer, type Mailer } from "./mail.ts";
import { QUEUES, type QueueName } from "./queue.ts";

export type WorkerOptions = {
  /** Jobs a loop takes at once (delivered concurrently, each settled on its own). */
  batchSize?: number;
  /** Parallel loops per queue. */
  loops?: number;
  /** A backstop: committed jobs wake the worker at once (JobQueue.onCommitted). */
  pollingIntervalSeconds?: number;
  mailer?: Mailer;
  random?: () => number;
};

export type Worker = { mailer: Mailer; stop(): Promise<void> };

/**
 * The API process's worker: it takes webhook-delivery and mail jobs from the queue and hands each to
 * its use case (usecases/webhook-delivery.ts, usecases/mail.ts); this file only runs the loops. Several API
 * processes share the work (pg-boss hands a job to one of them: SKIP LOCKED); a job whose worker
 * died is retried when it expires, so delivery is at least once and receivers dedupe on webhook-id.
 * A commit that queues a job wakes the workers of its queue (NOTIFY), so a job waits for no poll.
 */
export async function startWorker(services: AppServices, opts: WorkerOptions = {}): Promise<Worker> {
  const { boss } = services.jobs;
  const mailer = opts.mailer ?? createMailer(services.config);
  const random = opts.random ?? Math.random;
  const batchSize = opts.batchSize ?? 20;
  const pollingIntervalSeconds = opts.pollingIntervalSeconds ?? 0.5;
  const ids: string[] = [];
  const unsubscribe: (() => void)[] = [];
  const loop = async <T extends object>(name: QueueName, handle: (data: T) => Promise<void>) => {
    const id: string = await boss.work<T>(name, { batchSize, pollingIntervalSeconds }, async (jobs: PgBoss.Job<T>[]) => {
      // A full batch means more are waiting: look again at once instead of after the interval.
      if (jobs.length === batchSize) boss.notifyWorker(id);
      const results = await Promise.allSettled(jobs.map((j) => handle(j.data)));
      // Each job is settled on its own: one failure must not send its batch-mates' work again.
      const failed = jobs.filter((_, i) => results[i]?.status === "rejected");
      if (failed.length > 0) {
        const reason = String((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason);
        services.logger.error("job failed", { queue: name, jobs: failed.length, error: reason });
        await Promise.all(failed.map((j) => boss.fail(name, j.id, { message: reason })));
      }
      // Returning completes the rest (pg-boss completes only jobs still active).
    });
    ids.push(id);
    unsubscribe.push(services.jobs.onCommitted(name, () => boss.notifyWorker(id)));
  };
  for (let i = 0; i < (opts.loops ?? 2); i++) {
    await loop<DeliveryJob>(QUEUES.webhook, (d) => deliverWebhook(services, d, random));
  }
  await loop<MailJob | LegacyMailJob>(QUEUES.mail, (d) => {
    if ("mail_id" in d) return sendQueuedMail(services, mailer, d, random);
    // A job queued before mail had its own rows (an upgrade): sent as it was then.
    return renderSource(services, d).then((m) => (m ? mailer.send(m) : undefined));
  });
  return {
    mailer,
    async stop() {
      for (const u of unsubscribe) u();
      await Promise.all(ids.map((id) => boss.offWork({ id })));
    },
  };
}

/** Jobs queued before mail had its own rows (an upgrade): an event's mail, or an account mail with its sealed token. */
type LegacyMailJob = MailSource;
