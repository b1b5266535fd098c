import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { profileUpdateInput } from "@shopreg/domain";
import type { AppEnv } from "../../context.ts";
import { requirePartner } from "../../middleware/authenticate.ts";
import { commonErrors, json, jsonBody, partnerSecurity } from "../../schemas/common.ts";
import { PartnerSchema } from "../../schemas/resources.ts";
import { toPartner } from "../../serializers.ts";
import { updateProfile } from "../../usecases/partners.ts";
import { useCase } from "../helpers.ts";

export const route = createRoute({
  method: "patch",
  path: "/profile",
  tags: ["Profile"],
  summary: "Update company name and contact",
  description:
    "Registration region and company registration region cannot change; sending them is a validation error. " +
    "With an API key, needs the applications:write scope (the profile is what applications are made from).",
  security: partnerSecurity,
  request: jsonBody(profileUpdateInput),
  responses: { 200: json(PartnerSchema, "The updated profile."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) =>
  c.json(toPartner(await updateProfile(useCase(c, requirePartner(c, "applications:write")), c.req.valid("json"))), 200);
