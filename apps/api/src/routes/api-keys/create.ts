import type { RouteHandler } from "@hono/zod-openapi";
import { apiKeyCreateInput } from "@shopreg/domain";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdempotencyHeader, json, jsonBody } from "../../schemas/common.ts";
import { ApiKeyCreatedSchema } from "../../schemas/resources.ts";
import { toApiKey } from "../../serializers.ts";
import { createApiKey } from "../../usecases/api-keys.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const route = partnerRoute("api_keys:write", {
  operationId: "createApiKey",
  method: "post",
  path: "/api-keys",
  tags: ["API keys"],
  summary: "Create an API key",
  description:
    "The secret is in this response only; store it now. Without `scopes`, the key gets profile:read, applications:read/write, " +
    "services:read/write and analytics:read; managing keys, webhooks, members or the profile must be asked for. " +
    "A key can only hold scopes its creator holds: a member's role, or the calling key (api_keys:write); asking for more is 403 (details.missing_scopes).",
  request: { headers: IdempotencyHeader, ...jsonBody(apiKeyCreateInput) },
  responses: { 201: json(ApiKeyCreatedSchema, "Created; the secret is shown once."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const { key, secret } = await createApiKey(useCase(c, partnerOf(c)), c.req.valid("json"));
  return c.json({ ...toApiKey(key), secret }, 201);
};
