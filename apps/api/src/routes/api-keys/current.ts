import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, json } from "../../schemas/common.ts";
import { ApiKeySchema } from "../../schemas/resources.ts";
import { toApiKey } from "../../serializers.ts";
import { currentApiKey } from "../../usecases/api-keys.ts";
import { apiKeyRoute, partnerOf } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const route = apiKeyRoute({
  operationId: "getCurrentApiKey",
  method: "get",
  path: "/api-keys/current",
  tags: ["API keys"],
  summary: "Introspect the API key making the request",
  description:
    "`scopes` are what the key may do now: the scopes it was given, narrowed to the current role of the member who " +
    "made it (a key acts with at most its maker's access; it is 401 once they are removed or disabled).",
  responses: { 200: json(ApiKeySchema, "This key's metadata and scopes."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) =>
  c.json(toApiKey(await currentApiKey(useCase(c, partnerOf(c)))), 200);
