import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { requirePartner } from "../../middleware/authenticate.ts";
import { commonErrors, IdParam, json, partnerSecurity } from "../../schemas/common.ts";
import { ApplicationSchema } from "../../schemas/resources.ts";
import { toApplication } from "../../serializers.ts";
import { getApplication } from "../../usecases/applications.ts";
import { useCase } from "../helpers.ts";

export const route = createRoute({
  method: "get",
  path: "/applications/{id}",
  tags: ["Applications"],
  summary: "Read an application",
  security: partnerSecurity,
  request: { params: IdParam },
  responses: { 200: json(ApplicationSchema, "The application."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) =>
  c.json(
    toApplication(await getApplication(useCase(c, requirePartner(c, "applications:read")), c.req.valid("param").id), "partner"),
    200,
  );
