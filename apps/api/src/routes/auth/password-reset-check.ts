import type { RouteHandler } from "@hono/zod-openapi";
import { passwordResetCheckInput } from "@shopreg/domain";
import { z } from "zod";
import type { AppEnv } from "../../context.ts";
import { commonErrors, json, jsonBody } from "../../schemas/common.ts";
import { checkPasswordResetLink } from "../../usecases/password-reset.ts";
import { publicRoute } from "../factory.ts";

export const PasswordResetLinkSchema = z
  .object({
    valid: z.boolean().openapi({ description: "Whether the link still sets a new password." }),
    reason: z
      .enum(["unknown", "used", "expired"])
      .nullable()
      .openapi({ description: "Why it does not (null while it works): as confirm's 410 details.reason." }),
    expires_at: z.string().nullable().openapi({ format: "date-time", description: "When a working link stops working." }),
  })
  .openapi("PasswordResetLink");

// A POST with the token in the body, not a GET with it in the path: the token stays out of access logs.
// A used link is an answer, not an error: the page asks before it shows the form.
export const route = publicRoute({
  operationId: "checkPasswordReset",
  method: "post",
  path: "/password-resets/check",
  tags: ["Partner account"],
  summary: "Whether a reset link still works",
  description:
    "`token` is the one in the mailed link. Says whether the link still works (checking does not use it) and, if " +
    "not, why: unknown | used | expired, as POST /v1/password-resets/confirm's 410 would. The portal shows this " +
    "before asking for a new password. It tells nothing about the account. Rate-limited like signing in.",
  request: jsonBody(passwordResetCheckInput),
  responses: { 200: json(PasswordResetLinkSchema, "What the link can do."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const link = await checkPasswordResetLink(c.get("services"), c.req.valid("json").token);
  return c.json({ ...link, expires_at: link.expires_at?.toISOString() ?? null }, 200);
};
