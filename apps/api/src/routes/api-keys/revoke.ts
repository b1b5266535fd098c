import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdParam, json } from "../../schemas/common.ts";
import { ApiKeySchema } from "../../schemas/resources.ts";
import { toApiKey } from "../../serializers.ts";
import { revokeApiKey } from "../../usecases/api-keys.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const route = partnerRoute("api_keys:write", {
  operationId: "revokeApiKey",
  method: "delete",
  path: "/api-keys/{id}",
  tags: ["API keys"],
  summary: "Revoke an API key",
  description: "Takes effect at once. Revoking a revoked key returns it unchanged.",
  request: { params: IdParam },
  responses: { 200: json(ApiKeySchema, "The revoked key."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) =>
  c.json(toApiKey(await revokeApiKey(useCase(c, partnerOf(c)), c.req.valid("param").id)), 200);
