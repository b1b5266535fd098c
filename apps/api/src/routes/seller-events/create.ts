import { type RouteHandler, z } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { commonErrors, json, jsonBody } from "../../schemas/common.ts";
import { SellerEventResultSchema } from "../../schemas/incentives.ts";
import { recordSellerEvent } from "../../usecases/incentives.ts";
import { SignedHeaders, verifySignature } from "../conversions/create.ts";
import { signedRoute } from "../factory.ts";

const base = {
  event_id: z.string().min(1).max(200).openapi({ example: "evt_01J0FO" }),
  occurred_at: z.iso
    .datetime({ offset: true })
    .openapi({ description: "When it happened at Seller Center (a GMV figure: as of when)." }),
  seller_id: z.string().min(1).max(200),
};

export const SellerEventBody = z
  .discriminatedUnion("event_type", [
    z.strictObject({ ...base, event_type: z.literal("seller.first_order") }),
    z.strictObject({
      ...base,
      event_type: z.literal("seller.gmv"),
      gmv: z.strictObject({
        amount_minor: z
          .number()
          .int()
          .min(0)
          .max(1e13)
          .openapi({ description: "Cumulative GMV since registration, in minor units." }),
        currency: z.string().regex(/^[A-Z]{3}$/, "An ISO 4217 code in capitals."),
      }),
    }),
    z.strictObject({
      ...base,
      event_type: z.literal("seller.governance_flag"),
      risk_level: z.enum(["low", "medium", "high", "cleared"]),
    }),
  ])
  .openapi("SellerEvent");

export const route = signedRoute({
  operationId: "recordSellerEvent",
  method: "post",
  path: "/seller-events",
  tags: ["Conversions"],
  summary: "Seller Center reports a seller lifecycle event: first order, GMV, governance flag (signed)",
  description:
    "Signed exactly like POST /v1/conversions (HMAC-SHA256 over `${X-Shopreg-Timestamp}.${raw body}`; stale, bad and replayed " +
    "signatures refused). Idempotent by event_id. The event is attached to the seller's attributed registration and recomputes " +
    "that seller's line on each open incentive statement; events may arrive late or in any order. A seller not yet reported as " +
    "registered is a 409 (send seller.registered, then retry); a registration credited to no partner is accepted with outcome " +
    "`unattributed` and not stored.",
  middleware: [verifySignature] as const,
  request: {
    headers: SignedHeaders,
    ...jsonBody(SellerEventBody),
  },
  responses: {
    201: json(SellerEventResultSchema, "Recorded; the seller's lines were recomputed."),
    200: json(SellerEventResultSchema, "Already recorded (same event_id), or accepted for an unattributed seller."),
    ...commonErrors,
  },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const result = await recordSellerEvent({ ...c.get("services"), requestId: c.get("requestId") }, {
    ...body,
    occurred_at: new Date(body.occurred_at),
  } as Parameters<typeof recordSellerEvent>[1]);
  return c.json(result, result.outcome === "recorded" ? 201 : 200);
};
