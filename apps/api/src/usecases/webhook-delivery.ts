import {
  clearEndpointFailing,
  disableEndpointFailingSince,
  type Executor,
  findDeliveryForAttempt,
  markEndpointFailing,
  newId,
  recordDeliveryAttempt,
  trackEndpointSpeed,
  updateWebhookDelivery,
  type WebhookEndpoint,
} from "@shopreg/db";
import { nextRetryDelayMs } from "@shopreg/domain";
import { Webhook } from "standardwebhooks";
import { open } from "../auth/sealer.ts";
import type { AppServices } from "../context.ts";
import { postWebhook } from "../jobs/http.ts";
import { QUEUES } from "../jobs/queue.ts";
import { recordWebhookDelivery } from "../metrics.ts";
import { toWebhookEndpoint } from "../serializers.ts";
import { audit } from "./audit.ts";
import { emit, envelopeOf } from "./events.ts";

/** Consecutive slow attempts after which an endpoint gets config.webhookSlowTimeoutMs. */
export const SLOW_STREAK = 3;

/** A job names the attempt it is for, so a stale job (its attempt already recorded) does nothing. */
export type DeliveryJob = { delivery_id: string; attempt: number };

type Ctx = Pick<AppServices, "db" | "config" | "clock" | "jobs">;

/** The signature header: one `v1,<sig>` per live secret (the previous one too, during a rotation). */
function signatures(
  ctx: Ctx,
  endpoint: { secret_ciphertext: string; previous_secret_ciphertext: string | null; previous_secret_expires_at: Date | null },
  msgId: string,
  at: Date,
  body: string,
) {
  const key = ctx.config.webhookSecretKey;
  const secrets = [open(key, endpoint.secret_ciphertext)];
  if (endpoint.previous_secret_ciphertext && endpoint.previous_secret_expires_at && endpoint.previous_secret_expires_at > at) {
    secrets.push(open(key, endpoint.previous_secret_ciphertext));
  }
  return secrets.map((s) => new Webhook(s).sign(msgId, at, body)).join(" ");
}

/**
 * One attempt of one delivery, then its outcome (and the next attempt, if any). The hot path is two
 * statements: one read of the delivery with its endpoint and event, and one compare-and-set update
 * recording a success; a failure is recorded with its next attempt in one transaction.
 */
export async function deliverWebhook(ctx: Ctx, job: DeliveryJob, random: () => number = Math.random) {
  const { db, config } = ctx;
  const row = await findDeliveryForAttempt(db, job.delivery_id);
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
      "webhook-signature": signatures(ctx, endpoint, event.id, at, body),
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
  const attempt = job.attempt;
  const now = ctx.clock();
  const common = {
    response_status: result.status,
    latency_ms: result.latencyMs,
    response_excerpt: result.excerpt,
    error: result.error ?? (ok ? null : `HTTP ${result.status}`),
    last_attempt_at: now,
  };
  recordWebhookDelivery(ok ? "delivered" : "failed", result.latencyMs / 1000);
  if (ok) {
    const done = await recordDeliveryAttempt(db, d.id, attempt, {
      ...common,
      status: "succeeded",
      delivered_at: now,
      next_attempt_at: null,
    });
    if (!done) return;
    await trackEndpointSpeed(db, endpoint.id, slow, endpoint.slow_streak);
    if (endpoint.failing_since) await clearEndpointFailing(db, endpoint.id);
    return;
  }
  await db.transaction().execute(async (trx) => {
    const delay = nextRetryDelayMs(attempt, random, config.webhookRetrySchedule);
    const next = delay === null ? null : new Date(now.getTime() + delay);
    const done = await recordDeliveryAttempt(trx, d.id, attempt, {
      ...common,
      status: next ? "pending" : "failed",
      next_attempt_at: next,
    });
    if (!done) return;
    await trackEndpointSpeed(trx, endpoint.id, slow, endpoint.slow_streak);
    recordWebhookDelivery(next ? "retrying" : "dead");
    if (next) await ctx.jobs.send(trx, QUEUES.webhook, { delivery_id: d.id, attempt: attempt + 1 }, { startAfter: next });
    if (event.type === "webhook_endpoint.test") return; // a test says nothing about the endpoint's health
    if (!endpoint.failing_since) await markEndpointFailing(trx, endpoint.id, now);
    await disableFailingEndpoint(trx, ctx, endpoint, now, common.error);
  });
}

/**
 * An endpoint failing for config.webhookDisableAfterMs or longer is disabled: audited, its
 * `webhook_endpoint.disabled` event recorded (and mailed to the partner), in the caller's transaction.
 */
export async function disableFailingEndpoint(
  trx: Executor,
  ctx: Pick<AppServices, "config" | "clock" | "jobs">,
  endpoint: Pick<WebhookEndpoint, "id" | "partner_id">,
  now: Date,
  lastError: string | null,
) {
  const hours = Math.round(ctx.config.webhookDisableAfterMs / 3600_000);
  const disabled = await disableEndpointFailingSince(
    trx,
    endpoint.id,
    new Date(now.getTime() - ctx.config.webhookDisableAfterMs),
    `Every delivery failed for ${hours} hours or more (last: ${lastError}).`,
    now,
  );
  if (!disabled) return;
  await audit(
    trx,
    { clock: ctx.clock, requestId: `job_${newId()}` },
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
  await emit(trx, ctx, "webhook_endpoint.disabled", endpoint.partner_id, toWebhookEndpoint(disabled));
}
