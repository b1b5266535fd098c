import {
  type EventRow,
  type Executor,
  insertEvent,
  insertWebhookDeliveries,
  newId,
  pendingDeliveries,
  subscribedEndpoints,
} from "@shopreg/db";
import { EVENT_API_VERSION, type EventEnvelope, type EventType, MAILED_APPLICATION_EVENTS } from "@shopreg/domain";
import type { AppServices } from "../context.ts";
import { queueMail } from "../jobs/mail-queue.ts";
import { QUEUES } from "../jobs/queue.ts";

/** Events whose partner also gets an email (decisions, revocations, a disabled endpoint). */
const MAILED: ReadonlySet<EventType> = new Set([
  // the application machine's rows say which of their events mail
  ...MAILED_APPLICATION_EVENTS,
  "webhook_endpoint.disabled",
  "incentive.statement_closed",
  "incentive.dispute_resolved",
]);

/**
 * Records an event in the caller's transaction (beside the audit row) and, in that same
 * transaction, one delivery row and one queued job per subscribed endpoint, and the mail job: the
 * change, its event and their deliveries commit or roll back together.
 */
export async function emit(
  trx: Executor,
  ctx: Pick<AppServices, "clock" | "jobs">,
  type: EventType,
  partnerId: string,
  data: object,
  opts: { onlyEndpoint?: string } = {},
): Promise<EventRow> {
  const event = await insertEvent(trx, {
    id: newId(),
    type,
    partner_id: partnerId,
    occurred_at: ctx.clock(),
    api_version: EVENT_API_VERSION,
    payload: data as Record<string, unknown>,
  });
  const endpoints = opts.onlyEndpoint ? [opts.onlyEndpoint] : (await subscribedEndpoints(trx, partnerId, type)).map((e) => e.id);
  await enqueueDeliveries(trx, ctx, event, endpoints);
  if (MAILED.has(type)) await queueMail(trx, ctx, type, null, { event_id: event.id });
  return event;
}

export async function enqueueDeliveries(
  trx: Executor,
  ctx: Pick<AppServices, "clock" | "jobs">,
  event: EventRow,
  endpointIds: string[],
) {
  if (!event.partner_id || endpointIds.length === 0) return;
  // Fair share: a partner's k-th outstanding delivery waits behind every partner's earlier ones, so
  // one partner's backlog (many endpoints, a burst of events) cannot hold up everyone else's.
  const backlog = await pendingDeliveries(trx, event.partner_id);
  const rows = await insertWebhookDeliveries(
    trx,
    endpointIds.map((endpoint_id) => ({
      id: newId(),
      event_id: event.id,
      endpoint_id,
      partner_id: event.partner_id as string,
      status: "pending" as const,
      created_at: ctx.clock(),
    })),
  );
  for (const [i, d] of rows.entries()) {
    await ctx.jobs.send(trx, QUEUES.webhook, { delivery_id: d.id, attempt: 1 }, { priority: -(backlog + i) });
  }
}

/** The body a receiver gets (and the SDK's verifyWebhook returns). */
export const envelopeOf = (e: EventRow): EventEnvelope<string> => ({
  id: e.id,
  type: e.type,
  api_version: e.api_version,
  created_at: e.occurred_at.toISOString(),
  partner_id: e.partner_id,
  data: e.payload,
});
