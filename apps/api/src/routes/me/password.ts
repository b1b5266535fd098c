import type { RouteHandler } from "@hono/zod-openapi";
import { passwordChangeInput } from "@shopreg/domain";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdempotencyHeader, json, jsonBody } from "../../schemas/common.ts";
import { PasswordChangedSchema } from "../../schemas/resources.ts";
import { changePassword } from "../../usecases/account.ts";
import { useCase } from "../helpers.ts";
import { onBothSurfaces, userOf } from "./surfaces.ts";

export const routes = onBothSurfaces({
  operationId: "changeMyPassword",
  method: "post",
  path: "/me/password",
  summary: "Change your password",
  description:
    "Needs the current password (422 on current_password if wrong). Every other session of yours ends; this one stays.",
  request: { headers: IdempotencyHeader, ...jsonBody(passwordChangeInput) },
  responses: { 200: json(PasswordChangedSchema, "Changed."), ...commonErrors },
});

export const handler: RouteHandler<typeof routes.partner, AppEnv> = async (c) =>
  c.json(await changePassword(useCase(c, userOf(c)), c.req.valid("json")), 200);
