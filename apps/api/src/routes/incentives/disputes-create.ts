import type { RouteHandler } from "@hono/zod-openapi";
import { disputeCreateInput } from "@shopreg/domain";
import type { AppEnv } from "../../context.ts";
import { commonErrors, IdempotencyHeader, json, jsonBody } from "../../schemas/common.ts";
import { DisputeSchema, toDispute } from "../../schemas/incentives.ts";
import { createDispute } from "../../usecases/incentives.ts";
import { partnerOf, partnerRoute } from "../factory.ts";
import { useCase } from "../helpers.ts";

export const route = partnerRoute("incentives:write", {
  operationId: "createIncentiveDispute",
  method: "post",
  path: "/incentives/disputes",
  tags: ["Incentives"],
  summary: "Dispute one of your statement lines, with a message (and optionally a seller reference)",
  request: { headers: IdempotencyHeader, ...jsonBody(disputeCreateInput) },
  responses: { 201: json(DisputeSchema, "The dispute, under review."), ...commonErrors },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) =>
  c.json(toDispute(await createDispute(useCase(c, partnerOf(c)), c.req.valid("json"))), 201);
