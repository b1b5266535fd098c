import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { commonErrors, IdempotencyHeader, json, PartnerMemberParams } from "../../../schemas/common.ts";
import { MemberSchema } from "../../../schemas/resources.ts";
import { toMember } from "../../../serializers.ts";
import { setPartnerUserDisabled } from "../../../usecases/members.ts";
import { staffOf, staffRoute } from "../../factory.ts";
import { useCase } from "../../helpers.ts";

export const route = staffRoute(["admin"], {
  operationId: "disablePartnerMember",
  method: "post",
  path: "/partners/{id}/members/{user_id}/disable",
  tags: ["Staff"],
  summary: "Disable a partner's user and end their sessions (admin)",
  description: "Audited. Doing it twice returns the member unchanged.",
  request: { params: PartnerMemberParams, headers: IdempotencyHeader },
  responses: { 200: json(MemberSchema, "The member."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const { id, user_id } = c.req.valid("param");
  return c.json(toMember(await setPartnerUserDisabled(useCase(c, staffOf(c)), id, user_id, true)), 200);
};
