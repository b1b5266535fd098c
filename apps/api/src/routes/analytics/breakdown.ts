import { type RouteHandler, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, json } from "../../schemas/common.ts";
import { BreakdownSchema } from "../../schemas/resources.ts";
import { analyticsBreakdownOf, BREAKDOWN_DIMENSIONS, CAMPAIGN_VALUES_PER_LINK_DAY } from "../../usecases/analytics.ts";
import { analyticsRoute, type Kind, resolveScope, scopeQuery, tag } from "./query.ts";

export function breakdown(kind: Kind) {
  const route = analyticsRoute(kind, {
    operationId: "getAnalyticsBreakdown",
    method: "get",
    path: "/analytics/breakdown",
    tags: [tag(kind)],
    summary: "Clicks by audience, country, device, browser, OS, referrer, or campaign tag (campaign, source, medium)",
    description:
      "campaign, source and medium are the link's utm_campaign, utm_source and utm_medium tags, with the registrations, " +
      'approved shops and wrong-link registrations credited through them; untagged traffic is "(none)". To keep the cost ' +
      `flat, each tag keeps at most ${CAMPAIGN_VALUES_PER_LINK_DAY} values per link and UTC day: values first seen after that ` +
      'on that link and day are counted as "(other)".',
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
