import { type RouteHandler, z } from "@hono/zod-openapi";
import { programRulesInput } from "@shopreg/domain";
import type { AppEnv } from "../../../context.ts";
import { commonErrors, IdempotencyHeader, json, jsonBody } from "../../../schemas/common.ts";
import { StatementTotalsSchema } from "../../../schemas/incentives.ts";
import { previewRules } from "../../../usecases/incentives.ts";
import { staffOf, staffRoute } from "../../factory.ts";
import { useCase } from "../../helpers.ts";

const PreviewBody = z
  .strictObject({
    rules: programRulesInput,
    evaluated_at: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({ description: "Evaluate as of this time (default now); the period's close shows what it would have paid." }),
  })
  .openapi("IncentivePreviewInput");

const PreviewSchema = z
  .object({
    evaluated_at: z.string(),
    partners: z.array(
      z.object({
        partner_id: z.string(),
        totals: StatementTotalsSchema,
        excluded_by_reason: z.record(z.string(), z.number().int()),
      }),
    ),
  })
  .openapi("IncentivePreview");

export const route = staffRoute(["admin"], {
  operationId: "previewIncentiveRules",
  method: "post",
  path: "/incentive-programs/preview",
  tags: ["Incentives"],
  summary:
    "Preview rules before publishing them: each participating partner's totals from the data already recorded (writes nothing)",
  request: { headers: IdempotencyHeader, ...jsonBody(PreviewBody) },
  responses: { 200: json(PreviewSchema, "Per partner totals and exclusions by reason."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const at = body.evaluated_at ? new Date(body.evaluated_at) : undefined;
  return c.json(await previewRules(useCase(c, staffOf(c)), body.rules, at), 200);
};
