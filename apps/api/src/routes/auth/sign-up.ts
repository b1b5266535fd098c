import type { RouteHandler } from "@hono/zod-openapi";
import { signUpInput } from "@shopreg/domain";
import { PARTNER_COOKIE, setSessionCookie } from "../../auth/session-cookie.ts";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdempotencyHeader, json, jsonBody } from "../../schemas/common.ts";
import { SignUpResultSchema } from "../../schemas/resources.ts";
import { toPartner, toSessionUser } from "../../serializers.ts";
import { signUpPartner } from "../../usecases/partners.ts";
import { publicRoute } from "../factory.ts";

export const route = publicRoute({
  operationId: "signUp",
  method: "post",
  path: "/partners",
  tags: ["Partner account"],
  summary: "Sign up as a partner",
  description:
    "Creates the partner, its first user and a session (cookie). The two registration regions are fixed from now on. " +
    "Set apply_for_shop_registration to open a draft Shop registration application at once; only a company registered " +
    "in the United States may (422 on apply_for_shop_registration otherwise: non-U.S. partners apply from Profile).",
  request: { headers: IdempotencyHeader, ...jsonBody(signUpInput) },
  responses: { 201: json(SignUpResultSchema, "Signed up and signed in."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const result = await signUpPartner(
    { ...c.get("services"), requestId: c.get("requestId") },
    c.req.valid("json"),
    c.req.header("user-agent"),
  );
  setSessionCookie(c, PARTNER_COOKIE, result.session.token, result.session.expiresAt);
  return c.json(
    {
      user: toSessionUser(result.user),
      partner: toPartner(result.partner),
      expires_at: result.session.expiresAt.toISOString(),
      application_id: result.applicationId,
    },
    201,
  );
};
