import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdParam, json } from "../../schemas/common.ts";
import { SignedStatementSchema } from "../../schemas/incentives.ts";
import { signedStatement } from "../../usecases/incentives.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const route = partnerRoute("incentives:read", {
  operationId: "getMySignedIncentiveStatement",
  method: "get",
  path: "/incentives/statements/{id}/signed",
  tags: ["Incentives"],
  summary: "A closed statement as signed (Ed25519 over RFC 8785 canonical JSON): verify it offline with verifyStatement()",
  request: { params: IdParam },
  responses: { 200: json(SignedStatementSchema, "The signed statement."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) =>
  c.json((await signedStatement(useCase(c, partnerOf(c)), c.req.valid("param").id)) as never, 200);
