import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdParam, json } from "../../schemas/common.ts";
import { InvitationSchema } from "../../schemas/resources.ts";
import { toInvitation } from "../../serializers.ts";
import { revokeInvitation } from "../../usecases/members.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const route = partnerRoute("members:write", {
  operationId: "revokeInvitation",
  method: "delete",
  path: "/invitations/{id}",
  tags: ["Members"],
  summary: "Revoke an invitation",
  description: "Its link stops working at once. 409 if already accepted or revoked.",
  request: { params: IdParam },
  responses: { 200: json(InvitationSchema, "The invitation, REVOKED."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const ctx = useCase(c, partnerOf(c));
  return c.json(toInvitation(await revokeInvitation(ctx, c.req.valid("param").id), ctx.clock()), 200);
};
