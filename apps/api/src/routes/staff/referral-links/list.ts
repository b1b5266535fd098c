import { type RouteHandler, z } from "@hono/zod-openapi";
import { findService, listLinks } from "@shopreg/db";
import type { AppEnv } from "../../../context.ts";
import { commonErrors, json, PageQuery } from "../../../schemas/common.ts";
import { ReferralLinkPage } from "../../../schemas/resources.ts";
import { toLink } from "../../../serializers.ts";
import { staffRoute } from "../../factory.ts";
import { pageParams } from "../../helpers.ts";

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
  const { db, config } = c.get("services");
  const q = c.req.valid("query");
  const page = await listLinks(db, { ...pageParams(q), partnerId: q.partner_id, serviceId: q.service_id });
  const statuses = new Map<string, "DRAFT" | "ON" | "OFF">();
  for (const id of new Set(page.data.map((l) => l.service_id))) statuses.set(id, (await findService(db, id))?.status ?? "OFF");
  return c.json(
    {
      data: page.data.map((l) => toLink(l, config.gatewayPublicUrl, statuses.get(l.service_id) ?? "OFF")),
      next_cursor: page.next_cursor,
    },
    200,
  );
};
