import { type RouteHandler, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyConversionSignature } from "../../auth/signatures.ts";
import type { AppEnv } from "../../context.ts";
import { errorResponse } from "../../errors.ts";
import { commonErrors, json, jsonBody } from "../../schemas/common.ts";
import { ConversionSchema } from "../../schemas/resources.ts";
import { toConversion } from "../../serializers.ts";
import { claimSignature, recordConversion } from "../../usecases/conversions.ts";
import { signedRoute } from "../factory.ts";

export const ConversionEventBody = z
  .strictObject({
    event_id: z.string().min(1).max(200).openapi({ example: "evt_01HZX3" }),
    event_type: z.enum(["seller.registered", "shop.approved"]),
    occurred_at: z.iso.datetime({ offset: true }).openapi({ example: "2026-11-24T10:00:00Z" }),
    seller_id: z.string().min(1).max(200),
    seller_type: z.enum(["LOCAL_SELLER", "CROSS_BORDER_SELLER"]),
    click_id: z.string().max(100).optional().openapi({ description: "The click_id the seller arrived with." }),
    channel: z.string().max(100).optional().openapi({ description: "The channel (link token) the seller arrived with." }),
  })
  .openapi("ConversionEvent");

/** Authenticates Seller Center by signature before anything else reads the body; a signature works once. */
/** The headers Seller Center signs its requests with (documented; checked by verifySignature). */
export const SignedHeaders = z.object({
  "X-Shopreg-Timestamp": z
    .string()
    .optional()
    .openapi({ param: { name: "X-Shopreg-Timestamp", in: "header" } }),
  "X-Shopreg-Signature": z
    .string()
    .optional()
    .openapi({ param: { name: "X-Shopreg-Signature", in: "header" } }),
});

export const verifySignature: MiddlewareHandler<AppEnv> = async (c, next) => {
  const services = c.get("services");
  const { config, clock } = services;
  const raw = await c.req.text();
  const now = clock();
  const check = verifyConversionSignature(
    config.conversionsSecret,
    { signature: c.req.header(SIGNATURE_HEADER), timestamp: c.req.header(TIMESTAMP_HEADER) },
    raw,
    now,
  );
  if (!check.ok) return errorResponse(c, 401, check.code, check.message);
  if (!(await claimSignature(services, c.req.header(SIGNATURE_HEADER) as string, now))) {
    return errorResponse(
      c,
      409,
      "replayed_request",
      "This signed request was already received. To resend an event, sign it again with a new timestamp.",
    );
  }
  await next();
};

export const route = signedRoute({
  operationId: "recordConversion",
  method: "post",
  path: "/conversions",
  tags: ["Conversions"],
  summary: "Seller Center reports a seller event (server to server, signed)",
  description:
    "Sign `${X-Shopreg-Timestamp}.${raw body}` with HMAC-SHA256 and the shared secret; send `X-Shopreg-Signature: sha256=<hex>`. " +
    "Timestamps more than five minutes off, bad signatures and replayed requests are refused. Idempotent by event_id: a re-signed " +
    "retry returns the first result (200). A registration is credited to the partner of the seller's last non-bot click within 30 days; " +
    "the credit binds at registration, and an approval follows it.",
  middleware: [verifySignature] as const,
  request: {
    headers: SignedHeaders,
    ...jsonBody(ConversionEventBody),
  },
  responses: {
    201: json(ConversionSchema, "Recorded."),
    200: json(ConversionSchema, "Already recorded (same event_id, or the seller's first event of this type); the first result."),
    ...commonErrors,
  },
});

export const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const { conversion, outcome } = await recordConversion(
    { ...c.get("services"), requestId: c.get("requestId") },
    { ...body, occurred_at: new Date(body.occurred_at) },
  );
  const status = outcome === "recorded" ? 201 : 200;
  return c.json({ ...toConversion(conversion), outcome }, status);
};
