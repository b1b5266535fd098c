import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdempotencyHeader } from "../../schemas/common.ts";
import { resendEmailVerification } from "../../usecases/email-verification.ts";
import { memberOf, partnerSessionRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const route = partnerSessionRoute({
  operationId: "resendEmailVerification",
  method: "post",
  path: "/me/email-verification",
  tags: ["Partner account"],
  summary: "Mail a new link to confirm your email address",
  description:
    "The earlier links stop working. 409 details.reason = already_verified when there is nothing to confirm; rate limited " +
    "per user (429).",
  request: { headers: IdempotencyHeader },
  responses: { 202: { description: "A new link is on its way." }, ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  await resendEmailVerification(useCase(c, memberOf(c)));
  return c.body(null, 202);
};
