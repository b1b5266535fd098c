import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdempotencyHeader, IdParam, json } from "../../schemas/common.ts";
import { MemberSchema } from "../../schemas/resources.ts";
import { toMember } from "../../serializers.ts";
import { transferOwnership } from "../../usecases/members.ts";
import { partnerOf, partnerSessionRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

// A signed-in owner's own act: no API key may hand the account over.
export const route = partnerSessionRoute({
  operationId: "transferOwnership",
  method: "post",
  path: "/members/{id}/transfer-ownership",
  tags: ["Members"],
  summary: "Hand the account to another member (owner only)",
  description:
    "The member becomes an owner and you become an admin. Only a signed-in owner may (403 for other roles; 401 for an API key).",
  request: { params: IdParam, headers: IdempotencyHeader },
  responses: { 200: json(MemberSchema, "The new owner."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) =>
  c.json(toMember(await transferOwnership(useCase(c, partnerOf(c)), c.req.valid("param").id)), 200);
