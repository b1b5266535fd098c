import type { RouteHandler } from "@hono/zod-openapi";
import { loginInput } from "@shopreg/domain";
import { PARTNER_COOKIE, setSessionCookie } from "../../auth/session-cookie.ts";
import type { AppEnv } from "../../context.ts";
import { commonErrors, json, jsonBody } from "../../schemas/common.ts";
import { PartnerSessionSchema } from "../../schemas/resources.ts";
import { toPartner, toSessionUser } from "../../serializers.ts";
import { logIn, partnerOfUser } from "../../usecases/partners.ts";
import { publicRoute } from "../factory.ts";

export const route = publicRoute({
  operationId: "signIn",
  method: "post",
  path: "/session",
  tags: ["Partner account"],
  summary: "Sign in (partner portal)",
  description:
    "Sets an HttpOnly session cookie. Tools should use API keys instead. When the user has two-factor on, a request " +
    "without `code` answers 401 with error.code `two_factor_required`: ask for the 6-digit code (or a recovery code) and " +
    "send the same request again with `code`. A wrong code is 401 `unauthenticated` with details.reason `invalid_two_factor_code`.",
  request: jsonBody(loginInput),
  responses: { 200: json(PartnerSessionSchema, "Signed in."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const services = c.get("services");
  const { user, session } = await logIn(
    { ...services, requestId: c.get("requestId") },
    c.req.valid("json"),
    "partner",
    c.req.header("user-agent"),
  );
  const partner = await partnerOfUser(services, user);
  setSessionCookie(c, PARTNER_COOKIE, session.token, session.expiresAt);
  return c.json(
    {
      user: toSessionUser(user),
      partner: toPartner(partner),
      expires_at: session.expiresAt.toISOString(),
    },
    200,
  );
};
