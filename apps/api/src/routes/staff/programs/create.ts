import type { RouteHandler } from "@hono/zod-openapi";
import { programCreateInput } from "@shopreg/domain";
import type { AppEnv } from "../../../context.ts";
import { commonErrors, IdempotencyHeader, json, jsonBody } from "../../../schemas/common.ts";
import { ProgramSchema, toProgram } from "../../../schemas/incentives.ts";
import { createProgram } from "../../../usecases/incentives.ts";
import { staffOf, staffRoute } from "../../factory.ts";
import { useCase } from "../../helpers.ts";

export const route = staffRoute(["admin"], {
  operationId: "createIncentiveProgram",
  method: "post",
  path: "/incentive-programs",
  tags: ["Incentives"],
  summary: "Define an incentive program (version 1); statements are computed for its partners",
  request: { headers: IdempotencyHeader, ...jsonBody(programCreateInput) },
  responses: { 201: json(ProgramSchema, "The program."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const program = await createProgram(useCase(c, staffOf(c)), c.req.valid("json"));
  return c.json(toProgram(program), 201);
};
