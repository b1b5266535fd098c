import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { commonErrors, IdParam, json } from "../../../schemas/common.ts";
import { ReferralQualitySchema } from "../../../schemas/resources.ts";
import { partnerReferralQuality } from "../../../usecases/analytics.ts";
import { staffRoute } from "../../factory.ts";
import { DaysQuery, windowOf } from "./query.ts";

export const route = staffRoute("any", {
  operationId: "getPartnerReferralQuality",
  method: "get",
  path: "/partners/{id}/referral-quality",
  tags: ["Oversight"],
  summary: "A partner's referred sellers over the last 90 days: registrations, approval rate, wrong-link rate, bot share",
  description:
    "What a reviewer weighs before a decision or a revocation. Registrations are sellers credited to the partner in the " +
    "window; approved_shops counts those whose shop was approved (at any time since); wrong-link registrations are sellers " +
    "whose type differs from the audience of the link they came through; bot_click_share is bot GETs over every GET of the " +
    "partner's links.",
  request: { params: IdParam, query: DaysQuery },
  responses: { 200: json(ReferralQualitySchema, "The figures."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const services = c.get("services");
  const { from, to } = windowOf(services.clock(), c.req.valid("query").days);
  const q = await partnerReferralQuality(services, c.req.valid("param").id, from, to);
  return c.json({ ...q, from: from.toISOString(), to: to.toISOString() }, 200);
};
