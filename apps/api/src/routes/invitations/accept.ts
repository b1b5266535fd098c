import type { RouteHandler } from "@hono/zod-openapi";
import { invitationAcceptInput, twoFactorCode } from "@shopreg/domain";
import { PARTNER_COOKIE, setSessionCookie } from "../../auth/session-cookie.ts";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdempotencyHeader, json, jsonBody } from "../../schemas/common.ts";
import { PartnerSessionSchema } from "../../schemas/resources.ts";
import { toPartner, toSessionUser } from "../../serializers.ts";
import { acceptInvitation } from "../../usecases/members.ts";
import { publicRoute } from "../factory.ts";

/** A former member with two-factor on passes it here too, as at sign-in. */
const input = invitationAcceptInput.extend({ code: twoFactorCode.optional() });

export const route = publicRoute({
  operationId: "acceptInvitation",
  method: "post",
  path: "/invitations/accept",
  tags: ["Members"],
  summary: "Accept an invitation (from its link) and sign in",
  description:
    "A new address needs name and password (the new user's). An address that already has a user without an account " +
    "(a former member) joins with that user's own password (401 if wrong). Unknown token: 404. Used, revoked or " +
    "expired: 409 with details.reason = accepted | revoked | expired. An address that belongs to another account: " +
    "409 details.reason = already_member. A former member with two-factor on sends `code` too (401 two_factor_required " +
    "without it). An invitation whose sender left, was disabled or can no longer invite to its role: 409 revoked. " +
    "Sets the session cookie.",
  request: { headers: IdempotencyHeader, ...jsonBody(input) },
  responses: { 201: json(PartnerSessionSchema, "Joined and signed in."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const { user, partner, session } = await acceptInvitation(
    { ...c.get("services"), requestId: c.get("requestId") },
    c.req.valid("json"),
    c.req.header("user-agent"),
  );
  setSessionCookie(c, PARTNER_COOKIE, session.token, session.expiresAt);
  return c.json({ user: toSessionUser(user), partner: toPartner(partner), expires_at: session.expiresAt.toISOString() }, 201);
};
