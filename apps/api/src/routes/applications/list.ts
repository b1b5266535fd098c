import { type RouteHandler, z } from "@hono/zod-openapi";
import { APPLICATION_STATUSES } from "@shopreg/domain";
import type { AppEnv } from "../../context.ts";
import { commonErrors, json, PageQuery } from "../../schemas/common.ts";
import { ApplicationPage } from "../../schemas/resources.ts";
import { toApplication } from "../../serializers.ts";
import { listApplications } from "../../usecases/applications.ts";
import { actionCallerOf } from "../../usecases/permissions.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { pageParams, useCase } from "../helpers.ts";

export const route = partnerRoute("applications:read", {
  operationId: "listApplications",
  method: "get",
  path: "/applications",
  tags: ["Applications"],
  summary: "List your applications (newest first)",
  request: {
    query: PageQuery.extend({
      status: z
        .enum(APPLICATION_STATUSES)
        .optional()
        .openapi({ param: { name: "status", in: "query" } }),
    }),
  },
  responses: { 200: json(ApplicationPage, "A page of applications."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const ctx = useCase(c, partnerOf(c));
  const q = c.req.valid("query");
  const page = await listApplications(ctx, { ...pageParams(q), status: q.status });
  const caller = await actionCallerOf(ctx);
  return c.json({ data: page.data.map((a) => toApplication(a, caller)), next_cursor: page.next_cursor }, 200);
};
