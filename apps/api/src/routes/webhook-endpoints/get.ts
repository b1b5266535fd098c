import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdParam, json } from "../../schemas/common.ts";
import { WebhookEndpointSchema } from "../../schemas/webhooks.ts";
import { toWebhookEndpoint } from "../../serializers.ts";
import { getWebhookEndpoint } from "../../usecases/webhook-endpoints.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const route = partnerRoute("webhooks:read", {
  operationId: "getWebhookEndpoint",
  method: "get",
  path: "/webhook-endpoints/{id}",
  tags: ["Webhooks"],
  summary: "Get a webhook endpoint",
  request: { params: IdParam },
  responses: { 200: json(WebhookEndpointSchema, "The endpoint (never its secret)."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) =>
  c.json(toWebhookEndpoint(await getWebhookEndpoint(useCase(c, partnerOf(c)), c.req.valid("param").id)), 200);
