import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdempotencyHeader, json } from "../../schemas/common.ts";
import { SessionsEnded } from "../../schemas/resources.ts";
import { endOtherSessions } from "../../usecases/account.ts";
import { useCase } from "../helpers.ts";
import { onBothSurfaces, userOf } from "./surfaces.ts";

export const routes = onBothSurfaces({
  operationId: "endMyOtherSessions",
  method: "post",
  path: "/me/sessions/end-others",
  summary: "Sign out everywhere else",
  request: { headers: IdempotencyHeader },
  responses: { 200: json(SessionsEnded, "How many sessions ended."), ...commonErrors },
});

export const handler: RouteHandler<typeof routes.partner, AppEnv> = async (c) =>
  c.json(await endOtherSessions(useCase(c, userOf(c))), 200);
