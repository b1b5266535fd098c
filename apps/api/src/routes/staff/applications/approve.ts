import type { RouteHandler } from "@hono/zod-openapi";

import type { AppEnv } from "../../../context.ts";
import { commonErrors, IdempotencyHeader, IdParam, json } from "../../../schemas/common.ts";
import { ApplicationSchema } from "../../../schemas/resources.ts";
import { toApplication } from "../../../serializers.ts";
import { approveApplication } from "../../../usecases/applications.ts";
import { staffCaller } from "../../../usecases/permissions.ts";
import { staffOf, staffRoute } from "../../factory.ts";
import { useCase } from "../../helpers.ts";

export const route = staffRoute(["reviewer", "admin"], {
  operationId: "approveApplication",
  method: "post",
  path: "/applications/{id}/approve",
  tags: ["Review"],
  summary: "Approve (Reviewing -> Approved)",
  request: { params: IdParam, headers: IdempotencyHeader },
  responses: { 200: json(ApplicationSchema, "The application in its new state."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const p = staffOf(c);
  return c.json(toApplication(await approveApplication(useCase(c, p), c.req.valid("param").id), staffCaller(p)), 200);
};
