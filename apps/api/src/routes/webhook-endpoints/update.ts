import type { RouteHandler } from "@hono/zod-openapi";
import { webhookEndpointUpdateInput } from "@shopreg/domain";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdParam, json, jsonBody } from "../../schemas/common.ts";
import { WebhookEndpointSchema } from "../../schemas/webhooks.ts";
import { toWebhookEndpoint } from "../../serializers.ts";
import { updateWebhookEndpointSettings } from "../../usecases/webhook-endpoints.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const route = partnerRoute("webhooks:write", {
  operationId: "updateWebhookEndpoint",
  method: "patch",
  path: "/webhook-endpoints/{id}",
  tags: ["Webhooks"],
  summary: "Change a webhook endpoint (url, description, event_types, enabled)",
  description: "enabled: true re-enables an endpoint that was disabled after failing, and restarts its failure clock.",
  request: { params: IdParam, ...jsonBody(webhookEndpointUpdateInput) },
  responses: { 200: json(WebhookEndpointSchema, "The endpoint."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) =>
  c.json(
    toWebhookEndpoint(
      await updateWebhookEndpointSettings(useCase(c, partnerOf(c)), c.req.valid("param").id, c.req.valid("json")),
    ),
    200,
  );
