import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdParam } from "../../schemas/common.ts";
import { deleteWebhookEndpoint } from "../../usecases/webhook-endpoints.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const route = partnerRoute("webhooks:write", {
  operationId: "deleteWebhookEndpoint",
  method: "delete",
  path: "/webhook-endpoints/{id}",
  tags: ["Webhooks"],
  summary: "Delete a webhook endpoint",
  description: "Its pending deliveries stop.",
  request: { params: IdParam },
  responses: { 204: { description: "Deleted." }, ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  await deleteWebhookEndpoint(useCase(c, partnerOf(c)), c.req.valid("param").id);
  return c.body(null, 204);
};
