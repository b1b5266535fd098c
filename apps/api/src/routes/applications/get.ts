import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdParam, json } from "../../schemas/common.ts";
import { ApplicationSchema } from "../../schemas/resources.ts";
import { toApplication } from "../../serializers.ts";
import { getApplication } from "../../usecases/applications.ts";
import { actionCallerOf } from "../../usecases/permissions.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const route = partnerRoute("applications:read", {
  operationId: "getApplication",
  method: "get",
  path: "/applications/{id}",
  tags: ["Applications"],
  summary: "Read an application",
  request: { params: IdParam },
  responses: { 200: json(ApplicationSchema, "The application."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const ctx = useCase(c, partnerOf(c));
  const app = await getApplication(ctx, c.req.valid("param").id);
  return c.json(toApplication(app, await actionCallerOf(ctx)), 200);
};
