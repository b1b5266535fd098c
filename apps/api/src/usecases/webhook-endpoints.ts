import {
  countWebhookEndpoints,
  type Executor,
  findEvent,
  findWebhookDelivery,
  findWebhookEndpoint,
  insertWebhookEndpoint,
  listWebhookEndpoints as listEndpointRows,
  listWebhookDeliveries,
  newId,
  updateWebhookDelivery,
  updateWebhookEndpoint,
  type WebhookDelivery,
} from "@shopreg/db";
import { Conflict, type Cursor, DomainError, type EventType, NotFound, Validation } from "@shopreg/domain";
import { seal } from "../auth/sealer.ts";
import { newWebhookSecret } from "../auth/secrets.ts";
import type { PartnerPrincipal, UseCaseContext } from "../context.ts";
import { QUEUES } from "../jobs/queue.ts";
import { refuseWebhookUrl } from "../jobs/ssrf.ts";
import { toWebhookEndpoint } from "../serializers.ts";
import { audit } from "./audit.ts";
import { emit } from "./events.ts";
import { makerOf, requireVerifiedMaker } from "./users.ts";

/** The previous secret keeps signing this long after a rotation, so receivers can switch over. */
export const ROTATION_OVERLAP_MS = 24 * 3600_000;

const notFound = () => new NotFound("Webhook endpoint not found.");

/** 409 `limit_reached`: the partner has as many live endpoints as it may (WEBHOOK_ENDPOINTS_PER_PARTNER). */
export class LimitReached extends DomainError {
  readonly code = "limit_reached";
}

async function ownEndpoint(db: Executor, partnerId: string, id: string, lock = false) {
  const e = await findWebhookEndpoint(db, id, lock);
  if (!e || e.partner_id !== partnerId) throw notFound();
  return e;
}

async function checkUrl(ctx: UseCaseContext, url: string) {
  const why = await refuseWebhookUrl(url, ctx.config.webhookAllowPrivateUrls);
  if (why) throw new Validation(`This webhook URL cannot be used: ${why}`, [{ path: "url", message: why }]);
}

export async function createWebhookEndpoint(
  ctx: UseCaseContext<PartnerPrincipal>,
  input: { url: string; description?: string | undefined; event_types?: EventType[] | undefined },
) {
  await requireVerifiedMaker(ctx, "create webhook endpoints");
  await checkUrl(ctx, input.url);
  const secret = newWebhookSecret();
  const partnerId = ctx.principal.partnerId;
  return ctx.db.transaction().execute(async (trx) => {
    // Each endpoint multiplies every event's deliveries: a partner's share of the queue is bounded.
    const limit = ctx.config.webhookEndpointsPerPartner;
    if ((await countWebhookEndpoints(trx, partnerId, true)) >= limit) {
      throw new LimitReached(
        `A partner can have at most ${limit} webhook endpoints; delete one first (an endpoint can subscribe to several event types).`,
        { limit },
      );
    }
    const now = ctx.clock();
    const endpoint = await insertWebhookEndpoint(trx, {
      id: newId(),
      partner_id: partnerId,
      url: input.url,
      description: input.description ?? "",
      event_types: [...new Set(input.event_types ?? [])],
      secret_ciphertext: seal(ctx.config.webhookSecretKey, secret),
      created_at: now,
      updated_at: now,
      // The endpoint stops with its maker's access (users.ts endAccess).
      created_by: makerOf(ctx.principal),
    });
    await audit(trx, ctx, {
      partner_id: partnerId,
      entity_type: "webhook_endpoint",
      entity_id: endpoint.id,
      action: "create",
      to_status: "ENABLED",
      data: { url: endpoint.url, event_types: endpoint.event_types },
    });
    // The secret leaves the server once, here; only its ciphertext is stored.
    return { endpoint, secret };
  });
}

export const listWebhookEndpoints = (
  ctx: UseCaseContext<PartnerPrincipal>,
  params: { limit: number; cursor?: Cursor | undefined },
) => listEndpointRows(ctx.db, ctx.principal.partnerId, params);

export const getWebhookEndpoint = (ctx: UseCaseContext<PartnerPrincipal>, id: string) =>
  ownEndpoint(ctx.db, ctx.principal.partnerId, id);

export async function updateWebhookEndpointSettings(
  ctx: UseCaseContext<PartnerPrincipal>,
  id: string,
  patch: {
    url?: string | undefined;
    description?: string | undefined;
    event_types?: EventType[] | undefined;
    enabled?: boolean | undefined;
  },
) {
  if (patch.url !== undefined) await checkUrl(ctx, patch.url);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await ownEndpoint(trx, ctx.principal.partnerId, id, true);
    const now = ctx.clock();
    const endpoint = await updateWebhookEndpoint(trx, id, {
      ...(patch.url !== undefined ? { url: patch.url } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.event_types !== undefined ? { event_types: [...new Set(patch.event_types)] } : {}),
      // Re-enabling starts the failure clock afresh.
      ...(patch.enabled !== undefined
        ? {
            enabled: patch.enabled,
            // Whoever turns it on answers for it from now on (its maker may be the one who left).
            ...(patch.enabled
              ? { disabled_reason: null, failing_since: null, created_by: makerOf(ctx.principal) }
              : { disabled_reason: "Disabled by the partner." }),
          }
        : {}),
      updated_at: now,
    });
    const status = (e: { enabled: boolean }) => (e.enabled ? "ENABLED" : "DISABLED");
    await audit(trx, ctx, {
      partner_id: before.partner_id,
      entity_type: "webhook_endpoint",
      entity_id: id,
      action: "update",
      from_status: status(before),
      to_status: status(endpoint),
      data: { fields: Object.keys(patch).filter((k) => patch[k as keyof typeof patch] !== undefined) },
    });
    return endpoint;
  });
}

export async function deleteWebhookEndpoint(ctx: UseCaseContext<PartnerPrincipal>, id: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await ownEndpoint(trx, ctx.principal.partnerId, id, true);
    const now = ctx.clock();
    // Kept (soft-deleted) so its delivery log stays readable in the audit trail; pending deliveries stop.
    await updateWebhookEndpoint(trx, id, { deleted_at: now, enabled: false, updated_at: now });
    await audit(trx, ctx, {
      partner_id: before.partner_id,
      entity_type: "webhook_endpoint",
      entity_id: id,
      action: "delete",
      from_status: before.enabled ? "ENABLED" : "DISABLED",
      to_status: "DELETED",
    });
  });
}

/** A new secret; the old one keeps signing (a second signature) for ROTATION_OVERLAP_MS. */
export async function rotateWebhookSecret(ctx: UseCaseContext<PartnerPrincipal>, id: string) {
  const secret = newWebhookSecret();
  return ctx.db.transaction().execute(async (trx) => {
    const before = await ownEndpoint(trx, ctx.principal.partnerId, id, true);
    const now = ctx.clock();
    const endpoint = await updateWebhookEndpoint(trx, id, {
      secret_ciphertext: seal(ctx.config.webhookSecretKey, secret),
      previous_secret_ciphertext: before.secret_ciphertext,
      previous_secret_expires_at: new Date(now.getTime() + ROTATION_OVERLAP_MS),
      updated_at: now,
    });
    await audit(trx, ctx, {
      partner_id: before.partner_id,
      entity_type: "webhook_endpoint",
      entity_id: id,
      action: "rotate_secret",
    });
    return { endpoint, secret };
  });
}

/** Sends a webhook_endpoint.test event to this endpoint only (even when disabled: it is how one checks a fix). */
export async function testWebhookEndpoint(ctx: UseCaseContext<PartnerPrincipal>, id: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const endpoint = await ownEndpoint(trx, ctx.principal.partnerId, id);
    const event = await emit(trx, ctx, "webhook_endpoint.test", endpoint.partner_id, toWebhookEndpoint(endpoint), {
      onlyEndpoint: id,
    });
    await audit(trx, ctx, {
      partner_id: endpoint.partner_id,
      entity_type: "webhook_endpoint",
      entity_id: id,
      action: "send_test",
      data: { event_id: event.id },
    });
    const page = await listWebhookDeliveries(trx, id, { limit: 1 });
    return { event, delivery: page.data[0] as WebhookDelivery & { event_type: string } };
  });
}

export async function listEndpointDeliveries(
  ctx: UseCaseContext<PartnerPrincipal>,
  id: string,
  params: { limit: number; cursor?: Cursor | undefined; status?: WebhookDelivery["status"] | undefined },
) {
  await ownEndpoint(ctx.db, ctx.principal.partnerId, id);
  return listWebhookDeliveries(ctx.db, id, params);
}

/** Tries a delivery again now (a failed one, or a succeeded one the receiver lost). */
export async function redeliverWebhook(ctx: UseCaseContext<PartnerPrincipal>, deliveryId: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const d = await findWebhookDelivery(trx, deliveryId);
    if (!d || d.partner_id !== ctx.principal.partnerId) throw new NotFound("Webhook delivery not found.");
    const endpoint = await ownEndpoint(trx, ctx.principal.partnerId, d.endpoint_id);
    if (d.status === "pending") {
      throw new Conflict("This delivery is already scheduled; wait for its attempt.", {
        delivery_id: d.id,
        next_attempt_at: d.next_attempt_at?.toISOString() ?? null,
      }).because("delivery_already_scheduled");
    }
    if (!endpoint.enabled)
      throw new Conflict("Enable the endpoint before redelivering to it.", { endpoint_id: endpoint.id }).because(
        "endpoint_disabled",
      );
    const updated = await updateWebhookDelivery(trx, d.id, { status: "pending", next_attempt_at: ctx.clock(), error: null });
    await ctx.jobs.send(trx, QUEUES.webhook, { delivery_id: d.id, attempt: d.attempts + 1 });
    await audit(trx, ctx, {
      partner_id: d.partner_id,
      entity_type: "webhook_delivery",
      entity_id: d.id,
      action: "redeliver",
      from_status: d.status,
      to_status: "pending",
    });
    const event = await findEvent(trx, d.event_id);
    return { ...updated, event_type: event?.type ?? "" };
  });
}
