import type { RouteHandler } from "@hono/zod-openapi";
import { reasonInput } from "@shopreg/domain";
import type { AppEnv } from "../../../context.ts";
import { commonErrors, IdempotencyHeader, IdParam, json, jsonBody } from "../../../schemas/common.ts";
import { ApplicationSchema } from "../../../schemas/resources.ts";
import { toApplication } from "../../../serializers.ts";
import { revokeApplication } from "../../../usecases/applications.ts";
import { staffCaller } from "../../../usecases/permissions.ts";
import { staffOf, staffRoute } from "../../factory.ts";
import { useCase } from "../../helpers.ts";

export const route = staffRoute(["admin"], {
  operationId: "revokeApplication",
  method: "post",
  path: "/applications/{id}/revoke",
  tags: ["Review"],
  summary: "Revoke an approval with a reason (admin; turns the partner's services in that category and market Off)",
  request: { params: IdParam, headers: IdempotencyHeader, ...jsonBody(reasonInput) },
  responses: { 200: json(ApplicationSchema, "The application in its new state."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const p = staffOf(c);
  return c.json(
    toApplication(await revokeApplication(useCase(c, p), c.req.valid("param").id, c.req.valid("json").reason), staffCaller(p)),
    200,
  );
};
