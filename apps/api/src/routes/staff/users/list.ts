import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { requireStaff } from "../../../middleware/authenticate.ts";
import { commonErrors, json, staffSecurity } from "../../../schemas/common.ts";
import { StaffUserList } from "../../../schemas/resources.ts";
import { toStaffUser } from "../../../serializers.ts";
import { listStaff } from "../../../usecases/staff.ts";
import { useCase } from "../../helpers.ts";

export const route = createRoute({
  method: "get",
  path: "/users",
  tags: ["Staff"],
  summary: "List staff accounts (admin)",
  security: staffSecurity,
  responses: { 200: json(StaffUserList, "Staff accounts."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) =>
  c.json({ data: (await listStaff(useCase(c, requireStaff(c, ["admin"])))).map(toStaffUser) }, 200);
