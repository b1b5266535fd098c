import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdempotencyHeader, IdParam, json } from "../../schemas/common.ts";
import { WebhookTestResultSchema } from "../../schemas/webhooks.ts";
import { toWebhookDelivery } from "../../serializers.ts";
import { testWebhookEndpoint } from "../../usecases/webhook-endpoints.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const route = partnerRoute("webhooks:write", {
  operationId: "testWebhookEndpoint",
  method: "post",
  path: "/webhook-endpoints/{id}/test",
  tags: ["Webhooks"],
  summary: "Send a test event (webhook_endpoint.test) to this endpoint",
  description: "Queued like any delivery; follow it in the endpoint's deliveries.",
  request: { headers: IdempotencyHeader, params: IdParam },
  responses: { 202: json(WebhookTestResultSchema, "The test event and its queued delivery."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const { event, delivery } = await testWebhookEndpoint(useCase(c, partnerOf(c)), c.req.valid("param").id);
  return c.json({ event_id: event.id, delivery: toWebhookDelivery(delivery) }, 202);
};
