import type { RouteHandler } from "@hono/zod-openapi";
import { twoFactorDisableInput } from "@shopreg/domain";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdempotencyHeader, jsonBody } from "../../schemas/common.ts";
import { disableTwoFactor } from "../../usecases/account.ts";
import { useCase } from "../helpers.ts";
import { onBothSurfaces, userOf } from "./surfaces.ts";

export const routes = onBothSurfaces({
  operationId: "disableMyTwoFactor",
  method: "post",
  path: "/me/two-factor/disable",
  summary: "Turn two-factor off (password and a code)",
  description:
    "The code may be a recovery code. Where two-factor is required (staff admin, a team that requires it), you are " +
    "asked to enrol again before acting.",
  request: { headers: IdempotencyHeader, ...jsonBody(twoFactorDisableInput) },
  responses: { 204: { description: "Off." }, ...commonErrors },
});

export const handler: RouteHandler<typeof routes.partner, AppEnv> = async (c) => {
  await disableTwoFactor(useCase(c, userOf(c)), c.req.valid("json"));
  return c.body(null, 204);
};
