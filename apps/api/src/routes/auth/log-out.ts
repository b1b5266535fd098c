import type { RouteHandler } from "@hono/zod-openapi";
import { clearSessionCookie, PARTNER_COOKIE } from "../../auth/session-cookie.ts";
import type { AppEnv } from "../../context.ts";
import { commonErrors } from "../../schemas/common.ts";
import { logOut } from "../../usecases/partners.ts";
import { publicRoute } from "../factory.ts";

export const route = publicRoute({
  operationId: "signOut",
  method: "delete",
  path: "/session",
  tags: ["Partner account"],
  summary: "Sign out",
  responses: { 204: { description: "Signed out (also when there was no session)." }, ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const p = c.get("principal");
  if (p?.kind === "partner_user") await logOut(c.get("services"), p.sessionId);
  clearSessionCookie(c, PARTNER_COOKIE);
  return c.body(null, 204);
};
