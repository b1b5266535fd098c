import { type RouteHandler, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, json, PageQuery } from "../../schemas/common.ts";
import { ConversionPage } from "../../schemas/resources.ts";
import { toConversion } from "../../serializers.ts";
import { listConversionsIn } from "../../usecases/analytics.ts";
import { pageParams } from "../helpers.ts";
import { analyticsRoute, type Kind, resolveScope, scopeQuery, tag } from "./query.ts";

export function conversions(kind: Kind) {
  const route = analyticsRoute(kind, {
    operationId: "listConversions",
    method: "get",
    path: "/analytics/conversions",
    tags: [tag(kind)],
    summary:
      kind === "partner"
        ? "Sellers credited to you (registrations and approved shops), newest first"
        : "Conversions, attributed or not, newest first",
    request: {
      query: scopeQuery(kind)
        .omit({ tz: true })
        .extend({
          ...PageQuery.shape,
          ...(kind === "staff"
            ? {
                attributed: z
                  .enum(["true", "false"])
                  .optional()
                  .openapi({ param: { name: "attributed", in: "query" } }),
              }
            : {}),
        }),
    },
    responses: { 200: json(ConversionPage, "A page of conversions."), ...commonErrors },
  });
  const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
    const query = c.req.valid("query") as {
      from?: string;
      to?: string;
      partner_id?: string;
      service_id?: string;
      link_id?: string;
      attributed?: "true" | "false";
      limit: number;
      cursor?: string;
    };
    const scope = await resolveScope(c, kind, query);
    const attributed = kind === "partner" ? true : query.attributed === undefined ? undefined : query.attributed === "true";
    const page = await listConversionsIn(c.get("services"), {
      ...pageParams(query),
      partnerId: scope.partnerId,
      serviceId: scope.serviceId,
      linkId: scope.linkId,
      attributed,
      from: query.from ? scope.from : undefined,
      to: query.to ? scope.to : undefined,
    });
    return c.json({ data: page.data.map(toConversion), next_cursor: page.next_cursor }, 200);
  };
  return { route, handler };
}
