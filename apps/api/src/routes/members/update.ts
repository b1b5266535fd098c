import type { RouteHandler } from "@hono/zod-openapi";
import { memberUpdateInput } from "@shopreg/domain";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdParam, json, jsonBody } from "../../schemas/common.ts";
import { MemberSchema } from "../../schemas/resources.ts";
import { toMember } from "../../serializers.ts";
import { changeMemberRole } from "../../usecases/members.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const route = partnerRoute("members:write", {
  operationId: "updateMember",
  method: "patch",
  path: "/members/{id}",
  tags: ["Members"],
  summary: "Change a member's role",
  description:
    "Only an owner may make someone an owner or change an owner's role (403). Demoting the last owner is " +
    "409 with details.reason = last_owner.",
  request: { params: IdParam, ...jsonBody(memberUpdateInput) },
  responses: { 200: json(MemberSchema, "The member with the new role."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) =>
  c.json(toMember(await changeMemberRole(useCase(c, partnerOf(c)), c.req.valid("param").id, c.req.valid("json").role)), 200);
