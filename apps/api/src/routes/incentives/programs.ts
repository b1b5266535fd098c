import { type RouteHandler, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, json } from "../../schemas/common.ts";
import { PartnerProgramSchema, toProgram } from "../../schemas/incentives.ts";
import { partnerPrograms } from "../../usecases/incentives.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const route = partnerRoute("incentives:read", {
  operationId: "listMyIncentivePrograms",
  method: "get",
  path: "/incentives/programs",
  tags: ["Incentives"],
  summary: "The incentive programs your account takes part in, with your statements' totals",
  responses: {
    200: json(z.object({ data: z.array(PartnerProgramSchema) }).openapi("PartnerIncentiveProgramList"), "Your programs."),
    ...commonErrors,
  },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const list = await partnerPrograms(useCase(c, partnerOf(c)));
  return c.json({ data: list.map((p) => ({ program: toProgram(p.program), statements: p.statements })) }, 200);
};
