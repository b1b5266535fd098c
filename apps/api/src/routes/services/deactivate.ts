import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdempotencyHeader, IdParam, json } from "../../schemas/common.ts";
import { ServiceSchema } from "../../schemas/resources.ts";
import { toService } from "../../serializers.ts";
import { serviceActionsOf } from "../../usecases/permissions.ts";
import { deactivateService } from "../../usecases/services.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const route = partnerRoute("services:write", {
  operationId: "deactivateService",
  method: "post",
  path: "/services/{id}/deactivate",
  tags: ["Services"],
  summary: "Deactivate (On -> Off): the links stop referring but keep their URLs",
  request: { params: IdParam, headers: IdempotencyHeader },
  responses: { 200: json(ServiceSchema, "The service, Off."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const ctx = useCase(c, partnerOf(c));
  const { service, links } = await deactivateService(ctx, c.req.valid("param").id);
  return c.json(
    toService(service, links, ctx.config.gatewayPublicUrl, (await serviceActionsOf(ctx, ctx.principal.partnerId))(service)),
    200,
  );
};
