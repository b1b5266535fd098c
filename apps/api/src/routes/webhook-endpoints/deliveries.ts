import type { RouteHandler } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdParam, json, PageQuery } from "../../schemas/common.ts";
import { WebhookDeliveryPage } from "../../schemas/webhooks.ts";
import { toWebhookDelivery } from "../../serializers.ts";
import { listEndpointDeliveries } from "../../usecases/webhook-endpoints.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { pageParams, useCase } from "../helpers.ts";

export const route = partnerRoute("webhooks:read", {
  operationId: "listWebhookDeliveries",
  method: "get",
  path: "/webhook-endpoints/{id}/deliveries",
  tags: ["Webhooks"],
  summary: "The endpoint's delivery log (newest first)",
  request: {
    params: IdParam,
    query: PageQuery.extend({
      status: z
        .enum(["pending", "succeeded", "failed"])
        .optional()
        .openapi({ param: { name: "status", in: "query" } }),
    }),
  },
  responses: { 200: json(WebhookDeliveryPage, "A page of deliveries."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const q = c.req.valid("query");
  const page = await listEndpointDeliveries(useCase(c, partnerOf(c)), c.req.valid("param").id, {
    ...pageParams(q),
    status: q.status,
  });
  return c.json({ data: page.data.map(toWebhookDelivery), next_cursor: page.next_cursor }, 200);
};
