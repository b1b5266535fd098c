import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, json } from "../../schemas/common.ts";
import { TwoFactorStatusSchema } from "../../schemas/resources.ts";
import { twoFactorStatus } from "../../usecases/account.ts";
import { useCase } from "../helpers.ts";
import { onBothSurfaces, userOf } from "./surfaces.ts";

export const routes = onBothSurfaces({
  operationId: "getMyTwoFactor",
  method: "get",
  path: "/me/two-factor",
  summary: "Whether two-factor is on, and required",
  responses: { 200: json(TwoFactorStatusSchema, "The status."), ...commonErrors },
});

export const handler: RouteHandler<typeof routes.partner, AppEnv> = async (c) => {
  const s = await twoFactorStatus(useCase(c, userOf(c)));
  return c.json({ ...s, enabled_at: s.enabled_at ? s.enabled_at.toISOString() : null }, 200);
};
