import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, json, PageQuery } from "../../schemas/common.ts";
import { DisputePage, toDispute } from "../../schemas/incentives.ts";
import { partnerDisputes } from "../../usecases/incentives.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { pageParams, useCase } from "../helpers.ts";

export const route = partnerRoute("incentives:read", {
  operationId: "listMyIncentiveDisputes",
  method: "get",
  path: "/incentives/disputes",
  tags: ["Incentives"],
  summary: "Your disputes (newest first), with their resolution",
  request: { query: PageQuery },
  responses: { 200: json(DisputePage, "A page of disputes."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const page = await partnerDisputes(useCase(c, partnerOf(c)), pageParams(c.req.valid("query")));
  return c.json({ data: page.data.map(toDispute), next_cursor: page.next_cursor }, 200);
};
