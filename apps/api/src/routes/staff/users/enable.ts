import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { commonErrors, IdempotencyHeader, IdParam, json } from "../../../schemas/common.ts";
import { StaffUserSchema } from "../../../schemas/resources.ts";
import { toStaffUser } from "../../../serializers.ts";
import { setStaffUserDisabled } from "../../../usecases/staff.ts";
import { staffOf, staffRoute } from "../../factory.ts";
import { useCase } from "../../helpers.ts";

export const route = staffRoute(["admin"], {
  operationId: "enableStaffUser",
  method: "post",
  path: "/users/{id}/enable",
  tags: ["Staff"],
  summary: "Re-enable a staff account (admin)",
  request: { params: IdParam, headers: IdempotencyHeader },
  responses: { 200: json(StaffUserSchema, "The account."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) =>
  c.json(toStaffUser(await setStaffUserDisabled(useCase(c, staffOf(c)), c.req.valid("param").id, false)), 200);
