import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, json } from "../../schemas/common.ts";
import { MemberList } from "../../schemas/resources.ts";
import { toMember } from "../../serializers.ts";
import { listMembers } from "../../usecases/members.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const route = partnerRoute("members:read", {
  operationId: "listMembers",
  method: "get",
  path: "/members",
  tags: ["Members"],
  summary: "The account's members and their roles",
  description: "Oldest first. A team is small, so the whole list comes in one page.",
  responses: { 200: json(MemberList, "The members."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) =>
  c.json({ data: (await listMembers(useCase(c, partnerOf(c)))).map(toMember) }, 200);
