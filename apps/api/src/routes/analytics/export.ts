import { type RouteHandler, z } from "@hono/zod-openapi";
import { PARTNER_FUNNEL_GROUPS, tooLongForHourly } from "@shopreg/domain";
import type { AppEnv } from "../../context.ts";
import { commonErrors } from "../../schemas/common.ts";
import {
  analyticsBreakdownOf,
  analyticsFunnelOf,
  analyticsSeries,
  BREAKDOWN_DIMENSIONS,
  FUNNEL_GROUPS,
  type FunnelGroup,
} from "../../usecases/analytics.ts";
import { analyticsRoute, campaignFilter, type Kind, resolveScope, scopeQuery, tag } from "./query.ts";

/** RFC 4180 field: quoted when needed; a leading =+-@ is defused so spreadsheets do not run it as a formula. */
const field = (v: unknown) => {
  let s = v === null || v === undefined ? "" : v instanceof Date ? v.toISOString() : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};
const toCsv = (header: string[], rows: Record<string, unknown>[]) =>
  `${[header.join(","), ...rows.map((r) => header.map((h) => field(r[h])).join(","))].join("\r\n")}\r\n`;

const COUNTS = [
  "clicks",
  "unique_clicks",
  "bot_clicks",
  "inactive_clicks",
  "registrations",
  "approved_shops",
  "wrong_link_registrations",
];

export function exportCsv(kind: Kind) {
  const groups = kind === "staff" ? FUNNEL_GROUPS : PARTNER_FUNNEL_GROUPS;
  const route = analyticsRoute(kind, {
    operationId: "exportAnalytics",
    method: "get",
    path: "/analytics/export",
    tags: [tag(kind)],
    summary: "CSV export of a timeseries, a breakdown or a funnel",
    description: "The same rows as the JSON reports; `campaign` narrows the timeseries only.",
    request: {
      query: scopeQuery(kind).extend({
        report: z.enum(["timeseries", "breakdown", "funnel"]).openapi({ param: { name: "report", in: "query" } }),
        interval: z
          .enum(["hour", "day"])
          .default("day")
          .openapi({ param: { name: "interval", in: "query" } }),
        dimension: z
          .enum(BREAKDOWN_DIMENSIONS)
          .default("country")
          .openapi({ param: { name: "dimension", in: "query" } }),
        campaign: campaignFilter,
        group_by: z
          .enum(groups as [string, ...string[]])
          .default("none")
          .openapi({ param: { name: "group_by", in: "query" } }),
      }),
    },
    responses: {
      200: { content: { "text/csv": { schema: z.string() } }, description: "CSV with a header row." },
      ...commonErrors,
    },
  });
  const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
    const query = c.req.valid("query");
    const scope = { ...(await resolveScope(c, kind, query)), campaign: query.campaign };
    const services = c.get("services");
    let csv: string;
    if (query.report === "timeseries") {
      const interval = query.interval === "hour" && tooLongForHourly(scope.from, scope.to) ? "day" : query.interval;
      csv = toCsv(["bucket_start", ...COUNTS], await analyticsSeries(services, scope, interval, query.tz));
    } else if (query.report === "breakdown") {
      const rows = await analyticsBreakdownOf(services, scope, query.dimension, 1000);
      csv = toCsv(
        ["value", "clicks", "unique_clicks", "bot_clicks", "registrations", "approved_shops", "wrong_link_registrations"],
        rows,
      );
    } else {
      csv = toCsv(
        ["key", "label", "partner_id", "service_id", "audience", ...COUNTS],
        await analyticsFunnelOf(services, { ...scope, campaign: undefined }, query.group_by as FunnelGroup, 1000),
      );
    }
    const name = `shopreg-${query.report}-${scope.from.toISOString().slice(0, 10)}-${scope.to.toISOString().slice(0, 10)}.csv`;
    return c.body(csv, 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
    }) as never;
  };
  return { route, handler };
}
