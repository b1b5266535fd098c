import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, json } from "../../schemas/common.ts";
import { AnalyticsSummarySchema } from "../../schemas/resources.ts";
import { analyticsSummary } from "../../usecases/analytics.ts";
import { analyticsRoute, type Kind, rangeOf, resolveScope, scopeQuery, tag } from "./query.ts";

export function summary(kind: Kind) {
  const route = analyticsRoute(kind, {
    operationId: "getAnalyticsSummary",
    method: "get",
    path: "/analytics/summary",
    tags: [tag(kind)],
    summary: "Totals: clicks, unique clicks, bot clicks, registrations, approved shops",
    request: { query: scopeQuery(kind) },
    responses: { 200: json(AnalyticsSummarySchema, "Totals for the range."), ...commonErrors },
  });
  const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
    const scope = await resolveScope(c, kind, c.req.valid("query"));
    return c.json({ ...rangeOf(scope), ...(await analyticsSummary(c.get("services"), scope)) }, 200);
  };
  return { route, handler };
}
