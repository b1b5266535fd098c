import { type RouteHandler, z } from "@hono/zod-openapi";
import { SERVICE_STATUSES } from "@shopreg/domain";
import type { AppEnv } from "../../context.ts";
import { commonErrors, json, PageQuery } from "../../schemas/common.ts";
import { ServicePage } from "../../schemas/resources.ts";
import { toService } from "../../serializers.ts";
import { serviceActionsOf } from "../../usecases/permissions.ts";
import { listServices } from "../../usecases/services.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { pageParams, useCase } from "../helpers.ts";

export const route = partnerRoute("services:read", {
  operationId: "listServices",
  method: "get",
  path: "/services",
  tags: ["Services"],
  summary: "List your services with their referral links (newest first)",
  request: {
    query: PageQuery.extend({
      status: z
        .enum(SERVICE_STATUSES)
        .optional()
        .openapi({ param: { name: "status", in: "query" } }),
    }),
  },
  responses: { 200: json(ServicePage, "A page of services."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const q = c.req.valid("query");
  const ctx = useCase(c, partnerOf(c));
  const page = await listServices(ctx, { ...pageParams(q), status: q.status });
  const allowed = await serviceActionsOf(ctx, ctx.principal.partnerId);
  return c.json(
    {
      data: page.data.map(({ service, links }) => toService(service, links, ctx.config.gatewayPublicUrl, allowed(service))),
      next_cursor: page.next_cursor,
    },
    200,
  );
};
