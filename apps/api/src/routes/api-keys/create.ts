import { createRoute, type RouteHandler } from "@hono/zod-openapi";
import { apiKeyCreateInput } from "@shopreg/domain";
import type { AppEnv } from "../../context.ts";
import { requirePartner } from "../../middleware/authenticate.ts";
import { commonErrors, IdempotencyHeader, json, jsonBody } from "../../schemas/common.ts";
import { ApiKeyCreatedSchema } from "../../schemas/resources.ts";
import { toApiKey } from "../../serializers.ts";
import { createApiKey } from "../../usecases/api-keys.ts";
import { useCase } from "../helpers.ts";

export const route = createRoute({
  method: "post",
  path: "/api-keys",
  tags: ["API keys"],
  summary: "Create an API key",
  description:
    "Needs a signed-in session. The secret is in this response only; store it now. Scopes default to those of your role; asking for a scope your role lacks is 403 (details.scopes_not_held).",
  security: [{ partnerSession: [] }],
  request: { headers: IdempotencyHeader, ...jsonBody(apiKeyCreateInput) },
  responses: { 201: json(ApiKeyCreatedSchema, "Created; the secret is shown once."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const { key, secret } = await createApiKey(useCase(c, requirePartner(c, "api_keys:write")), c.req.valid("json"));
  return c.json({ ...toApiKey(key), secret }, 201);
};
