import { z } from "zod";

/**
 * The events shopreg tells its partners about, each with the resource it carries (as the API
 * returns it). A payload's shape may only grow within an api_version; a breaking change is a new
 * version, so receivers can rely on `api_version`.
 */
export const EVENT_API_VERSION = "2026-11-30";

export const EVENT_CATALOGUE = {
  "application.submitted": { resource: "application", summary: "An application was submitted (or resubmitted) for review." },
  "application.approved": { resource: "application", summary: "A reviewer approved an application: services can be created." },
  "application.needs_info": {
    resource: "application",
    summary: "A reviewer asked for more information (decision_reason says what).",
  },
  "application.rejected": { resource: "application", summary: "A reviewer rejected an application (decision_reason says why)." },
  "application.revoked": {
    resource: "application",
    summary: "An approval was revoked; the services of its category and market were turned Off.",
  },
  "service.published": { resource: "service", summary: "A service was published (turned On): its referral links work." },
  "service.deactivated": { resource: "service", summary: "A service was turned Off, by the partner or by a revocation." },
  "referral_link.created": {
    resource: "referral_link",
    summary: "A referral link was created (at a service's first publication).",
  },
  "seller.registered": { resource: "conversion", summary: "A seller registered through one of the partner's links." },
  "shop.approved": { resource: "conversion", summary: "A shop credited to the partner was approved." },
  "api_key.created": { resource: "api_key", summary: "An API key was created." },
  "api_key.revoked": { resource: "api_key", summary: "An API key was revoked." },
  "member.invited": {
    resource: "invitation",
    summary: "Someone was invited to join the account (or the invitation was resent).",
  },
  "member.joined": { resource: "member", summary: "An invitation was accepted: a member joined with its role." },
  "member.role_changed": { resource: "member", summary: "A member's role changed (the payload has the new role)." },
  "member.removed": { resource: "member", summary: "A member was removed or left (the payload has the role they had)." },
  "ownership.transferred": {
    resource: "member",
    summary: "The owner handed the account to another member (the payload is the new owner; the previous one is now admin).",
  },
  "incentive.statement_closed": {
    resource: "incentive_statement",
    summary: "An incentive statement closed: its totals are final, and its signed document can be downloaded and verified.",
  },
  "incentive.dispute_resolved": {
    resource: "incentive_dispute",
    summary: "A reviewer accepted (with an adjustment line) or rejected (with a reason) a dispute of a statement line.",
  },
  "webhook_endpoint.disabled": { resource: "webhook_endpoint", summary: "An endpoint failing for days was disabled." },
  "webhook_endpoint.test": {
    resource: "webhook_endpoint",
    summary: "Sent only by POST /v1/webhook-endpoints/{id}/test, to that endpoint.",
  },
} as const;

export type EventType = keyof typeof EVENT_CATALOGUE;
export const EVENT_TYPES = Object.keys(EVENT_CATALOGUE) as EventType[];
/** The types an endpoint may subscribe to (the test event goes to the endpoint that asks for it). */
export const SUBSCRIBABLE_EVENT_TYPES = EVENT_TYPES.filter((t) => t !== "webhook_endpoint.test");

/** The envelope every webhook body carries. */
export type EventEnvelope<T extends string = EventType, P = Record<string, unknown>> = {
  id: string;
  type: T;
  api_version: string;
  created_at: string;
  partner_id: string | null;
  data: P;
};

const MAX_URL = 2048;

export const webhookEndpointCreateInput = z
  .object({
    url: z.string().max(MAX_URL).url(),
    description: z.string().max(500).optional(),
    /** Empty or absent: every event type. */
    event_types: z
      .array(z.enum(SUBSCRIBABLE_EVENT_TYPES as [EventType, ...EventType[]]))
      .max(SUBSCRIBABLE_EVENT_TYPES.length)
      .optional(),
  })
  .strict();

export const webhookEndpointUpdateInput = z
  .object({
    url: z.string().max(MAX_URL).url().optional(),
    description: z.string().max(500).optional(),
    event_types: z
      .array(z.enum(SUBSCRIBABLE_EVENT_TYPES as [EventType, ...EventType[]]))
      .max(SUBSCRIBABLE_EVENT_TYPES.length)
      .optional(),
    enabled: z.boolean().optional(),
  })
  .strict();

/**
 * When a failed delivery is tried again, after the first attempt (Standard Webhooks' suggested
 * shape, one more 10 h so that even the shortest jitter spans a day): 5 s, 5 min, 30 min, 2 h,
 * 5 h, 10 h, 10 h, 10 h, about 37.6 h in all (at least 30 h), each +-20% jitter.
 * A delivery that still fails after the last is marked failed.
 */
export const RETRY_SCHEDULE_SECONDS = [5, 300, 1800, 7200, 18000, 36000, 36000, 36000] as const;

/** The delay before attempt `attempt + 1` (attempt counts from 1), or null when the schedule is over. */
export function nextRetryDelayMs(
  attempt: number,
  random: () => number = Math.random,
  schedule: readonly number[] = RETRY_SCHEDULE_SECONDS,
): number | null {
  const base = schedule[attempt - 1];
  if (base === undefined) return null;
  return Math.round(base * 1000 * (0.8 + 0.4 * random()));
}
