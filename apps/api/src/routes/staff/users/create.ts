import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { staffCreateInput } from "@shopreg/domain";
import type { AppEnv } from "../../../context.ts";
import { requireStaff } from "../../../middleware/authenticate.ts";
import { commonErrors, IdempotencyHeader, json, jsonBody, staffSecurity } from "../../../schemas/common.ts";
import { StaffUserSchema } from "../../../schemas/resources.ts";
import { toStaffUser } from "../../../serializers.ts";
import { createStaffUser } from "../../../usecases/staff.ts";
import { useCase } from "../../helpers.ts";

export const route = createRoute({
  method: "post",
  path: "/users",
  tags: ["Staff"],
  summary: "Create a reviewer, analyst or admin (admin)",
  security: staffSecurity,
  request: { headers: IdempotencyHeader, ...jsonBody(staffCreateInput) },
  responses: { 201: json(StaffUserSchema, "Created."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) =>
  c.json(toStaffUser(await createStaffUser(useCase(c, requireStaff(c, ["admin"])), c.req.valid("json"))), 201);
