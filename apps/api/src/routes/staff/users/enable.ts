import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { requireStaff } from "../../../middleware/authenticate.ts";
import { commonErrors, IdempotencyHeader, IdParam, json, staffSecurity } from "../../../schemas/common.ts";
import { StaffUserSchema } from "../../../schemas/resources.ts";
import { toStaffUser } from "../../../serializers.ts";
import { setStaffUserDisabled } from "../../../usecases/staff.ts";
import { useCase } from "../../helpers.ts";

export const route = createRoute({
  method: "post",
  path: "/users/{id}/enable",
  tags: ["Staff"],
  summary: "Re-enable a staff account (admin)",
  security: staffSecurity,
  request: { params: IdParam, headers: IdempotencyHeader },
  responses: { 200: json(StaffUserSchema, "The account."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) =>
  c.json(toStaffUser(await setStaffUserDisabled(useCase(c, requireStaff(c, ["admin"])), c.req.valid("param").id, false)), 200);
