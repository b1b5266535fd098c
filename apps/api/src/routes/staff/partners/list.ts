import { type RouteHandler, z } from "@hono/zod-openapi";
import { ENTITY_TYPES } from "@shopreg/domain";
import type { AppEnv } from "../../../context.ts";
import { commonErrors, json, PageQuery } from "../../../schemas/common.ts";
import { PartnerPage } from "../../../schemas/resources.ts";
import { toPartner } from "../../../serializers.ts";
import { listAllPartners } from "../../../usecases/staff.ts";
import { staffOf, staffRoute } from "../../factory.ts";
import { pageParams, useCase } from "../../helpers.ts";

export const route = staffRoute("any", {
  operationId: "listPartners",
  method: "get",
  path: "/partners",
  tags: ["Oversight"],
  summary: "List partners (newest first), searchable by company name",
  request: {
    query: PageQuery.extend({
      q: z
        .string()
        .max(200)
        .optional()
        .openapi({ param: { name: "q", in: "query" } }),
      entity_type: z
        .enum(ENTITY_TYPES)
        .optional()
        .openapi({ param: { name: "entity_type", in: "query" } }),
    }),
  },
  responses: { 200: json(PartnerPage, "A page of partners."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const q = c.req.valid("query");
  const page = await listAllPartners(useCase(c, staffOf(c)), { ...pageParams(q), q: q.q, entityType: q.entity_type });
  return c.json({ data: page.data.map(toPartner), next_cursor: page.next_cursor }, 200);
};
