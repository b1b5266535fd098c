import type { RouteHandler } from "@hono/zod-openapi";
import { staffRoleInput } from "@shopreg/domain";
import type { AppEnv } from "../../../context.ts";
import { commonErrors, IdempotencyHeader, IdParam, json, jsonBody } from "../../../schemas/common.ts";
import { StaffUserSchema } from "../../../schemas/resources.ts";
import { toStaffUser } from "../../../serializers.ts";
import { changeStaffRole } from "../../../usecases/staff.ts";
import { staffOf, staffRoute } from "../../factory.ts";
import { useCase } from "../../helpers.ts";

export const route = staffRoute(["admin"], {
  operationId: "changeStaffUserRole",
  method: "post",
  path: "/users/{id}/role",
  tags: ["Staff"],
  summary: "Give a staff member another role (admin)",
  description:
    "The new role applies to the member's next request. The last admin who can sign in keeps the role " +
    "(409 with details.reason = last_admin). Audited with the old and new role.",
  request: { params: IdParam, headers: IdempotencyHeader, ...jsonBody(staffRoleInput) },
  responses: { 200: json(StaffUserSchema, "The account with its new role."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) =>
  c.json(toStaffUser(await changeStaffRole(useCase(c, staffOf(c)), c.req.valid("param").id, c.req.valid("json").role)), 200);
