import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdParam, json } from "../../schemas/common.ts";
import { ServiceSchema } from "../../schemas/resources.ts";
import { toService } from "../../serializers.ts";
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
  const { service, links } = await getService(useCase(c, partnerOf(c)), c.req.valid("param").id);
  return c.json(toService(service, links, c.get("services").config.gatewayPublicUrl), 200);
};
