import type { RouteHandler } from "@hono/zod-openapi";
import { signUpInput } from "@shopreg/domain";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdempotencyHeader, json, jsonBody } from "../../schemas/common.ts";
import { SignUpAcceptedSchema } from "../../schemas/resources.ts";
import { signUpPartner } from "../../usecases/partners.ts";
import { publicRoute } from "../factory.ts";

export const route = publicRoute({
  operationId: "signUp",
  method: "post",
  path: "/partners",
  tags: ["Partner account"],
  summary: "Sign up as a partner",
  description:
    "Always 202 with the same body, whether or not the address already has an account, so the answer reveals nothing. " +
    "A new address gets its partner and first user, and a mail with a link to confirm it (24 h); a known address gets " +
    "nothing created and a mail telling its owner. Then sign in with POST /v1/session. Until the address is confirmed " +
    "the user may prepare the application but not submit it (403 email_not_verified). The two registration regions are " +
    "fixed from now on. Set apply_for_shop_registration to open a draft Shop registration application at once; only a " +
    "company registered in the United States may (422 on apply_for_shop_registration otherwise: non-U.S. partners " +
    "apply from Profile).",
  request: { headers: IdempotencyHeader, ...jsonBody(signUpInput) },
  responses: { 202: json(SignUpAcceptedSchema, "Check the mailbox of the address."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const input = c.req.valid("json");
  await signUpPartner({ ...c.get("services"), requestId: c.get("requestId") }, input);
  return c.json({ email: input.contact_email, next: "confirm_email" as const }, 202);
};
