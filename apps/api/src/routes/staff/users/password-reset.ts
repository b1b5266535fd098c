import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { commonErrors, IdempotencyHeader, IdParam, json } from "../../../schemas/common.ts";
import { StaffUserSchema } from "../../../schemas/resources.ts";
import { toStaffUser } from "../../../serializers.ts";
import { sendStaffPasswordReset } from "../../../usecases/staff.ts";
import { staffOf, staffRoute } from "../../factory.ts";
import { useCase } from "../../helpers.ts";

export const route = staffRoute(["admin"], {
  operationId: "sendStaffPasswordReset",
  method: "post",
  path: "/users/{id}/password-reset",
  tags: ["Staff"],
  summary: "Mail a staff member a link to choose a new password (admin)",
  description:
    "Staff cannot ask for a reset themselves: an admin sends the link, which works once within an hour " +
    "(POST /v1/password-resets/confirm). Nobody sees or sets the password for them; the current one works until " +
    "the link is used. A disabled account is 409 (details.reason = disabled). Audited.",
  request: { params: IdParam, headers: IdempotencyHeader },
  responses: { 202: json(StaffUserSchema, "The link is on its way to the member's address."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) =>
  c.json(toStaffUser(await sendStaffPasswordReset(useCase(c, staffOf(c)), c.req.valid("param").id)), 202);
