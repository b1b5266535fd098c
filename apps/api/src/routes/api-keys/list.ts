import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { requirePartner } from "../../middleware/authenticate.ts";
import { commonErrors, json, PageQuery, partnerSecurity } from "../../schemas/common.ts";
import { ApiKeyPage } from "../../schemas/resources.ts";
import { toApiKey } from "../../serializers.ts";
import { listApiKeys } from "../../usecases/api-keys.ts";
import { pageParams, useCase } from "../helpers.ts";

export const route = createRoute({
  method: "get",
  path: "/api-keys",
  tags: ["API keys"],
  summary: "List API keys (metadata only, newest first)",
  security: partnerSecurity,
  request: { query: PageQuery },
  responses: { 200: json(ApiKeyPage, "A page of keys."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const page = await listApiKeys(useCase(c, requirePartner(c, "api_keys:read")), pageParams(c.req.valid("query")));
  return c.json({ data: page.data.map(toApiKey), next_cursor: page.next_cursor }, 200);
};
