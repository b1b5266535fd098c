import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdempotencyHeader, IdParam, json } from "../../schemas/common.ts";
import { ApplicationSchema } from "../../schemas/resources.ts";
import { toApplication } from "../../serializers.ts";
import { submitApplication } from "../../usecases/applications.ts";
import { actionCallerOf } from "../../usecases/permissions.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const route = partnerRoute("applications:write", {
  operationId: "submitApplication",
  method: "post",
  path: "/applications/{id}/submit",
  tags: ["Applications"],
  summary: "Submit for review (Draft -> Reviewing)",
  description: "Every required field must be filled; missing ones are listed in details.fields.",
  request: { params: IdParam, headers: IdempotencyHeader },
  responses: { 200: json(ApplicationSchema, "The application in its new state."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const ctx = useCase(c, partnerOf(c));
  const app = await submitApplication(ctx, c.req.valid("param").id);
  return c.json(toApplication(app, await actionCallerOf(ctx)), 200);
};
