import { type RouteHandler, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { commonErrors, json, PageQuery } from "../../../schemas/common.ts";
import { ReferralLinkPage } from "../../../schemas/resources.ts";
import { toLink } from "../../../serializers.ts";
import { listAllLinks } from "../../../usecases/staff.ts";
import { staffOf, staffRoute } from "../../factory.ts";
import { pageParams, useCase } from "../../helpers.ts";

export const route = staffRoute("any", {
  operationId: "listReferralLinks",
  method: "get",
  path: "/referral-links",
  tags: ["Oversight"],
  summary: "List referral links (newest first)",
  request: {
    query: PageQuery.extend({
      partner_id: z
        .uuid()
        .optional()
        .openapi({ param: { name: "partner_id", in: "query" } }),
      service_id: z
        .uuid()
        .optional()
        .openapi({ param: { name: "service_id", in: "query" } }),
    }),
  },
  responses: { 200: json(ReferralLinkPage, "A page of links."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const ctx = useCase(c, staffOf(c));
  const q = c.req.valid("query");
  const page = await listAllLinks(ctx, { ...pageParams(q), partnerId: q.partner_id, serviceId: q.service_id });
  return c.json(
    {
      data: page.data.map(({ link, serviceStatus }) => toLink(link, ctx.config.gatewayPublicUrl, serviceStatus)),
      next_cursor: page.next_cursor,
    },
    200,
  );
};
