import type { RouteHandler } from "@hono/zod-openapi";
import { webhookEndpointCreateInput } from "@shopreg/domain";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdempotencyHeader, json, jsonBody } from "../../schemas/common.ts";
import { WebhookEndpointWithSecretSchema } from "../../schemas/webhooks.ts";
import { toWebhookEndpoint } from "../../serializers.ts";
import { createWebhookEndpoint } from "../../usecases/webhook-endpoints.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const route = partnerRoute("webhooks:write", {
  operationId: "createWebhookEndpoint",
  method: "post",
  path: "/webhook-endpoints",
  tags: ["Webhooks"],
  summary: "Add a webhook endpoint",
  description:
    "event_types empty or absent: every type. In production the URL must be https and resolve to a public address " +
    "(422 otherwise). The signing secret is in this response only. A partner has at most WEBHOOK_ENDPOINTS_PER_PARTNER " +
    "(default 10) live endpoints: one more is a 409 with the code `limit_reached`.",
  request: { headers: IdempotencyHeader, ...jsonBody(webhookEndpointCreateInput) },
  responses: { 201: json(WebhookEndpointWithSecretSchema, "Created; the secret is shown once."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const { endpoint, secret } = await createWebhookEndpoint(useCase(c, partnerOf(c)), c.req.valid("json"));
  return c.json({ ...toWebhookEndpoint(endpoint), secret }, 201);
};
