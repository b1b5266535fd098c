import { type RouteHandler, z } from "@hono/zod-openapi";
import { SERVICE_STATUSES } from "@shopreg/domain";
import type { AppEnv } from "../../../context.ts";
import { commonErrors, json, PageQuery } from "../../../schemas/common.ts";
import { ServicePage } from "../../../schemas/resources.ts";
import { toService } from "../../../serializers.ts";
import { listAllServices } from "../../../usecases/staff.ts";
import { staffOf, staffRoute } from "../../factory.ts";
import { pageParams, useCase } from "../../helpers.ts";

export const route = staffRoute("any", {
  operationId: "listAllServices",
  method: "get",
  path: "/services",
  tags: ["Oversight"],
  summary: "List all services (newest first)",
  request: {
    query: PageQuery.extend({
      status: z
        .enum(SERVICE_STATUSES)
        .optional()
        .openapi({ param: { name: "status", in: "query" } }),
      partner_id: z
        .uuid()
        .optional()
        .openapi({ param: { name: "partner_id", in: "query" } }),
    }),
  },
  responses: { 200: json(ServicePage, "A page of services."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const ctx = useCase(c, staffOf(c));
  const q = c.req.valid("query");
  const page = await listAllServices(ctx, { ...pageParams(q), status: q.status, partnerId: q.partner_id });
  return c.json(
    {
      data: page.data.map(({ service, links }) => toService(service, links, ctx.config.gatewayPublicUrl, [])),
      next_cursor: page.next_cursor,
    },
    200,
  );
};
