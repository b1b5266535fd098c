import type { RouteHandler } from "@hono/zod-openapi";
import { publishInput } from "@shopreg/domain";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdempotencyHeader, IdParam, json, jsonBody } from "../../schemas/common.ts";
import { ServiceSchema } from "../../schemas/resources.ts";
import { toService } from "../../serializers.ts";
import { serviceActionsOf } from "../../usecases/permissions.ts";
import { publishService } from "../../usecases/services.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const route = partnerRoute("services:write", {
  operationId: "publishService",
  method: "post",
  path: "/services/{id}/publish",
  tags: ["Services"],
  summary: "Publish (Draft or Off -> On) after confirming the target market",
  description:
    "confirm_target_market must equal the service's market, as in the portal's confirmation dialog. The first publication mints the " +
    "two referral links; later ones reuse them.",
  request: { params: IdParam, headers: IdempotencyHeader, ...jsonBody(publishInput) },
  responses: { 200: json(ServiceSchema, "The service, On, with both links."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const ctx = useCase(c, partnerOf(c));
  const { service, links } = await publishService(ctx, c.req.valid("param").id, c.req.valid("json").confirm_target_market);
  return c.json(
    toService(service, links, ctx.config.gatewayPublicUrl, (await serviceActionsOf(ctx, ctx.principal.partnerId))(service)),
    200,
  );
};
