import { type RouteHandler, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { commonErrors, IdempotencyHeader, json } from "../../../schemas/common.ts";
import { runIncentiveJob } from "../../../usecases/incentives.ts";
import { staffRoute } from "../../factory.ts";

export const route = staffRoute(["admin"], {
  operationId: "runIncentiveJob",
  method: "post",
  path: "/incentive-statements/run-job",
  tags: ["Incentives"],
  summary: "Run the incentive job now (it also runs with maintenance): decide due pending lines, close due statements",
  request: { headers: IdempotencyHeader },
  responses: {
    200: json(z.object({ decided: z.number().int(), closed: z.number().int() }).openapi("IncentiveJobResult"), "What it did."),
    ...commonErrors,
  },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) =>
  c.json(await runIncentiveJob({ ...c.get("services"), requestId: c.get("requestId") }), 200);
