import { claimIdempotencyKey, completeIdempotencyKey, findIdempotencyRecord, releaseIdempotencyKey } from "@shopreg/db";
import type { MiddlewareHandler } from "hono";
import { sha256 } from "../auth/secrets.ts";
import type { AppEnv } from "../context.ts";
import { errorResponse } from "../errors.ts";

/**
 * Session endpoints set cookies, which a replay could not give back; signing in is idempotent anyway.
 * Mailed-link confirmations carry a single-use token in the body and are single-use themselves: nothing
 * of them (not even the body's hash) is kept, whoever calls.
 */
const EXEMPT = new Set([
  "/v1/session",
  "/v1/staff/session",
  "/v1/password-resets",
  "/v1/password-resets/check",
  "/v1/password-resets/confirm",
  "/v1/email-verifications/confirm",
  "/v1/invitations/accept",
]);

/**
 * Fields that carry a secret shown once (API key secrets, webhook signing secrets, reset tokens...),
 * by name, so a new route cannot forget to declare them: their values are never stored. A bare
 * `token` is a referral link's public token, not a secret; name a secret token `reset_token`, `invite_token`...
 */
const SECRET_FIELD = /^(secret|password|recovery_codes|otpauth_uri|.*_(secret|token|password))$/i;
const REDACTED = "[not stored: shown once]";

/** The body with every secret field's value replaced; `redacted` says whether there was any. */
export function redactSecrets(value: unknown): { value: unknown; redacted: boolean } {
  let redacted = false;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        if (SECRET_FIELD.test(k) && x !== null && x !== undefined) {
          redacted = true;
          out[k] = REDACTED;
        } else out[k] = walk(x);
      }
      return out;
    }
    return v;
  };
  return { value: walk(value), redacted };
}

/**
 * Idempotency-Key on POST: the first response is stored and replayed for a retry with the same
 * key; the same key with another body is a 409. Keys are scoped to the authenticated caller.
 *
 * Anonymous requests are not idempotency-cached at all: they have no scope of their own (an address
 * is shared behind NAT and spoofable), so one caller could claim another's key; sign-up is safe to
 * retry (the e-mail is unique) and conversions are idempotent by event_id and checked by signature
 * in the route, after this. 401/403 answers are never stored (they say nothing about the request).
 * A response holding a secret is stored redacted, and its retry is a 409 that shows the redacted
 * first response (so the caller can find and revoke, say, the key whose secret it lost).
 */
export const idempotency: MiddlewareHandler<AppEnv> = async (c, next) => {
  const key = c.req.header("idempotency-key");
  if (c.req.method !== "POST" || key === undefined || EXEMPT.has(c.req.path)) return next();
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    return errorResponse(c, 400, "invalid_idempotency_key", "Idempotency-Key must be 1-255 printable ASCII characters.");
  }
  const p = c.get("principal");
  if (!p) return next();
  const { db, clock } = c.get("services");
  const principal = p.kind === "api_key" ? `key:${p.keyId}` : `user:${p.userId}`;
  const body = await c.req.text();
  const requestHash = sha256(`${c.req.method} ${c.req.path}\n${body}`);

  const claimed = await claimIdempotencyKey(db, {
    principal,
    key,
    method: c.req.method,
    path: c.req.path,
    request_hash: requestHash,
    created_at: clock(),
  });
  if (!claimed) {
    const rec = await findIdempotencyRecord(db, principal, key);
    if (!rec || rec.request_hash !== requestHash) {
      return errorResponse(
        c,
        409,
        "idempotency_key_reused",
        "This Idempotency-Key was used with a different request; use a new key.",
      );
    }
    if (rec.status_code === null) {
      c.header("Retry-After", "1");
      return errorResponse(
        c,
        409,
        "idempotency_in_progress",
        "A request with this Idempotency-Key is still in progress; retry shortly.",
      );
    }
    if (rec.response_body?.includes(REDACTED)) {
      return errorResponse(
        c,
        409,
        "idempotency_secret_not_replayed",
        "The first request with this Idempotency-Key succeeded, and its response held a secret that is shown only once and never stored. " +
          "first_response is that response without the secret; if you lost the secret, revoke what it belongs to and create another.",
        { first_status: rec.status_code, first_response: JSON.parse(rec.response_body) },
      );
    }
    return new Response(rec.response_body, {
      status: rec.status_code,
      headers: { "content-type": "application/json", "idempotent-replayed": "true", "x-request-id": c.get("requestId") },
    });
  }

  try {
    await next();
  } catch (err) {
    await releaseIdempotencyKey(db, principal, key);
    throw err;
  }
  // Errors thrown inside routes are turned into responses by onError before we get here.
  const status = c.res.status;
  if (status >= 500 || status === 429 || status === 401 || status === 403) {
    await releaseIdempotencyKey(db, principal, key);
    return;
  }
  const text = await c.res.clone().text();
  let stored = text;
  try {
    const { value, redacted } = redactSecrets(JSON.parse(text));
    if (redacted) stored = JSON.stringify(value);
  } catch {
    // not JSON: nothing named to redact
  }
  await completeIdempotencyKey(db, principal, key, status, stored);
};
