import { type RouteHandler, z } from "@hono/zod-openapi";
import { FUNNEL_GROUPS, PARTNER_FUNNEL_GROUPS } from "@shopreg/domain";
import type { AppEnv } from "../../context.ts";
import { commonErrors, json } from "../../schemas/common.ts";
import { FunnelSchema } from "../../schemas/resources.ts";
import { analyticsFunnelOf } from "../../usecases/analytics.ts";
import { analyticsRoute, type Kind, resolveScope, scopeQuery, tag } from "./query.ts";

export function funnel(
  kind: Kind,
  opts: { path?: string; operationId?: string; groupBy?: "partner" | "service"; summary?: string } = {},
) {
  const groups = kind === "staff" ? FUNNEL_GROUPS : PARTNER_FUNNEL_GROUPS;
  const route = analyticsRoute(kind, {
    operationId: opts.operationId ?? "getAnalyticsFunnel",
    method: "get",
    path: opts.path ?? "/analytics/funnel",
    tags: [tag(kind)],
    summary:
      opts.summary ??
      "Clicks -> unique clicks -> registrations -> approved shops, overall or per service, link, audience or campaign",
    ...(opts.groupBy
      ? {}
      : {
          description:
            "Every row counts wrong_link_registrations (group_by=audience shows which link the wrong sellers used). " +
            'group_by=campaign groups by utm_campaign ("(none)" untagged, "(other)" past the bound of values per link and day; ' +
            "see the breakdown); inactive_clicks are not kept per campaign and read 0 there.",
        }),
    request: {
      query: scopeQuery(kind).extend({
        group_by: z
          .enum(groups)
          .default(opts.groupBy ?? "none")
          .openapi({ param: { name: "group_by", in: "query" } }),
        limit: z.coerce
          .number()
          .int()
          .min(1)
          .max(500)
          .default(opts.groupBy ? 10 : 100)
          .openapi({ param: { name: "limit", in: "query" } }),
      }),
    },
    responses: { 200: json(FunnelSchema, "Funnel rows, most registrations first."), ...commonErrors },
  });
  const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
    const query = c.req.valid("query");
    const scope = await resolveScope(c, kind, query);
    const groupBy = opts.groupBy ?? query.group_by;
    return c.json({ group_by: groupBy, data: await analyticsFunnelOf(c.get("services"), scope, groupBy, query.limit) }, 200);
  };
  return { route, handler };
}
