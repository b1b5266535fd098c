import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { commonErrors, IdParam, json } from "../../../schemas/common.ts";
import { ApplicationReviewSchema } from "../../../schemas/resources.ts";
import { toApplication, toAuditEvent, toPartner } from "../../../serializers.ts";
import { getApplicationForReview } from "../../../usecases/applications.ts";
import { staffCaller } from "../../../usecases/permissions.ts";
import { staffOf, staffRoute } from "../../factory.ts";
import { useCase } from "../../helpers.ts";

export const route = staffRoute("any", {
  operationId: "getApplicationForReview",
  method: "get",
  path: "/applications/{id}",
  tags: ["Review"],
  summary: "An application with its details, partner, earlier revisions and full history",
  request: { params: IdParam },
  responses: { 200: json(ApplicationReviewSchema, "The application under review."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const p = staffOf(c);
  const r = await getApplicationForReview(useCase(c, p), c.req.valid("param").id);
  return c.json(
    {
      application: toApplication(r.app, staffCaller(p)),
      partner: toPartner(r.partner),
      history: r.history.map(toAuditEvent),
      revisions: r.revisions.map((v) => ({
        revision: v.revision,
        details: v.details,
        submitted_at: v.submitted_at.toISOString(),
      })),
    },
    200,
  );
};
