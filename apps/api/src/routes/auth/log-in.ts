import type { RouteHandler } from "@hono/zod-openapi";
import { loginInput } from "@shopreg/domain";
import { PARTNER_COOKIE, setSessionCookie } from "../../auth/session-cookie.ts";
import type { AppEnv } from "../../context.ts";
import { commonErrors, json, jsonBody } from "../../schemas/common.ts";
import { PartnerSessionSchema } from "../../schemas/resources.ts";
import { toPartner } from "../../serializers.ts";
import { logIn, partnerOfUser } from "../../usecases/partners.ts";
import { publicRoute } from "../factory.ts";

export const route = publicRoute({
  operationId: "signIn",
  method: "post",
  path: "/session",
  tags: ["Partner account"],
  summary: "Sign in (partner portal)",
  description: "Sets an HttpOnly session cookie. Tools should use API keys instead.",
  request: jsonBody(loginInput),
  responses: { 200: json(PartnerSessionSchema, "Signed in."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const services = c.get("services");
  const { user, session } = await logIn(services, c.req.valid("json"), "partner");
  const partner = await partnerOfUser(services, user);
  setSessionCookie(c, PARTNER_COOKIE, session.token, session.expiresAt);
  return c.json(
    {
      user: { id: user.id, email: user.email, name: user.name },
      partner: toPartner(partner),
      expires_at: session.expiresAt.toISOString(),
    },
    200,
  );
};
