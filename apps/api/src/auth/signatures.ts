import { createHmac } from "node:crypto";
import { safeEqual } from "./secrets.ts";

/**
 * How Seller Center signs conversion events: HMAC-SHA256 with the shared secret over
 * `${timestamp}.${raw body}`, hex, sent as `X-Shopreg-Signature: sha256=<hex>` with the Unix
 * timestamp (seconds) in `X-Shopreg-Timestamp`.
 */
export const SIGNATURE_HEADER = "x-shopreg-signature";
export const TIMESTAMP_HEADER = "x-shopreg-timestamp";
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

export const signConversion = (secret: string, timestamp: number, rawBody: string) =>
  `sha256=${createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex")}`;

export type SignatureCheck =
  | { ok: true }
  | { ok: false; code: "missing_signature" | "stale_timestamp" | "invalid_signature"; message: string };

export function verifyConversionSignature(
  secret: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  rawBody: string,
  now: Date,
): SignatureCheck {
  if (!headers.signature || !headers.timestamp) {
    return { ok: false, code: "missing_signature", message: `Send ${TIMESTAMP_HEADER} and ${SIGNATURE_HEADER} headers.` };
  }
  const ts = Number(headers.timestamp);
  if (!Number.isInteger(ts) || Math.abs(now.getTime() / 1000 - ts) > SIGNATURE_TOLERANCE_SECONDS) {
    return {
      ok: false,
      code: "stale_timestamp",
      message: "The timestamp is missing, malformed or more than five minutes from now; sign the event again.",
    };
  }
  if (!safeEqual(signConversion(secret, ts, rawBody), headers.signature)) {
    return { ok: false, code: "invalid_signature", message: "The signature does not match the body and timestamp." };
  }
  return { ok: true };
}
