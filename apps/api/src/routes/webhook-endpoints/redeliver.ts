import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdempotencyHeader, IdParam, json } from "../../schemas/common.ts";
import { WebhookDeliverySchema } from "../../schemas/webhooks.ts";
import { toWebhookDelivery } from "../../serializers.ts";
import { redeliverWebhook } from "../../usecases/webhook-endpoints.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const route = partnerRoute("webhooks:write", {
  operationId: "redeliverWebhook",
  method: "post",
  path: "/webhook-deliveries/{id}/redeliver",
  tags: ["Webhooks"],
  summary: "Send a delivery again now",
  description:
    "For a failed delivery, or a succeeded one the receiver lost. 409 while it is still pending or its endpoint is disabled.",
  request: { headers: IdempotencyHeader, params: IdParam },
  responses: { 202: json(WebhookDeliverySchema, "The delivery, pending again."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) =>
  c.json(toWebhookDelivery(await redeliverWebhook(useCase(c, partnerOf(c)), c.req.valid("param").id)), 202);
