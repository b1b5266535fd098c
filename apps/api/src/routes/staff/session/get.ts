import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { commonErrors, json } from "../../../schemas/common.ts";
import { StaffSessionSchema } from "../../../schemas/resources.ts";
import { toStaffUser } from "../../../serializers.ts";
import { getStaffSelf } from "../../../usecases/staff.ts";
import { staffOf, staffRoute } from "../../factory.ts";
import { useCase } from "../../helpers.ts";

export const route = staffRoute("any", {
  operationId: "getStaffSession",
  method: "get",
  path: "/session",
  tags: ["Staff"],
  summary: "The signed-in staff user and role",
  responses: { 200: json(StaffSessionSchema, "The staff user."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const user = await getStaffSelf(useCase(c, staffOf(c)));
  return c.json({ user: toStaffUser(user) }, 200);
};
