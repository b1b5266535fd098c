import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { commonErrors, IdParam, json } from "../../../schemas/common.ts";
import { ServiceSchema } from "../../../schemas/resources.ts";
import { toService } from "../../../serializers.ts";
import { getServiceForStaff } from "../../../usecases/staff.ts";
import { staffOf, staffRoute } from "../../factory.ts";
import { useCase } from "../../helpers.ts";

export const route = staffRoute("any", {
  operationId: "getServiceForStaff",
  method: "get",
  path: "/services/{id}",
  tags: ["Oversight"],
  summary: "A service with its two referral links",
  request: { params: IdParam },
  responses: { 200: json(ServiceSchema, "The service."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const { service, links } = await getServiceForStaff(useCase(c, staffOf(c)), c.req.valid("param").id);
  return c.json(toService(service, links, c.get("services").config.gatewayPublicUrl, []), 200);
};
