import type { RouteHandler } from "@hono/zod-openapi";
import { twoFactorConfirmInput } from "@shopreg/domain";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdempotencyHeader, json, jsonBody } from "../../schemas/common.ts";
import { RecoveryCodesSchema } from "../../schemas/resources.ts";
import { confirmTwoFactor } from "../../usecases/account.ts";
import { useCase } from "../helpers.ts";
import { onBothSurfaces, userOf } from "./surfaces.ts";

export const routes = onBothSurfaces({
  operationId: "confirmMyTwoFactor",
  method: "post",
  path: "/me/two-factor/confirm",
  summary: "Turn two-factor on with a code from the app; get 10 recovery codes, shown once",
  description: "422 on code if it is not valid now. From now on signing in needs a code.",
  request: { headers: IdempotencyHeader, ...jsonBody(twoFactorConfirmInput) },
  responses: { 200: json(RecoveryCodesSchema, "On; the recovery codes, once."), ...commonErrors },
});

export const handler: RouteHandler<typeof routes.partner, AppEnv> = async (c) =>
  c.json(await confirmTwoFactor(useCase(c, userOf(c)), c.req.valid("json").code), 200);
