import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, json, PageQuery } from "../../schemas/common.ts";
import { ApiKeyPage } from "../../schemas/resources.ts";
import { toApiKey } from "../../serializers.ts";
import { listApiKeys } from "../../usecases/api-keys.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { pageParams, useCase } from "../helpers.ts";

export const route = partnerRoute("api_keys:read", {
  operationId: "listApiKeys",
  method: "get",
  path: "/api-keys",
  tags: ["API keys"],
  summary: "List API keys (metadata only, newest first)",
  request: { query: PageQuery },
  responses: { 200: json(ApiKeyPage, "A page of keys."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const page = await listApiKeys(useCase(c, partnerOf(c)), pageParams(c.req.valid("query")));
  return c.json({ data: page.data.map(toApiKey), next_cursor: page.next_cursor }, 200);
};
