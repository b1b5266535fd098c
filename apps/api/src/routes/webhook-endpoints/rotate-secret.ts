import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdempotencyHeader, IdParam, json } from "../../schemas/common.ts";
import { WebhookEndpointWithSecretSchema } from "../../schemas/webhooks.ts";
import { toWebhookEndpoint } from "../../serializers.ts";
import { rotateWebhookSecret } from "../../usecases/webhook-endpoints.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const route = partnerRoute("webhooks:write", {
  operationId: "rotateWebhookSecret",
  method: "post",
  path: "/webhook-endpoints/{id}/rotate-secret",
  tags: ["Webhooks"],
  summary: "Rotate an endpoint's signing secret",
  description:
    "Returns the new secret, shown once. For 24 hours each webhook carries two signatures (new and old secret) in " +
    "webhook-signature, so a receiver can switch secrets without missing an event.",
  request: { headers: IdempotencyHeader, params: IdParam },
  responses: { 200: json(WebhookEndpointWithSecretSchema, "The endpoint and its new secret."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const { endpoint, secret } = await rotateWebhookSecret(useCase(c, partnerOf(c)), c.req.valid("param").id);
  return c.json({ ...toWebhookEndpoint(endpoint), secret }, 200);
};
