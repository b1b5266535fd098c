import { type Executor, newId, updateWebhookDelivery } from "@shopreg/db";
import { nextRetryDelayMs } from "@shopreg/domain";
import { sql } from "kysely";
import type PgBoss from "pg-boss";
import { Webhook } from "standardwebhooks";
import type { AppServices } from "../context.ts";
import { recordWebhookDelivery } from "../metrics.ts";
import { toWebhookEndpoint } from "../serializers.ts";
import { audit } from "../usecases/audit.ts";
import { emit, envelopeOf } from "../usecases/events.ts";
import type { AccountMailJob } from "./account-mail.ts";
import { postWebhook } from "./http.ts";
import { createMailer, type Mailer } from "./mail.ts";
import { type MailJob, renderSource, sendQueuedMail } from "./mail-queue.ts";
import { QUEUES, type QueueName } from "./queue.ts";
import { decryptSecret } from "./secrets.ts";

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
 * The API process's worker: it takes webhook-delivery and mail jobs from the queue. Several API
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
    await loop<DeliveryJob>(QUEUES.webhook, (d) => deliver(services, d, random));
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

type LegacyMailJob = { event_id: string } | AccountMailJob;

/** The signature header: one `v1,<sig>` per live secret (the previous one too, during a rotation). */
function signatures(
  services: AppServices,
  endpoint: { secret_ciphertext: string; previous_secret_ciphertext: string | null; previous_secret_expires_at: Date | null },
  msgId: string,
  at: Date,
  body: string,
) {
  const key = services.config.webhookSecretKey;
  const secrets = [decryptSecret(key, endpoint.secret_ciphertext)];
  if (endpoint.previous_secret_ciphertext && endpoint.previous_secret_expires_at && endpoint.previous_secret_expires_at > at) {
    secrets.push(decryptSecret(key, endpoint.previous_secret_ciphertext));
  }
  return secrets.map((s) => new Webhook(s).sign(msgId, at, body)).join(" ");
}

/** Consecutive slow attempts after which an endpoint gets config.webhookSlowTimeoutMs. */
export const SLOW_STREAK = 3;

/** A job names the attempt it is for, so a stale job (its attempt already recorded) does nothing. */
export type DeliveryJob = { delivery_id: string; attempt: number };

/**
 * One attempt of one delivery, then its outcome (and the next attempt, if any). The hot path is two
 * statements: one read of the delivery with its endpoint and event, and one compare-and-set update
 * recording a success; a failure is recorded with its next attempt in one transaction.
 */
export async function deliver(services: AppServices, job: DeliveryJob, random: () => number = Math.random) {
  const { db, config } = services;
  const row = await db
    .selectFrom("webhook_deliveries as d")
    .innerJoin("webhook_endpoints as w", "w.id", "d.endpoint_id")
    // On partner_id too: on Citus both tables are distributed by it, and only a join on it is colocated.
    .innerJoin("events as e", (j) => j.onRef("e.id", "=", "d.event_id").onRef("e.partner_id", "=", "d.partner_id"))
    .select([
      "d.id",
      "d.status",
      "d.attempts",
      "d.event_id",
      "w.id as endpoint_id",
      "w.partner_id",
      "w.url",
      "w.enabled",
      "w.deleted_at",
      "w.secret_ciphertext",
      "w.previous_secret_ciphertext",
      "w.previous_secret_expires_at",
      "w.failing_since",
      "w.slow_streak",
      "e.type",
      "e.api_version",
      "e.occurred_at",
      "e.partner_id as event_partner_id",
      "e.payload",
    ])
    .where("d.id", "=", job.delivery_id)
    .executeTakeFirst();
  // Already delivered, or this attempt was recorded by another run of the job (a retry after a crash).
  if (row?.status !== "pending" || row.attempts !== job.attempt - 1) return;
  const d = row;
  const endpoint = { ...row, id: row.endpoint_id };
  const event = {
    id: row.event_id,
    type: row.type,
    api_version: row.api_version,
    occurred_at: row.occurred_at,
    partner_id: row.event_partner_id,
    payload: row.payload,
  };
  if (endpoint.deleted_at || (!endpoint.enabled && event.type !== "webhook_endpoint.test")) {
    await updateWebhookDelivery(db, d.id, {
      status: "failed",
      error: endpoint.deleted_at ? "endpoint deleted" : "endpoint disabled",
      next_attempt_at: null,
    });
    return;
  }
  const body = JSON.stringify(envelopeOf(event));
  const at = new Date();
  const result = await postWebhook(
    endpoint.url,
    body,
    {
      "webhook-id": event.id,
      "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
      "webhook-signature": signatures(services, endpoint, event.id, at, body),
    },
    {
      // An endpoint that stays slow gets the shorter timeout: it cannot hold the workers' slots for long.
      timeoutMs:
        endpoint.slow_streak >= SLOW_STREAK
          ? Math.min(config.webhookSlowTimeoutMs, config.webhookTimeoutMs)
          : config.webhookTimeoutMs,
      allowPrivate: config.webhookAllowPrivateUrls,
    },
  );
  const ok = result.status !== null && result.status >= 200 && result.status < 300;
  const slow = result.latencyMs >= config.webhookSlowMs || /timed out/.test(result.error ?? "");
  const attempts = job.attempt;
  const now = services.clock();
  const common = {
    attempts,
    response_status: result.status,
    latency_ms: result.latencyMs,
    response_excerpt: result.excerpt,
    error: result.error ?? (ok ? null : `HTTP ${result.status}`),
    last_attempt_at: now,
  };
  // Compare-and-set on the attempt number: two runs of one job record (and reschedule) once.
  const record = (trx: Executor, patch: Parameters<typeof updateWebhookDelivery>[2]) =>
    trx
      .updateTable("webhook_deliveries")
      .set({ ...common, ...patch })
      .where("id", "=", d.id)
      .where("attempts", "=", attempts - 1)
      .returning("id")
      .executeTakeFirst();
  // Single conditional updates (no lock held across statements): busy endpoints do not queue on their row.
  const trackSpeed = async (trx: Executor) => {
    if (slow) {
      await trx
        .updateTable("webhook_endpoints")
        .set({ slow_streak: sql<number>`slow_streak + 1` })
        .where("id", "=", endpoint.id)
        .execute();
    } else if (endpoint.slow_streak > 0) {
      await trx.updateTable("webhook_endpoints").set({ slow_streak: 0 }).where("id", "=", endpoint.id).execute();
    }
  };
  recordWebhookDelivery(ok ? "delivered" : "failed", result.latencyMs / 1000);
  if (ok) {
    if (!(await record(db, { status: "succeeded", delivered_at: now, next_attempt_at: null }))) return;
    await trackSpeed(db);
    if (endpoint.failing_since) {
      await db
        .updateTable("webhook_endpoints")
        .set({ failing_since: null })
        .where("id", "=", endpoint.id)
        .where("failing_since", "is not", null)
        .execute();
    }
    return;
  }
  await db.transaction().execute(async (trx) => {
    const delay = nextRetryDelayMs(attempts, random, config.webhookRetrySchedule);
    const next = delay === null ? null : new Date(now.getTime() + delay);
    if (!(await record(trx, { status: next ? "pending" : "failed", next_attempt_at: next }))) return;
    await trackSpeed(trx);
    recordWebhookDelivery(next ? "retrying" : "dead");
    if (next) await services.jobs.send(trx, QUEUES.webhook, { delivery_id: d.id, attempt: attempts + 1 }, { startAfter: next });
    if (event.type === "webhook_endpoint.test") return; // a test says nothing about the endpoint's health
    // Single conditional updates (no lock held across statements): busy endpoints do not queue on their row.
    if (!endpoint.failing_since) {
      await trx
        .updateTable("webhook_endpoints")
        .set({ failing_since: now })
        .where("id", "=", endpoint.id)
        .where("failing_since", "is", null)
        .execute();
    }
    const hours = Math.round(config.webhookDisableAfterMs / 3600_000);
    const disabled = await trx
      .updateTable("webhook_endpoints")
      .set({
        enabled: false,
        disabled_reason: `Every delivery failed for ${hours} hours or more (last: ${common.error}).`,
        updated_at: now,
      })
      .where("id", "=", endpoint.id)
      .where("enabled", "=", true)
      .where("failing_since", "<=", new Date(now.getTime() - config.webhookDisableAfterMs))
      .returningAll()
      .executeTakeFirst();
    if (disabled) {
      await audit(
        trx,
        { clock: services.clock, requestId: `job_${newId()}` },
        {
          partner_id: endpoint.partner_id,
          entity_type: "webhook_endpoint",
          entity_id: endpoint.id,
          action: "disable",
          from_status: "ENABLED",
          to_status: "DISABLED",
          reason: disabled.disabled_reason,
        },
      );
      await emit(trx, services, "webhook_endpoint.disabled", endpoint.partner_id, toWebhookEndpoint(disabled));
    }
  });
}
