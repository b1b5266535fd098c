import { type RouteHandler, z } from "@hono/zod-openapi";
import { Validation } from "@shopreg/domain";
import type { AppEnv } from "../../../context.ts";
import { commonErrors, json } from "../../../schemas/common.ts";
import { ReferralQualitySchema } from "../../../schemas/resources.ts";
import { referralQualityOf } from "../../../usecases/analytics.ts";
import { staffRoute } from "../../factory.ts";
import { DaysQuery, windowOf } from "./query.ts";

const MAX_PARTNERS = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const route = staffRoute("any", {
  operationId: "listReferralQuality",
  method: "get",
  path: "/referral-quality",
  tags: ["Oversight"],
  summary: "Referral quality of several partners at once (beside each application of the review queue)",
  description: `The figures of GET /v1/staff/partners/{id}/referral-quality for up to ${MAX_PARTNERS} partners, in the order asked; an unknown id reads zeros.`,
  request: {
    query: DaysQuery.extend({
      partner_ids: z
        .string()
        .min(36)
        .max(MAX_PARTNERS * 37)
        .openapi({
          param: { name: "partner_ids", in: "query" },
          description: `1 to ${MAX_PARTNERS} partner ids (uuids), comma-separated.`,
          pattern: `^[0-9a-fA-F-]{36}(,[0-9a-fA-F-]{36}){0,${MAX_PARTNERS - 1}}$`,
        }),
    }),
  },
  responses: {
    200: json(z.object({ data: z.array(ReferralQualitySchema) }).openapi("ReferralQualityList"), "One row per partner id."),
    ...commonErrors,
  },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const services = c.get("services");
  const query = c.req.valid("query");
  const ids = [...new Set(query.partner_ids.split(",").map((s) => s.trim()))].filter(Boolean);
  const bad = ids.findIndex((id) => !UUID.test(id));
  if (ids.length === 0 || ids.length > MAX_PARTNERS || bad >= 0) {
    throw new Validation(`partner_ids takes 1 to ${MAX_PARTNERS} partner ids, comma-separated.`, [
      { path: "query.partner_ids", message: bad >= 0 ? `Not a valid id: ${ids[bad]?.slice(0, 40)}` : "Wrong number of ids." },
    ]);
  }
  const { from, to } = windowOf(services.clock(), query.days);
  const rows = await referralQualityOf(services, ids, from, to);
  return c.json({ data: rows.map((q) => ({ ...q, from: from.toISOString(), to: to.toISOString() })) }, 200);
};
