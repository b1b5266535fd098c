import { type RouteHandler, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdParam, json } from "../../schemas/common.ts";
import { ReferralLinkSchema } from "../../schemas/resources.ts";
import { toLink } from "../../serializers.ts";
import { getService } from "../../usecases/services.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const route = partnerRoute("services:read", {
  operationId: "listServiceReferralLinks",
  method: "get",
  path: "/services/{id}/referral-links",
  tags: ["Services"],
  summary: "A service's referral links: one for local sellers, one for cross-border sellers",
  description: "Empty until the first publication. The URLs never change.",
  request: { params: IdParam },
  responses: {
    200: json(z.object({ data: z.array(ReferralLinkSchema) }).openapi("ReferralLinkList"), "The links."),
    ...commonErrors,
  },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const { service, links } = await getService(useCase(c, partnerOf(c)), c.req.valid("param").id);
  return c.json({ data: links.map((l) => toLink(l, c.get("services").config.gatewayPublicUrl, service.status)) }, 200);
};
