import { type RouteHandler, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdParam, json, PageQuery } from "../../schemas/common.ts";
import { StatementWithLinesSchema } from "../../schemas/incentives.ts";
import { partnerStatement } from "../../usecases/incentives.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { pageParams, useCase } from "../helpers.ts";

export const StatementQuery = PageQuery.extend({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .default(100)
    .openapi({ param: { name: "limit", in: "query" } }),
  sequence: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .openapi({ param: { name: "sequence", in: "query", description: "1 (default) is the period's statement." } }),
  status: z
    .enum(["eligible", "pending", "excluded", "adjustment"])
    .optional()
    .openapi({ param: { name: "status", in: "query" } }),
});

export const route = partnerRoute("incentives:read", {
  operationId: "getMyIncentiveStatement",
  method: "get",
  path: "/incentives/programs/{id}/statement",
  tags: ["Incentives"],
  summary: "Your statement for a program: totals (cap applied) and a page of lines, each with its state, reason and rule",
  request: { params: IdParam, query: StatementQuery },
  responses: { 200: json(StatementWithLinesSchema, "The statement and a page of its lines."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const q = c.req.valid("query");
  const s = await partnerStatement(useCase(c, partnerOf(c)), c.req.valid("param").id, {
    ...pageParams(q),
    sequence: q.sequence,
    status: q.status,
  });
  return c.json(s, 200);
};
