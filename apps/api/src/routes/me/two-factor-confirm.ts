import type { RouteHandler } from "@hono/zod-openapi";
import { twoFactorConfirmInput, twoFactorDisableInput } from "@shopreg/domain";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdempotencyHeader, json, jsonBody } from "../../schemas/common.ts";
import { RecoveryCodesSchema } from "../../schemas/resources.ts";
import { confirmTwoFactor } from "../../usecases/account.ts";
import { useCase } from "../helpers.ts";
import { onBothSurfaces, userOf } from "./surfaces.ts";

/** The current password too: a stolen session alone cannot put its own device on the account. */
const input = twoFactorConfirmInput.extend({ password: twoFactorDisableInput.shape.password });

export const routes = onBothSurfaces({
  operationId: "confirmMyTwoFactor",
  method: "post",
  path: "/me/two-factor/confirm",
  summary: "Turn two-factor on with a code from the app; get 10 recovery codes, shown once",
  description:
    "Needs the current password (422 on password if wrong) and a code from the app (422 on code if it is not valid " +
    "now). From now on signing in needs a code; the person is mailed. Failed password or code checks on the account " +
    "page are counted per user: after 5 in 15 minutes, 429.",
  request: { headers: IdempotencyHeader, ...jsonBody(input) },
  responses: { 200: json(RecoveryCodesSchema, "On; the recovery codes, once."), ...commonErrors },
});

export const handler: RouteHandler<typeof routes.partner, AppEnv> = async (c) =>
  c.json(await confirmTwoFactor(useCase(c, userOf(c)), c.req.valid("json")), 200);
