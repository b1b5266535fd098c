import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdempotencyHeader, json } from "../../schemas/common.ts";
import { TwoFactorEnrolmentSchema } from "../../schemas/resources.ts";
import { startTwoFactorEnrolment } from "../../usecases/account.ts";
import { useCase } from "../helpers.ts";
import { onBothSurfaces, userOf } from "./surfaces.ts";

export const routes = onBothSurfaces({
  operationId: "startMyTwoFactor",
  method: "post",
  path: "/me/two-factor",
  summary: "Start two-factor enrolment: a new TOTP secret, shown once",
  description:
    "Show otpauth_uri as a QR code (and secret for typing in). Nothing changes at sign-in until a code confirms it " +
    "(POST .../two-factor/confirm). Starting again replaces the unconfirmed secret. 409 if two-factor is already on.",
  request: { headers: IdempotencyHeader },
  responses: { 201: json(TwoFactorEnrolmentSchema, "The secret, once."), ...commonErrors },
});

export const handler: RouteHandler<typeof routes.partner, AppEnv> = async (c) =>
  c.json(await startTwoFactorEnrolment(useCase(c, userOf(c))), 201);
