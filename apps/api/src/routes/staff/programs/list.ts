import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { commonErrors, json, PageQuery } from "../../../schemas/common.ts";
import { ProgramPage, toProgram } from "../../../schemas/incentives.ts";
import { pagePrograms } from "../../../usecases/incentives.ts";
import { staffOf, staffRoute } from "../../factory.ts";
import { pageParams, useCase } from "../../helpers.ts";

export const route = staffRoute("any", {
  operationId: "listIncentivePrograms",
  method: "get",
  path: "/incentive-programs",
  tags: ["Incentives"],
  summary: "List incentive programs (newest first) with their current rules",
  request: { query: PageQuery },
  responses: { 200: json(ProgramPage, "A page of programs."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const page = await pagePrograms(useCase(c, staffOf(c)), pageParams(c.req.valid("query")));
  return c.json({ data: page.data.map(toProgram), next_cursor: page.next_cursor }, 200);
};
