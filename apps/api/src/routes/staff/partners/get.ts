import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../../context.ts";
import { commonErrors, IdParam, json } from "../../../schemas/common.ts";
import { PartnerOverviewSchema } from "../../../schemas/resources.ts";
import { toApiKey, toApplication, toPartner, toService } from "../../../serializers.ts";
import { staffCaller } from "../../../usecases/permissions.ts";
import { getPartnerOverview } from "../../../usecases/staff.ts";
import { staffOf, staffRoute } from "../../factory.ts";
import { useCase } from "../../helpers.ts";

export const route = staffRoute("any", {
  operationId: "getPartnerOverview",
  method: "get",
  path: "/partners/{id}",
  tags: ["Oversight"],
  summary: "A partner with its applications, services and API keys (metadata only)",
  request: { params: IdParam },
  responses: { 200: json(PartnerOverviewSchema, "The partner."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const p = staffOf(c);
  const ctx = useCase(c, p);
  const o = await getPartnerOverview(ctx, c.req.valid("param").id);
  return c.json(
    {
      partner: toPartner(o.partner),
      applications: o.applications.map((a) => toApplication(a, staffCaller(p))),
      services: o.services.map(({ service, links }) => toService(service, links, ctx.config.gatewayPublicUrl, [])),
      api_keys: o.apiKeys.map(toApiKey),
    },
    200,
  );
};
