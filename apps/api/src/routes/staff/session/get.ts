import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { findUserById } from "@shopreg/db";
import { Unauthenticated } from "@shopreg/domain";
import type { AppEnv } from "../../../context.ts";
import { requireStaff } from "../../../middleware/authenticate.ts";
import { commonErrors, json, staffSecurity } from "../../../schemas/common.ts";
import { StaffSessionSchema } from "../../../schemas/resources.ts";
import { toStaffUser } from "../../../serializers.ts";

export const route = createRoute({
  method: "get",
  path: "/session",
  tags: ["Staff"],
  summary: "The signed-in staff user and role",
  security: staffSecurity,
  responses: { 200: json(StaffSessionSchema, "The staff user."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const p = requireStaff(c);
  const user = await findUserById(c.get("services").db, p.userId);
  if (!user) throw new Unauthenticated("Sign in again.");
  return c.json({ user: toStaffUser(user) }, 200);
};
