import type { RouteHandler } from "@hono/zod-openapi";
import { emailVerificationConfirmInput } from "@shopreg/domain";
import { z } from "zod";
import type { AppEnv } from "../../context.ts";
import { commonErrors, err, json, jsonBody } from "../../schemas/common.ts";
import { confirmEmailVerification } from "../../usecases/email-verification.ts";
import { publicRoute } from "../factory.ts";

export const EmailVerifiedSchema = z.object({ email: z.string(), email_verified: z.literal(true) }).openapi("EmailVerified");

export const route = publicRoute({
  operationId: "confirmEmailVerification",
  method: "post",
  path: "/email-verifications/confirm",
  tags: ["Partner account"],
  summary: "Confirm an email address with the link's token",
  description:
    "`token` is the one in the mailed link; it works once, within 24 hours. It needs no session. An unknown, used or " +
    "expired link is 410 `link_not_valid` with details.reason = unknown | used | expired (ask for a new one from the " +
    "portal: POST /v1/me/email-verification).",
  request: jsonBody(emailVerificationConfirmInput),
  responses: {
    200: json(EmailVerifiedSchema, "The address is confirmed."),
    ...commonErrors,
    410: err("The link is unknown, used or expired (details.reason)."),
  },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const user = await confirmEmailVerification({ ...c.get("services"), requestId: c.get("requestId") }, c.req.valid("json").token);
  return c.json({ email: user.email, email_verified: true as const }, 200);
};
