import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { serviceUpdateInput } from "@shopreg/domain";
import type { AppEnv } from "../../context.ts";
import { requirePartner } from "../../middleware/authenticate.ts";
import { commonErrors, IdParam, json, jsonBody, partnerSecurity } from "../../schemas/common.ts";
import { ServiceSchema } from "../../schemas/resources.ts";
import { toService } from "../../serializers.ts";
import { updateServiceDetails } from "../../usecases/services.ts";
import { useCase } from "../helpers.ts";

export const route = createRoute({
  method: "patch",
  path: "/services/{id}",
  tags: ["Services"],
  summary: "Update a service's name, description or contact email",
  description: "Type, category and market are fixed at creation. Links are unaffected.",
  security: partnerSecurity,
  request: { params: IdParam, ...jsonBody(serviceUpdateInput) },
  responses: { 200: json(ServiceSchema, "The updated service."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const { service, links } = await updateServiceDetails(
    useCase(c, requirePartner(c, "services:write")),
    c.req.valid("param").id,
    c.req.valid("json"),
  );
  return c.json(toService(service, links, c.get("services").config.gatewayPublicUrl), 200);
};
