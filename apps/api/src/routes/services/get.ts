import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdParam, json } from "../../schemas/common.ts";
import { ServiceSchema } from "../../schemas/resources.ts";
import { toService } from "../../serializers.ts";
import { serviceActionsOf } from "../../usecases/permissions.ts";
import { getService } from "../../usecases/services.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const route = partnerRoute("services:read", {
  operationId: "getService",
  method: "get",
  path: "/services/{id}",
  tags: ["Services"],
  summary: "Read a service with its two referral links",
  request: { params: IdParam },
  responses: { 200: json(ServiceSchema, "The service."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const ctx = useCase(c, partnerOf(c));
  const { service, links } = await getService(ctx, c.req.valid("param").id);
  return c.json(
    toService(service, links, ctx.config.gatewayPublicUrl, (await serviceActionsOf(ctx, ctx.principal.partnerId))(service)),
    200,
  );
};
