import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdParam } from "../../schemas/common.ts";
import { endMySession } from "../../usecases/account.ts";
import { useCase } from "../helpers.ts";
import { onBothSurfaces, userOf } from "./surfaces.ts";

export const routes = onBothSurfaces({
  operationId: "endMySession",
  method: "delete",
  path: "/me/sessions/{id}",
  summary: "Sign out one of your sessions",
  description: "Ending the current one signs you out here too.",
  request: { params: IdParam },
  responses: { 204: { description: "Ended." }, ...commonErrors },
});

export const handler: RouteHandler<typeof routes.partner, AppEnv> = async (c) => {
  await endMySession(useCase(c, userOf(c)), c.req.valid("param").id);
  return c.body(null, 204);
};
