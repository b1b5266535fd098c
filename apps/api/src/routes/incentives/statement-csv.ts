import { type RouteHandler, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdParam } from "../../schemas/common.ts";
import { partnerStatementCsv } from "../../usecases/incentives.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const route = partnerRoute("incentives:read", {
  operationId: "exportMyIncentiveStatement",
  method: "get",
  path: "/incentives/programs/{id}/statement.csv",
  tags: ["Incentives"],
  summary: "Your statement's lines as CSV",
  request: {
    params: IdParam,
    query: z.object({
      sequence: z.coerce
        .number()
        .int()
        .min(1)
        .optional()
        .openapi({ param: { name: "sequence", in: "query" } }),
    }),
  },
  responses: {
    200: { content: { "text/csv": { schema: z.string() } }, description: "CSV with a header row." },
    ...commonErrors,
  },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const id = c.req.valid("param").id;
  const { csv, sequence } = await partnerStatementCsv(useCase(c, partnerOf(c)), id, c.req.valid("query").sequence);
  return c.body(csv, 200, {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="shopreg-incentive-statement-${id}-${sequence}.csv"`,
  }) as never;
};
