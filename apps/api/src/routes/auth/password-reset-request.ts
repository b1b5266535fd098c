import type { RouteHandler } from "@hono/zod-openapi";
import { passwordResetRequestInput } from "@shopreg/domain";
import { z } from "zod";
import type { AppEnv } from "../../context.ts";
import { commonErrors, json, jsonBody } from "../../schemas/common.ts";
import { requestPasswordResetLater } from "../../usecases/password-reset.ts";
import { publicRoute } from "../factory.ts";

export const PasswordResetRequestedSchema = z
  .object({ email: z.string(), expires_in_seconds: z.number().int() })
  .openapi("PasswordResetRequested");

export const route = publicRoute({
  operationId: "requestPasswordReset",
  method: "post",
  path: "/password-resets",
  tags: ["Partner account"],
  summary: "Ask for a password reset link by email",
  description:
    "Always 202 with the same body, whether or not the address has an account: if it has one, a link to the portal's " +
    "reset screen is mailed to it, valid for 1 hour and once; a new request makes the earlier links stop working. Rate " +
    "limited per client address and per email address (429).",
  request: jsonBody(passwordResetRequestInput),
  responses: {
    202: json(PasswordResetRequestedSchema, "If an account has this address, a link is on its way."),
    ...commonErrors,
  },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const { email } = c.req.valid("json");
  requestPasswordResetLater({ ...c.get("services"), requestId: c.get("requestId") }, email);
  return c.json({ email, expires_in_seconds: 3600 }, 202);
};
