import { type RouteHandler, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, json } from "../../schemas/common.ts";
import { BreakdownSchema } from "../../schemas/resources.ts";
import { analyticsBreakdownOf, BREAKDOWN_DIMENSIONS } from "../../usecases/analytics.ts";
import { analyticsRoute, type Kind, resolveScope, scopeQuery, tag } from "./query.ts";

export function breakdown(kind: Kind) {
  const route = analyticsRoute(kind, {
    operationId: "getAnalyticsBreakdown",
    method: "get",
    path: "/analytics/breakdown",
    tags: [tag(kind)],
    summary: "Clicks by audience, country, device, browser, OS or referrer",
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
      { dimension: query.dimension, data: await analyticsBreakdownOf(c.get("services"), scope, query.dimension, query.limit) },
      200,
    );
  };
  return { route, handler };
}
