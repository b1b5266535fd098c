import type { RouteHandler } from "@hono/zod-openapi";
import { programVersionInput } from "@shopreg/domain";
import type { AppEnv } from "../../../context.ts";
import { commonErrors, IdempotencyHeader, IdParam, json, jsonBody } from "../../../schemas/common.ts";
import { ProgramSchema, toProgram } from "../../../schemas/incentives.ts";
import { createProgramVersion } from "../../../usecases/incentives.ts";
import { staffOf, staffRoute } from "../../factory.ts";
import { useCase } from "../../helpers.ts";

export const route = staffRoute(["admin"], {
  operationId: "createIncentiveProgramVersion",
  method: "post",
  path: "/incentive-programs/{id}/versions",
  tags: ["Incentives"],
  summary:
    "Change a program's rules: a new version (audited, with a note); open statements are recomputed, closed ones never change",
  request: { params: IdParam, headers: IdempotencyHeader, ...jsonBody(programVersionInput) },
  responses: { 201: json(ProgramSchema, "The program at its new version."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const program = await createProgramVersion(useCase(c, staffOf(c)), c.req.valid("param").id, c.req.valid("json"));
  return c.json(toProgram(program), 201);
};
