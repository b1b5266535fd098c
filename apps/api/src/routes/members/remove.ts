import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdParam } from "../../schemas/common.ts";
import { removeMember } from "../../usecases/members.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const route = partnerRoute("members:write", {
  operationId: "removeMember",
  method: "delete",
  path: "/members/{id}",
  tags: ["Members"],
  summary: "Remove a member (or leave, with your own id)",
  description:
    "The member's sessions end and the API keys they created are revoked. The last owner cannot be removed or " +
    "leave (409, details.reason = last_owner); only an owner removes an owner (403).",
  request: { params: IdParam },
  responses: { 204: { description: "Removed." }, ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  await removeMember(useCase(c, partnerOf(c)), c.req.valid("param").id);
  return c.body(null, 204);
};
