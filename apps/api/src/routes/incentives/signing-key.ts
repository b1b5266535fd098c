import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, json } from "../../schemas/common.ts";
import { SigningKeySchema } from "../../schemas/incentives.ts";
import { signerOf } from "../../usecases/incentives.ts";
import { publicRoute } from "../factory.ts";

export const route = publicRoute({
  operationId: "getIncentiveSigningKey",
  method: "get",
  path: "/incentives/signing-key",
  tags: ["Incentives"],
  summary: "The public key that signs closed incentive statements (JWK and PEM)",
  responses: { 200: json(SigningKeySchema, "The key."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const s = signerOf(c.get("services").config);
  return c.json({ key_id: s.keyId, alg: "Ed25519" as const, jwk: s.publicJwk, pem: s.publicPem }, 200);
};
