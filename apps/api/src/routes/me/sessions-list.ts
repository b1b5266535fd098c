import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, json } from "../../schemas/common.ts";
import { SessionList } from "../../schemas/resources.ts";
import { toSession } from "../../serializers.ts";
import { listMySessions } from "../../usecases/account.ts";
import { useCase } from "../helpers.ts";
import { onBothSurfaces, userOf } from "./surfaces.ts";

export const routes = onBothSurfaces({
  operationId: "listMySessions",
  method: "get",
  path: "/me/sessions",
  summary: "Your signed-in sessions (device, last seen)",
  description: "Most recently seen first; current marks the one making this request. Last seen is kept to within 5 minutes.",
  responses: { 200: json(SessionList, "The sessions."), ...commonErrors },
});

export const handler: RouteHandler<typeof routes.partner, AppEnv> = async (c) =>
  c.json({ data: (await listMySessions(useCase(c, userOf(c)))).map(toSession) }, 200);
