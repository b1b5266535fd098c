import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, json } from "../../schemas/common.ts";
import { InvitationList } from "../../schemas/resources.ts";
import { toInvitation } from "../../serializers.ts";
import { listInvitations } from "../../usecases/members.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const route = partnerRoute("members:read", {
  operationId: "listInvitations",
  method: "get",
  path: "/invitations",
  tags: ["Members"],
  summary: "Open invitations (PENDING or EXPIRED), newest first",
  responses: { 200: json(InvitationList, "The open invitations."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const ctx = useCase(c, partnerOf(c));
  return c.json({ data: (await listInvitations(ctx)).map((i) => toInvitation(i, ctx.clock())) }, 200);
};
