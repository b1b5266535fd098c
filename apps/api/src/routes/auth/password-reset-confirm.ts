import type { RouteHandler } from "@hono/zod-openapi";
import { passwordResetConfirmInput } from "@shopreg/domain";
import { clearSessionCookie, PARTNER_COOKIE } from "../../auth/session-cookie.ts";
import type { AppEnv } from "../../context.ts";
import { commonErrors, err, jsonBody } from "../../schemas/common.ts";
import { confirmPasswordReset } from "../../usecases/password-reset.ts";
import { publicRoute } from "../factory.ts";

export const route = publicRoute({
  operationId: "confirmPasswordReset",
  method: "post",
  path: "/password-resets/confirm",
  tags: ["Partner account"],
  summary: "Set a new password with the link's token",
  description:
    "`token` is the one in the mailed link. The password follows the sign-up rules (422 on password). Every session of " +
    "the user ends (sign in again with the new password) and they are mailed a notice. An unknown, used or expired link " +
    "is 410 `link_not_valid` with details.reason = unknown | used | expired: ask for a new one.",
  request: jsonBody(passwordResetConfirmInput),
  responses: {
    204: { description: "The password is changed; every session ended." },
    ...commonErrors,
    410: err("The link is unknown, used or expired (details.reason)."),
  },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  await confirmPasswordReset({ ...c.get("services"), requestId: c.get("requestId") }, c.req.valid("json"));
  // This browser's session (if any) ended with the others.
  clearSessionCookie(c, PARTNER_COOKIE);
  return c.body(null, 204);
};
