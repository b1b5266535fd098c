import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { commonErrors, json } from "../../../schemas/common.ts";
import { StaffUserList } from "../../../schemas/resources.ts";
import { toStaffUser } from "../../../serializers.ts";
import { listStaff } from "../../../usecases/staff.ts";
import { staffOf, staffRoute } from "../../factory.ts";
import { useCase } from "../../helpers.ts";

export const route = staffRoute(["admin"], {
  operationId: "listStaffUsers",
  method: "get",
  path: "/users",
  tags: ["Staff"],
  summary: "List staff accounts (admin)",
  responses: { 200: json(StaffUserList, "Staff accounts."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) =>
  c.json({ data: (await listStaff(useCase(c, staffOf(c)))).map(toStaffUser) }, 200);
