import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, json, PageQuery } from "../../schemas/common.ts";
import { WebhookEndpointPage } from "../../schemas/webhooks.ts";
import { toWebhookEndpoint } from "../../serializers.ts";
import { listWebhookEndpoints } from "../../usecases/webhook-endpoints.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { pageParams, useCase } from "../helpers.ts";

export const route = partnerRoute("webhooks:read", {
  operationId: "listWebhookEndpoints",
  method: "get",
  path: "/webhook-endpoints",
  tags: ["Webhooks"],
  summary: "List webhook endpoints (newest first)",
  request: { query: PageQuery },
  responses: { 200: json(WebhookEndpointPage, "A page of endpoints."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const page = await listWebhookEndpoints(useCase(c, partnerOf(c)), pageParams(c.req.valid("query")));
  return c.json({ data: page.data.map(toWebhookEndpoint), next_cursor: page.next_cursor }, 200);
};
