import type { RouteHandler } from "@hono/zod-openapi";
import {
  actionPath,
  isStaffRole,
  REVIEW_ACTIONS,
  REVIEW_DECISIONS,
  type ReviewAction,
  reasonInput,
  reviewRows,
  type StaffRole,
} from "@shopreg/domain";
import type { AppEnv } from "../../../context.ts";
import { commonErrors, IdempotencyHeader, IdParam, json, jsonBody } from "../../../schemas/common.ts";
import { ApplicationSchema } from "../../../schemas/resources.ts";
import { toApplication } from "../../../serializers.ts";
import { decideApplication } from "../../../usecases/applications.ts";
import { staffCaller } from "../../../usecases/permissions.ts";
import { type Operation, staffOf, staffRoute } from "../../factory.ts";
import { useCase } from "../../helpers.ts";

/**
 * The staff decisions, one operation per action a staff role takes in the application machine:
 * POST /applications/{id}/<action>, callable by the roles of its rows, with a reason body when a
 * row requires one; its operationId and summary come from REVIEW_DECISIONS. A new decision is a
 * row and a decision entry in packages/domain, not a route file.
 */
function decisionOperation(action: ReviewAction) {
  const rows = reviewRows(action);
  const roles: StaffRole[] = [...new Set(rows.flatMap((r) => r.actors.filter(isStaffRole)))];
  const needsReason = rows.some((r) => r.reasonRequired);
  const { operationId, summary } = REVIEW_DECISIONS[action];
  const route = staffRoute(roles, {
    operationId,
    method: "post",
    path: `/applications/{id}/${actionPath(action)}`,
    tags: ["Review"],
    summary,
    request: { params: IdParam, headers: IdempotencyHeader, ...(needsReason ? jsonBody(reasonInput) : {}) },
    responses: { 200: json(ApplicationSchema, "The application in its new state."), ...commonErrors },
  });
  const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
    const p = staffOf(c);
    // The body was validated (and the reason trimmed) only when the operation takes one.
    const reason = needsReason ? (c.req.valid("json" as never) as { reason: string }).reason : undefined;
    return c.json(
      toApplication(await decideApplication(useCase(c, p), c.req.valid("param").id, action, reason), staffCaller(p)),
      200,
    );
  };
  return { route, handler } as Operation;
}

export const decisionOperations: Operation[] = REVIEW_ACTIONS.map(decisionOperation);
