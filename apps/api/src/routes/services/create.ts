import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { serviceCreateInput } from "@shopreg/domain";
import type { AppEnv } from "../../context.ts";
import { requirePartner } from "../../middleware/authenticate.ts";
import { commonErrors, IdempotencyHeader, json, jsonBody, partnerSecurity } from "../../schemas/common.ts";
import { ServiceSchema } from "../../schemas/resources.ts";
import { toService } from "../../serializers.ts";
import { createService } from "../../usecases/services.ts";
import { useCase } from "../helpers.ts";

export const route = createRoute({
  method: "post",
  path: "/services",
  tags: ["Services"],
  summary: "Create a custom service (App & Service > + Category & market)",
  description:
    "type must be CUSTOM (PUBLIC is not available yet). Needs an Approved application for the category and market; " +
    "otherwise 403 with details.reason = application_not_approved.",
  security: partnerSecurity,
  request: { headers: IdempotencyHeader, ...jsonBody(serviceCreateInput) },
  responses: { 201: json(ServiceSchema, "The service, in Draft."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const { service, links } = await createService(useCase(c, requirePartner(c, "services:write")), c.req.valid("json"));
  return c.json(toService(service, links, c.get("services").config.gatewayPublicUrl), 201);
};
