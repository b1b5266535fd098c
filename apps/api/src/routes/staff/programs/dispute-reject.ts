import type { RouteHandler } from "@hono/zod-openapi";
import { disputeRejectInput } from "@shopreg/domain";
import type { AppEnv } from "../../../context.ts";
import { commonErrors, IdempotencyHeader, IdParam, json, jsonBody } from "../../../schemas/common.ts";
import { DisputeSchema, toDispute } from "../../../schemas/incentives.ts";
import { resolveDispute } from "../../../usecases/incentives.ts";
import { staffOf, staffRoute } from "../../factory.ts";
import { useCase } from "../../helpers.ts";

export const route = staffRoute(["reviewer", "admin"], {
  operationId: "rejectIncentiveDispute",
  method: "post",
  path: "/incentive-disputes/{id}/reject",
  tags: ["Incentives"],
  summary: "Reject a dispute with a reason (audited, webhook and mail)",
  request: { params: IdParam, headers: IdempotencyHeader, ...jsonBody(disputeRejectInput) },
  responses: { 200: json(DisputeSchema, "The dispute, rejected."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const d = await resolveDispute(useCase(c, staffOf(c)), c.req.valid("param").id, {
    accept: false,
    reason: c.req.valid("json").reason,
  });
  return c.json(toDispute(d), 200);
};
