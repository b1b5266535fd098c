import type { RouteHandler } from "@hono/zod-openapi";
import { reasonInput } from "@shopreg/domain";
import type { AppEnv } from "../../../context.ts";
import { commonErrors, IdempotencyHeader, IdParam, json, jsonBody } from "../../../schemas/common.ts";
import { ApplicationSchema } from "../../../schemas/resources.ts";
import { toApplication } from "../../../serializers.ts";
import { rejectApplication } from "../../../usecases/applications.ts";
import { staffCaller } from "../../../usecases/permissions.ts";
import { staffOf, staffRoute } from "../../factory.ts";
import { useCase } from "../../helpers.ts";

export const route = staffRoute(["reviewer", "admin"], {
  operationId: "rejectApplication",
  method: "post",
  path: "/applications/{id}/reject",
  tags: ["Review"],
  summary: "Reject with a reason (Reviewing -> Rejected)",
  request: { params: IdParam, headers: IdempotencyHeader, ...jsonBody(reasonInput) },
  responses: { 200: json(ApplicationSchema, "The application in its new state."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const p = staffOf(c);
  return c.json(
    toApplication(await rejectApplication(useCase(c, p), c.req.valid("param").id, c.req.valid("json").reason), staffCaller(p)),
    200,
  );
};
