import type { RouteHandler } from "@hono/zod-openapi";
import { profileUpdateInput } from "@shopreg/domain";
import type { AppEnv } from "../../context.ts";
import { commonErrors, json, jsonBody } from "../../schemas/common.ts";
import { PartnerSchema } from "../../schemas/resources.ts";
import { toPartner } from "../../serializers.ts";
import { updateProfile } from "../../usecases/partners.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const route = partnerRoute("profile:write", {
  operationId: "updateProfile",
  method: "patch",
  path: "/profile",
  tags: ["Profile"],
  summary: "Update company name and contact",
  description:
    "Registration region and company registration region cannot change; sending them is a validation error. " +
    "With an API key, needs the applications:write scope (the profile is what applications are made from).",
  request: jsonBody(profileUpdateInput),
  responses: { 200: json(PartnerSchema, "The updated profile."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) =>
  c.json(toPartner(await updateProfile(useCase(c, partnerOf(c)), c.req.valid("json"))), 200);
