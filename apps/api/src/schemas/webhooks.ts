import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import { EVENT_CATALOGUE, EVENT_TYPES, type EventType, SUBSCRIBABLE_EVENT_TYPES } from "@shopreg/domain";
import type { AppEnv } from "../context.ts";
import { page } from "./common.ts";
import { DisputeSchema, StatementSchema } from "./incentives.ts";
import {
  ApiKeySchema,
  ApplicationSchema,
  ConversionSchema,
  InvitationSchema,
  MemberSchema,
  ReferralLinkSchema,
  ServiceSchema,
} from "./resources.ts";

const ts = z.string().openapi({ format: "date-time" });

export const WebhookEndpointSchema = z
  .object({
    id: z.string(),
    url: z.string().openapi({ example: "https://tool.example.com/shopreg/webhooks" }),
    description: z.string(),
    event_types: z
      .array(z.enum(SUBSCRIBABLE_EVENT_TYPES as [EventType, ...EventType[]]))
      .openapi({ description: "Empty: every event type." }),
    enabled: z.boolean(),
    disabled_reason: z.string().nullable(),
    previous_secret_expires_at: ts.nullable().openapi({ description: "After a rotation, the old secret also signs until then." }),
    created_at: ts,
    updated_at: ts,
  })
  .openapi("WebhookEndpoint");
export const WebhookEndpointPage = page(WebhookEndpointSchema, "WebhookEndpointPage");
export const WebhookEndpointWithSecretSchema = WebhookEndpointSchema.extend({
  secret: z.string().openapi({
    description: "The signing secret (whsec_...), shown once. Store it now; it cannot be read again.",
    example: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  }),
}).openapi("WebhookEndpointWithSecret");

export const WebhookDeliverySchema = z
  .object({
    id: z.string(),
    event_id: z.string().openapi({ description: "Also the webhook-id header: receivers dedupe on it." }),
    event_type: z.string(),
    endpoint_id: z.string(),
    status: z.enum(["pending", "succeeded", "failed"]),
    attempts: z.number().int(),
    response_status: z.number().int().nullable(),
    latency_ms: z.number().int().nullable(),
    response_excerpt: z.string().nullable().openapi({ description: "The first 1024 bytes of the last response body." }),
    error: z.string().nullable(),
    next_attempt_at: ts.nullable(),
    last_attempt_at: ts.nullable(),
    delivered_at: ts.nullable(),
    created_at: ts,
  })
  .openapi("WebhookDelivery");
export const WebhookDeliveryPage = page(WebhookDeliverySchema, "WebhookDeliveryPage");
export const WebhookTestResultSchema = z
  .object({ event_id: z.string(), delivery: WebhookDeliverySchema })
  .openapi("WebhookTestResult");

/** The resource each event carries, by its catalogue name (EVENT_CATALOGUE[type].resource). */
export const RESOURCE_SCHEMAS = {
  application: ApplicationSchema,
  service: ServiceSchema,
  referral_link: ReferralLinkSchema,
  conversion: ConversionSchema,
  api_key: ApiKeySchema,
  invitation: InvitationSchema,
  member: MemberSchema,
  webhook_endpoint: WebhookEndpointSchema,
  // The closed statement, named so that its mail can say which program in both languages.
  incentive_statement: StatementSchema.extend({
    program_name: z.string(),
    program_name_zh: z.string(),
  }).openapi("IncentiveStatementClosed"),
  incentive_dispute: DisputeSchema,
} as const;

/** The payload of an event of type T, as its webhook schema documents it: `emit` is typed by it. */
export type EventPayload<T extends EventType> = z.input<(typeof RESOURCE_SCHEMAS)[(typeof EVENT_CATALOGUE)[T]["resource"]]>;

const pascal = (t: string) =>
  t
    .split(/[._]/)
    .map((p) => p[0]?.toUpperCase() + p.slice(1))
    .join("");

/** The body of a webhook of one type: the envelope around the resource. */
export const eventSchema = (type: EventType) =>
  z
    .object({
      id: z.string().openapi({ description: "The event id (UUIDv7), also sent as webhook-id." }),
      type: z.literal(type),
      api_version: z.string().openapi({ example: "2026-11-30" }),
      created_at: ts,
      partner_id: z.string().nullable(),
      data: RESOURCE_SCHEMAS[EVENT_CATALOGUE[type].resource],
    })
    .openapi(`${pascal(type)}Event`);

/** One entry per event type in the document's `webhooks` section (OpenAPI 3.1), so the SDK's types include them. */
export function registerWebhooks(app: OpenAPIHono<AppEnv>) {
  // shopreg signs what it sends; the receiver checks it (the SDK's verifyWebhook).
  app.openAPIRegistry.registerComponent("securitySchemes", "webhookSignature", {
    type: "apiKey",
    in: "header",
    name: "webhook-signature",
    description: "Standard Webhooks signature over webhook-id, webhook-timestamp and the raw body, with the endpoint's secret.",
  });
  for (const type of EVENT_TYPES) {
    app.openAPIRegistry.registerWebhook({
      method: "post",
      path: type,
      operationId: `webhook_${type.replace(".", "_")}`,
      summary: EVENT_CATALOGUE[type].summary,
      description:
        "POSTed to each enabled endpoint subscribed to this type, signed as Standard Webhooks (webhook-id, webhook-timestamp, " +
        "webhook-signature). Answer 2xx within 10 s; otherwise it is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h and 10 h (+-20%).",
      tags: ["Webhooks"],
      security: [{ webhookSignature: [] }],
      request: { body: { content: { "application/json": { schema: eventSchema(type) } } } },
      responses: { 200: { description: "Any 2xx acknowledges the event." } },
    });
  }
}
