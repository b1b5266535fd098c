import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { commonErrors, IdParam, json } from "../../../schemas/common.ts";
import { ProgramDetailSchema, toProgram } from "../../../schemas/incentives.ts";
import { getProgram } from "../../../usecases/incentives.ts";
import { staffOf, staffRoute } from "../../factory.ts";
import { useCase } from "../../helpers.ts";

export const route = staffRoute("any", {
  operationId: "getIncentiveProgram",
  method: "get",
  path: "/incentive-programs/{id}",
  tags: ["Incentives"],
  summary: "A program with every version of its rules (newest first)",
  request: { params: IdParam },
  responses: { 200: json(ProgramDetailSchema, "The program."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const { program, versions } = await getProgram(useCase(c, staffOf(c)), c.req.valid("param").id);
  return c.json(
    {
      ...toProgram(program),
      versions: versions.map((v) => ({
        version: v.version,
        rules: v.rules,
        note: v.note,
        created_at: new Date(v.created_at).toISOString(),
      })),
    },
    200,
  );
};
