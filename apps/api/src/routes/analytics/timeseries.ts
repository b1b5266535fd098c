import { type RouteHandler, z } from "@hono/zod-openapi";
import { MAX_HOURLY_DAYS, tooLongForHourly, Validation } from "@shopreg/domain";
import type { AppEnv } from "../../context.ts";
import { commonErrors, json } from "../../schemas/common.ts";
import { TimeseriesSchema } from "../../schemas/resources.ts";
import { analyticsSeries } from "../../usecases/analytics.ts";
import { analyticsRoute, campaignFilter, type Kind, rangeOf, resolveScope, scopeQuery, tag } from "./query.ts";

export function timeseries(kind: Kind) {
  const route = analyticsRoute(kind, {
    operationId: "getAnalyticsTimeseries",
    method: "get",
    path: "/analytics/timeseries",
    tags: [tag(kind)],
    summary: "Counts per hour or day (in a time zone), every bucket present",
    request: {
      query: scopeQuery(kind).extend({
        interval: z
          .enum(["hour", "day"])
          .default("day")
          .openapi({ param: { name: "interval", in: "query" } }),
        campaign: campaignFilter,
      }),
    },
    responses: { 200: json(TimeseriesSchema, "The series."), ...commonErrors },
  });
  const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
    const query = c.req.valid("query");
    const scope = { ...(await resolveScope(c, kind, query)), campaign: query.campaign };
    if (query.interval === "hour" && tooLongForHourly(scope.from, scope.to)) {
      throw new Validation(`Hourly series span at most ${MAX_HOURLY_DAYS} days; use interval=day.`, [
        { path: "query.interval", message: "Too many hours." },
      ]);
    }
    const data = await analyticsSeries(c.get("services"), scope, query.interval, query.tz);
    return c.json(
      {
        ...rangeOf(scope),
        interval: query.interval,
        time_zone: query.tz,
        data: data.map((b) => ({ ...b, bucket_start: b.bucket_start.toISOString() })),
      },
      200,
    );
  };
  return { route, handler };
}
