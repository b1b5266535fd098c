import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdempotencyHeader, IdParam, json } from "../../schemas/common.ts";
import { ApplicationSchema } from "../../schemas/resources.ts";
import { toApplication } from "../../serializers.ts";
import { withdrawApplication } from "../../usecases/applications.ts";
import { actionCallerOf } from "../../usecases/permissions.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const route = partnerRoute("applications:write", {
  operationId: "withdrawApplication",
  method: "post",
  path: "/applications/{id}/withdraw",
  tags: ["Applications"],
  summary: "Withdraw (Draft, Reviewing or Needs more info -> Withdrawn)",
  description: "A withdrawn application frees the category and market for a new one.",
  request: { params: IdParam, headers: IdempotencyHeader },
  responses: { 200: json(ApplicationSchema, "The application in its new state."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const ctx = useCase(c, partnerOf(c));
  const app = await withdrawApplication(ctx, c.req.valid("param").id);
  return c.json(toApplication(app, await actionCallerOf(ctx)), 200);
};
