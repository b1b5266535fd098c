import { createRoute, type RouteHandler } from "@hono/zod-openapi";

import type { AppEnv } from "../../../context.ts";
import { requireStaff } from "../../../middleware/authenticate.ts";
import { commonErrors, IdempotencyHeader, IdParam, json, staffSecurity } from "../../../schemas/common.ts";
import { ApplicationSchema } from "../../../schemas/resources.ts";
import { toApplication } from "../../../serializers.ts";
import { approveApplication } from "../../../usecases/applications.ts";
import { useCase } from "../../helpers.ts";

export const route = createRoute({
  method: "post",
  path: "/applications/{id}/approve",
  tags: ["Review"],
  summary: "Approve (Reviewing -> Approved)",
  security: staffSecurity,
  request: { params: IdParam, headers: IdempotencyHeader },
  responses: { 200: json(ApplicationSchema, "The application in its new state."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const p = requireStaff(c, ["reviewer", "admin"]);
  return c.json(toApplication(await approveApplication(useCase(c, p), c.req.valid("param").id), p.role), 200);
};
