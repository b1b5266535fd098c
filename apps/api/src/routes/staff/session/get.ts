import type { RouteHandler } from "@hono/zod-openapi";
import { findUserById } from "@shopreg/db";
import { Unauthenticated } from "@shopreg/domain";
import type { AppEnv } from "../../../context.ts";
import { commonErrors, json } from "../../../schemas/common.ts";
import { StaffSessionSchema } from "../../../schemas/resources.ts";
import { toStaffUser } from "../../../serializers.ts";
import { staffOf, staffRoute } from "../../factory.ts";

export const route = staffRoute("any", {
  operationId: "getStaffSession",
  method: "get",
  path: "/session",
  tags: ["Staff"],
  summary: "The signed-in staff user and role",
  responses: { 200: json(StaffSessionSchema, "The staff user."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const p = staffOf(c);
  const user = await findUserById(c.get("services").db, p.userId);
  if (!user) throw new Unauthenticated("Sign in again.");
  return c.json({ user: toStaffUser(user) }, 200);
};
