import type { RouteHandler } from "@hono/zod-openapi";
import { invitationCreateInput } from "@shopreg/domain";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdempotencyHeader, json, jsonBody } from "../../schemas/common.ts";
import { InvitationSchema } from "../../schemas/resources.ts";
import { toInvitation } from "../../serializers.ts";
import { invite } from "../../usecases/members.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const route = partnerRoute("members:write", {
  operationId: "createInvitation",
  method: "post",
  path: "/invitations",
  tags: ["Members"],
  summary: "Invite someone to the account with a role",
  description:
    "The invitee gets a single-use link valid for 7 days (by email, once email delivery lands); the response never " +
    "carries the token. 409 when the address is already a member or already has an open invitation (resend it). " +
    "Only an owner may invite an owner (403).",
  request: { headers: IdempotencyHeader, ...jsonBody(invitationCreateInput) },
  responses: { 201: json(InvitationSchema, "The invitation, PENDING."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const ctx = useCase(c, partnerOf(c));
  return c.json(toInvitation(await invite(ctx, c.req.valid("json")), ctx.clock()), 201);
};
