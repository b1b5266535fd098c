import type { RouteHandler } from "@hono/zod-openapi";
import { clearSessionCookie, STAFF_COOKIE } from "../../../auth/session-cookie.ts";
import type { AppEnv } from "../../../context.ts";
import { commonErrors } from "../../../schemas/common.ts";
import { logOut } from "../../../usecases/partners.ts";
import { publicRoute } from "../../factory.ts";

export const route = publicRoute({
  operationId: "staffSignOut",
  method: "delete",
  path: "/session",
  tags: ["Staff"],
  summary: "Staff sign-out",
  responses: { 204: { description: "Signed out." }, ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const p = c.get("principal");
  if (p?.kind === "staff") await logOut(c.get("services"), p.sessionId);
  clearSessionCookie(c, STAFF_COOKIE);
  return c.body(null, 204);
};
