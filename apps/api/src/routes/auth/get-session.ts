import type { RouteHandler } from "@hono/zod-openapi";
import { Unauthenticated } from "@shopreg/domain";
import type { AppEnv } from "../../context.ts";
import { commonErrors, json } from "../../schemas/common.ts";
import { PartnerSessionSchema } from "../../schemas/resources.ts";
import { toPartner, toSessionUser } from "../../serializers.ts";
import { me } from "../../usecases/account.ts";
import { getProfile } from "../../usecases/partners.ts";
import { partnerOf, partnerSessionRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const route = partnerSessionRoute({
  operationId: "getSession",
  method: "get",
  path: "/session",
  tags: ["Partner account"],
  summary: "Who is signed in",
  responses: { 200: json(PartnerSessionSchema, "The signed-in user and partner."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const p = partnerOf(c);
  if (p.kind !== "partner_user")
    throw new Unauthenticated("No session: this endpoint is for the portal; tools use GET /v1/api-keys/current.");
  const ctx = useCase(c, p);
  const [partner, user] = await Promise.all([getProfile(ctx), me(ctx)]);
  return c.json({ user: toSessionUser(user), partner: toPartner(partner) }, 200);
};
