import { type RouteHandler, z } from "@hono/zod-openapi";
import { DISPUTE_STATUSES } from "@shopreg/domain";
import type { AppEnv } from "../../../context.ts";
import { commonErrors, json, PageQuery } from "../../../schemas/common.ts";
import { DisputePage, toDispute } from "../../../schemas/incentives.ts";
import { staffDisputes } from "../../../usecases/incentives.ts";
import { staffOf, staffRoute } from "../../factory.ts";
import { pageParams, useCase } from "../../helpers.ts";

export const route = staffRoute("any", {
  operationId: "listIncentiveDisputes",
  method: "get",
  path: "/incentive-disputes",
  tags: ["Incentives"],
  summary: "The disputes queue (newest first), by status and program",
  request: {
    query: PageQuery.extend({
      status: z
        .enum(DISPUTE_STATUSES)
        .optional()
        .openapi({ param: { name: "status", in: "query" } }),
      program_id: z
        .uuid()
        .optional()
        .openapi({ param: { name: "program_id", in: "query" } }),
    }),
  },
  responses: { 200: json(DisputePage, "A page of disputes."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const q = c.req.valid("query");
  const page = await staffDisputes(useCase(c, staffOf(c)), { ...pageParams(q), status: q.status, programId: q.program_id });
  return c.json({ data: page.data.map(toDispute), next_cursor: page.next_cursor }, 200);
};
