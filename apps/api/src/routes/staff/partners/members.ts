import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { commonErrors, IdParam, json } from "../../../schemas/common.ts";
import { MemberList } from "../../../schemas/resources.ts";
import { toMember } from "../../../serializers.ts";
import { listMembersForStaff } from "../../../usecases/members.ts";
import { staffOf, staffRoute } from "../../factory.ts";
import { useCase } from "../../helpers.ts";

export const route = staffRoute("any", {
  operationId: "listPartnerMembersForStaff",
  method: "get",
  path: "/partners/{id}/members",
  tags: ["Staff"],
  summary: "A partner's members and roles",
  request: { params: IdParam },
  responses: { 200: json(MemberList, "The members."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) =>
  c.json({ data: (await listMembersForStaff(useCase(c, staffOf(c)), c.req.valid("param").id)).map(toMember) }, 200);
