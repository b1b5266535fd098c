import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { requirePartner } from "../../middleware/authenticate.ts";
import { commonErrors, IdempotencyHeader, IdParam, json, partnerSecurity } from "../../schemas/common.ts";
import { ServiceSchema } from "../../schemas/resources.ts";
import { toService } from "../../serializers.ts";
import { deactivateService } from "../../usecases/services.ts";
import { useCase } from "../helpers.ts";

export const route = createRoute({
  method: "post",
  path: "/services/{id}/deactivate",
  tags: ["Services"],
  summary: "Deactivate (On -> Off): the links stop referring but keep their URLs",
  security: partnerSecurity,
  request: { params: IdParam, headers: IdempotencyHeader },
  responses: { 200: json(ServiceSchema, "The service, Off."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const { service, links } = await deactivateService(useCase(c, requirePartner(c, "services:write")), c.req.valid("param").id);
  return c.json(toService(service, links, c.get("services").config.gatewayPublicUrl), 200);
};
