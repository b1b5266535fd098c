import type { RouteHandler } from "@hono/zod-openapi";
import { disputeAcceptInput } from "@shopreg/domain";
import type { AppEnv } from "../../../context.ts";
import { commonErrors, IdempotencyHeader, IdParam, json, jsonBody } from "../../../schemas/common.ts";
import { DisputeSchema, toDispute } from "../../../schemas/incentives.ts";
import { resolveDispute } from "../../../usecases/incentives.ts";
import { staffOf, staffRoute } from "../../factory.ts";
import { useCase } from "../../helpers.ts";

export const route = staffRoute(["reviewer", "admin"], {
  operationId: "acceptIncentiveDispute",
  method: "post",
  path: "/incentive-disputes/{id}/accept",
  tags: ["Incentives"],
  summary: "Accept a dispute: an adjustment line on the partner's next statement (audited, webhook and mail)",
  request: { params: IdParam, headers: IdempotencyHeader, ...jsonBody(disputeAcceptInput) },
  responses: { 200: json(DisputeSchema, "The dispute, accepted."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const d = await resolveDispute(useCase(c, staffOf(c)), c.req.valid("param").id, { accept: true, ...body });
  return c.json(toDispute(d), 200);
};
