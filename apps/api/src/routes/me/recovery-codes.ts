import type { RouteHandler } from "@hono/zod-openapi";
import { twoFactorDisableInput } from "@shopreg/domain";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdempotencyHeader, json, jsonBody } from "../../schemas/common.ts";
import { RecoveryCodesSchema } from "../../schemas/resources.ts";
import { regenerateRecoveryCodes } from "../../usecases/account.ts";
import { useCase } from "../helpers.ts";
import { onBothSurfaces, userOf } from "./surfaces.ts";

export const routes = onBothSurfaces({
  operationId: "regenerateMyRecoveryCodes",
  method: "post",
  path: "/me/two-factor/recovery-codes",
  summary: "Replace your recovery codes (needs the current password and a current code)",
  description:
    "422 on password or code when wrong; failed checks are counted per user (429 after 5 in 15 minutes). The person is mailed.",
  request: { headers: IdempotencyHeader, ...jsonBody(twoFactorDisableInput) },
  responses: { 200: json(RecoveryCodesSchema, "Ten new codes, once; the old ones stop working."), ...commonErrors },
});

export const handler: RouteHandler<typeof routes.partner, AppEnv> = async (c) =>
  c.json(await regenerateRecoveryCodes(useCase(c, userOf(c)), c.req.valid("json")), 200);
