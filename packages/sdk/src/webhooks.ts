import { WebhookVerificationError as Unverified, Webhook } from "standardwebhooks";
import type { WebhookEvent } from "./types.ts";

/** Why a webhook was refused: do not act on it (answer 400). */
export class WebhookVerificationError extends Error {
  constructor(
    message: string,
    readonly reason: "missing_headers" | "stale_timestamp" | "bad_signature" | "bad_payload",
  ) {
    super(message);
    this.name = "WebhookVerificationError";
  }
}

type HeaderBag = Headers | Record<string, string | string[] | undefined>;

const pick = (headers: HeaderBag, name: string): string | undefined => {
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const bag = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(bag).find((k) => k.toLowerCase() === name);
  const v = key ? bag[key] : undefined;
  return Array.isArray(v) ? v[0] : v;
};

/**
 * Checks a webhook from shopreg and returns its typed event, like Stripe's `constructEvent`.
 * Pass the raw body exactly as received (not re-serialised JSON), the request headers, and the
 * endpoint's `whsec_...` secret. Throws WebhookVerificationError on a missing header, a
 * timestamp more than 5 minutes off (replays), or a signature that no secret made.
 * Standard Webhooks signing (the `standardwebhooks` package, pure JS, any runtime).
 * Dedupe on `event.id` (also the webhook-id header): delivery is at least once.
 */
export function verifyWebhook(rawBody: string | Uint8Array, headers: HeaderBag, secret: string): WebhookEvent {
  const h = {
    "webhook-id": pick(headers, "webhook-id"),
    "webhook-timestamp": pick(headers, "webhook-timestamp"),
    "webhook-signature": pick(headers, "webhook-signature"),
  };
  if (!h["webhook-id"] || !h["webhook-timestamp"] || !h["webhook-signature"]) {
    throw new WebhookVerificationError("Missing webhook-id, webhook-timestamp or webhook-signature.", "missing_headers");
  }
  const body = typeof rawBody === "string" ? rawBody : new TextDecoder().decode(rawBody);
  try {
    return new Webhook(secret).verify(body, h as Record<string, string>) as WebhookEvent;
  } catch (err) {
    if (err instanceof Unverified) {
      const stale = /timestamp/i.test(err.message);
      throw new WebhookVerificationError(err.message, stale ? "stale_timestamp" : "bad_signature");
    }
    throw new WebhookVerificationError(`The payload is not valid JSON: ${(err as Error).message}`, "bad_payload");
  }
}
