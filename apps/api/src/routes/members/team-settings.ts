import type { RouteHandler } from "@hono/zod-openapi";
import { teamSecurityInput } from "@shopreg/domain";
import type { AppEnv } from "../../context.ts";
import { commonErrors, json, jsonBody } from "../../schemas/common.ts";
import { PartnerSchema } from "../../schemas/resources.ts";
import { toPartner } from "../../serializers.ts";
import { setTeamSecurity } from "../../usecases/members.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const route = partnerRoute("members:write", {
  operationId: "updateTeamSecurity",
  method: "patch",
  path: "/team/security",
  tags: ["Members"],
  summary: "Require two-factor for every member (owner only)",
  description:
    "With require_two_factor on, a member without two-factor still signs in, but every request other than " +
    "/v1/session and /v1/me/* answers 403 two_factor_enrolment_required until they enrol.",
  request: jsonBody(teamSecurityInput),
  responses: { 200: json(PartnerSchema, "The partner, with require_two_factor."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) =>
  c.json(toPartner(await setTeamSecurity(useCase(c, partnerOf(c)), c.req.valid("json"))), 200);
