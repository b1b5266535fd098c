import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { analyticsBreakdown } from "@shopreg/db";
import { BREAKDOWN_DIMENSIONS } from "@shopreg/domain";
import type { AppEnv } from "../../context.ts";
import { commonErrors, json } from "../../schemas/common.ts";
import { BreakdownSchema } from "../../schemas/resources.ts";
import { type Kind, resolveScope, scopeQuery, security, tag } from "./query.ts";

export function breakdown(kind: Kind) {
  const route = createRoute({
    method: "get",
    path: "/analytics/breakdown",
    tags: [tag(kind)],
    summary: "Clicks by audience, country, device, browser, OS or referrer",
    security: security(kind),
    request: {
      query: scopeQuery(kind).extend({
        dimension: z.enum(BREAKDOWN_DIMENSIONS).openapi({ param: { name: "dimension", in: "query" } }),
        limit: z.coerce
          .number()
          .int()
          .min(1)
          .max(200)
          .default(50)
          .openapi({ param: { name: "limit", in: "query" } }),
      }),
    },
    responses: { 200: json(BreakdownSchema, "Rows, most clicks first."), ...commonErrors },
  });
  const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
    const query = c.req.valid("query");
    const scope = await resolveScope(c, kind, query);
    return c.json(
      { dimension: query.dimension, data: await analyticsBreakdown(c.get("services").db, scope, query.dimension, query.limit) },
      200,
    );
  };
  return { route, handler };
}
