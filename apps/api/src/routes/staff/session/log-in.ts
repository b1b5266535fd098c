import type { RouteHandler } from "@hono/zod-openapi";
import { loginInput } from "@shopreg/domain";
import { STAFF_COOKIE, setSessionCookie } from "../../../auth/session-cookie.ts";
import type { AppEnv } from "../../../context.ts";
import { commonErrors, json, jsonBody } from "../../../schemas/common.ts";
import { StaffSessionSchema } from "../../../schemas/resources.ts";
import { toStaffUser } from "../../../serializers.ts";
import { logIn } from "../../../usecases/partners.ts";
import { publicRoute } from "../../factory.ts";

export const route = publicRoute({
  operationId: "staffSignIn",
  method: "post",
  path: "/session",
  tags: ["Staff"],
  summary: "Staff sign-in (reviewer dashboard)",
  request: jsonBody(loginInput),
  responses: { 200: json(StaffSessionSchema, "Signed in; the role decides what you may do."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const { user, session } = await logIn(
    { ...c.get("services"), requestId: c.get("requestId") },
    c.req.valid("json"),
    "staff",
    c.req.header("user-agent"),
  );
  setSessionCookie(c, STAFF_COOKIE, session.token, session.expiresAt);
  return c.json({ user: toStaffUser(user), expires_at: session.expiresAt.toISOString() }, 200);
};
