import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdempotencyHeader, IdParam, json } from "../../schemas/common.ts";
import { InvitationSchema } from "../../schemas/resources.ts";
import { toInvitation } from "../../serializers.ts";
import { resendInvitation } from "../../usecases/members.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const route = partnerRoute("members:write", {
  operationId: "resendInvitation",
  method: "post",
  path: "/invitations/{id}/resend",
  tags: ["Members"],
  summary: "Send an invitation again",
  description: "A new link replaces the old one (which stops working) and is valid for 7 more days. 409 if accepted or revoked.",
  request: { params: IdParam, headers: IdempotencyHeader },
  responses: { 200: json(InvitationSchema, "The invitation."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const ctx = useCase(c, partnerOf(c));
  return c.json(toInvitation(await resendInvitation(ctx, c.req.valid("param").id), ctx.clock()), 200);
};
