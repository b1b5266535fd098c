import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, json } from "../../schemas/common.ts";
import { PartnerSchema } from "../../schemas/resources.ts";
import { toPartner } from "../../serializers.ts";
import { getProfile } from "../../usecases/partners.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const route = partnerRoute("profile:read", {
  operationId: "getProfile",
  method: "get",
  path: "/profile",
  tags: ["Profile"],
  summary: "The partner's profile",
  responses: { 200: json(PartnerSchema, "The profile."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) =>
  c.json(toPartner(await getProfile(useCase(c, partnerOf(c)))), 200);
