import { claimIdempotencyKey, completeIdempotencyKey, findIdempotencyRecord, releaseIdempotencyKey } from "@shopreg/db";
import type { MiddlewareHandler } from "hono";
import { sha256 } from "../auth/secrets.ts";
import type { AppEnv } from "../context.ts";
import { errorResponse } from "../errors.ts";
import { clientAddress } from "./rate-limit.ts";

/** Session endpoints set cookies, which a replay could not give back; signing in is idempotent anyway. */
const EXEMPT = new Set(["/v1/session", "/v1/staff/session"]);

/**
 * Idempotency-Key on POST: the first response is stored and replayed for a retry with the same
 * key; the same key with another body is a 409. Keys are scoped to the caller.
 */
export const idempotency: MiddlewareHandler<AppEnv> = async (c, next) => {
  const key = c.req.header("idempotency-key");
  if (c.req.method !== "POST" || key === undefined || EXEMPT.has(c.req.path)) return next();
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    return errorResponse(c, 400, "invalid_idempotency_key", "Idempotency-Key must be 1-255 printable ASCII characters.");
  }
  const { db, clock } = c.get("services");
  const p = c.get("principal");
  const principal = !p ? `anon:${clientAddress(c)}` : p.kind === "api_key" ? `key:${p.keyId}` : `user:${p.userId}`;
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
  if (c.res.status >= 500 || c.res.status === 429) {
    await releaseIdempotencyKey(db, principal, key);
  } else {
    await completeIdempotencyKey(db, principal, key, c.res.status, await c.res.clone().text());
  }
};
