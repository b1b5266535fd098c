import type { RouteHandler } from "@hono/zod-openapi";
import { serviceUpdateInput } from "@shopreg/domain";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdParam, json, jsonBody } from "../../schemas/common.ts";
import { ServiceSchema } from "../../schemas/resources.ts";
import { toService } from "../../serializers.ts";
import { serviceActionsOf } from "../../usecases/permissions.ts";
import { updateServiceDetails } from "../../usecases/services.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const route = partnerRoute("services:write", {
  operationId: "updateService",
  method: "patch",
  path: "/services/{id}",
  tags: ["Services"],
  summary: "Update a service's name, description or contact email",
  description: "Type, category and market are fixed at creation. Links are unaffected.",
  request: { params: IdParam, ...jsonBody(serviceUpdateInput) },
  responses: { 200: json(ServiceSchema, "The updated service."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const ctx = useCase(c, partnerOf(c));
  const { service, links } = await updateServiceDetails(ctx, c.req.valid("param").id, c.req.valid("json"));
  return c.json(
    toService(service, links, ctx.config.gatewayPublicUrl, (await serviceActionsOf(ctx, ctx.principal.partnerId))(service)),
    200,
  );
};
