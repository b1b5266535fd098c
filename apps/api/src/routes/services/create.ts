import type { RouteHandler } from "@hono/zod-openapi";
import { serviceCreateInput } from "@shopreg/domain";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdempotencyHeader, json, jsonBody } from "../../schemas/common.ts";
import { ServiceSchema } from "../../schemas/resources.ts";
import { toService } from "../../serializers.ts";
import { serviceActionsOf } from "../../usecases/permissions.ts";
import { createService } from "../../usecases/services.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const route = partnerRoute("services:write", {
  operationId: "createService",
  method: "post",
  path: "/services",
  tags: ["Services"],
  summary: "Create a custom service (App & Service > + Category & market)",
  description:
    "type must be CUSTOM (PUBLIC is not available yet). Needs an Approved application for the category and market; " +
    "otherwise 403 with details.reason = application_not_approved.",
  request: { headers: IdempotencyHeader, ...jsonBody(serviceCreateInput) },
  responses: { 201: json(ServiceSchema, "The service, in Draft."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const ctx = useCase(c, partnerOf(c));
  const { service, links } = await createService(ctx, c.req.valid("json"));
  return c.json(
    toService(service, links, ctx.config.gatewayPublicUrl, (await serviceActionsOf(ctx, ctx.principal.partnerId))(service)),
    201,
  );
};
