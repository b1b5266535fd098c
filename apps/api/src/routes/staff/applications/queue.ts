import { type RouteHandler, z } from "@hono/zod-openapi";
import { APPLICATION_STATUSES, ENTITY_TYPES } from "@shopreg/domain";
import type { AppEnv } from "../../../context.ts";
import { commonErrors, json, PageQuery } from "../../../schemas/common.ts";
import { QueuePage } from "../../../schemas/resources.ts";
import { toApplication } from "../../../serializers.ts";
import { staffCaller } from "../../../usecases/permissions.ts";
import { listReviewQueue } from "../../../usecases/staff.ts";
import { staffOf, staffRoute } from "../../factory.ts";
import { pageParams, useCase } from "../../helpers.ts";

const q = (name: string) => ({ param: { name, in: "query" as const } });

export const QueueQuery = PageQuery.extend({
  status: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(",").map((v) => v.trim().toUpperCase()) : undefined))
    .pipe(z.array(z.enum(APPLICATION_STATUSES)).optional())
    .openapi({ ...q("status"), description: "Comma-separated statuses; default REVIEWING.", example: "REVIEWING" }),
  market: z.string().length(2).optional().openapi(q("market")),
  entity_type: z.enum(ENTITY_TYPES).optional().openapi(q("entity_type")),
  submitted_from: z.iso.datetime({ offset: true }).optional().openapi(q("submitted_from")),
  submitted_to: z.iso.datetime({ offset: true }).optional().openapi(q("submitted_to")),
  q: z
    .string()
    .max(200)
    .optional()
    .openapi({ ...q("q"), description: "Search by partner (company) name." }),
  partner_id: z.uuid().optional().openapi(q("partner_id")),
});

export const route = staffRoute("any", {
  operationId: "listReviewQueue",
  method: "get",
  path: "/applications",
  tags: ["Review"],
  summary: "The review queue: submitted applications, oldest submission first",
  request: { query: QueueQuery },
  responses: { 200: json(QueuePage, "A page of the queue."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const p = staffOf(c);
  const query = c.req.valid("query");
  const page = await listReviewQueue(useCase(c, p), {
    ...pageParams(query, { key: "time" }),
    status: query.status ?? (query.partner_id || query.q ? undefined : ["REVIEWING"]),
    market: query.market?.toUpperCase(),
    entityType: query.entity_type,
    submittedFrom: query.submitted_from ? new Date(query.submitted_from) : undefined,
    submittedTo: query.submitted_to ? new Date(query.submitted_to) : undefined,
    partnerName: query.q,
    partnerId: query.partner_id,
  });
  return c.json(
    {
      data: page.data.map((a) => ({
        ...toApplication(a, staffCaller(p)),
        partner_company_name: a.partner_company_name,
        partner_entity_type: a.partner_entity_type,
      })),
      next_cursor: page.next_cursor,
    },
    200,
  );
};
