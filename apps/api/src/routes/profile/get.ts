import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { requirePartner } from "../../middleware/authenticate.ts";
import { commonErrors, json, partnerSecurity } from "../../schemas/common.ts";
import { PartnerSchema } from "../../schemas/resources.ts";
import { toPartner } from "../../serializers.ts";
import { getProfile } from "../../usecases/partners.ts";
import { useCase } from "../helpers.ts";

export const route = createRoute({
  method: "get",
  path: "/profile",
  tags: ["Profile"],
  summary: "The partner's profile",
  security: partnerSecurity,
  responses: { 200: json(PartnerSchema, "The profile."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) =>
  c.json(toPartner(await getProfile(useCase(c, requirePartner(c)))), 200);
