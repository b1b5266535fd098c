import { type RouteHandler, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { commonErrors, json, PageQuery } from "../../../schemas/common.ts";
import { StatementPage } from "../../../schemas/incentives.ts";
import { pageAllStatements } from "../../../usecases/incentives.ts";
import { staffOf, staffRoute } from "../../factory.ts";
import { pageParams, useCase } from "../../helpers.ts";

export const route = staffRoute("any", {
  operationId: "listIncentiveStatements",
  method: "get",
  path: "/incentive-statements",
  tags: ["Incentives"],
  summary: "Statements across partners (newest first), by program or partner",
  request: {
    query: PageQuery.extend({
      program_id: z
        .uuid()
        .optional()
        .openapi({ param: { name: "program_id", in: "query" } }),
      partner_id: z
        .uuid()
        .optional()
        .openapi({ param: { name: "partner_id", in: "query" } }),
    }),
  },
  responses: { 200: json(StatementPage, "A page of statements."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const q = c.req.valid("query");
  const page = await pageAllStatements(useCase(c, staffOf(c)), {
    ...pageParams(q),
    programId: q.program_id,
    partnerId: q.partner_id,
  });
  return c.json(page, 200);
};
