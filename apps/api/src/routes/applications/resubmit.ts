import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdempotencyHeader, IdParam, json } from "../../schemas/common.ts";
import { ApplicationSchema } from "../../schemas/resources.ts";
import { toApplication } from "../../serializers.ts";
import { resubmitApplication } from "../../usecases/applications.ts";
import { actionCallerOf } from "../../usecases/permissions.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const route = partnerRoute("applications:write", {
  operationId: "resubmitApplication",
  method: "post",
  path: "/applications/{id}/resubmit",
  tags: ["Applications"],
  summary: "Resubmit after Needs more info (revision + 1)",
  description: "Save the requested changes first with PATCH, then resubmit.",
  request: { params: IdParam, headers: IdempotencyHeader },
  responses: { 200: json(ApplicationSchema, "The application in its new state."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const ctx = useCase(c, partnerOf(c));
  const app = await resubmitApplication(ctx, c.req.valid("param").id);
  return c.json(toApplication(app, await actionCallerOf(ctx)), 200);
};
