import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, json, PageQuery } from "../../schemas/common.ts";
import { InvitationPage } from "../../schemas/resources.ts";
import { toInvitation } from "../../serializers.ts";
import { listInvitations } from "../../usecases/members.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { pageParams, useCase } from "../helpers.ts";

export const route = partnerRoute("members:read", {
  operationId: "listInvitations",
  method: "get",
  path: "/invitations",
  tags: ["Members"],
  summary: "Open invitations (PENDING or EXPIRED), newest first",
  request: { query: PageQuery },
  responses: { 200: json(InvitationPage, "A page of open invitations."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const ctx = useCase(c, partnerOf(c));
  const page = await listInvitations(ctx, pageParams(c.req.valid("query")));
  return c.json({ data: page.data.map((i) => toInvitation(i, ctx.clock())), next_cursor: page.next_cursor }, 200);
};
