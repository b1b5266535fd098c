/** A field the API rejected: `path` is dotted (`details.website`, `query.limit`), `message` is for people. */
export type FieldError = { path: string; message: string; code?: string };

type ErrorInit = {
  status?: number | null;
  code: string;
  requestId?: string | null;
  details?: unknown;
  headers?: Headers | null;
  cause?: unknown;
};

/**
 * The base of every error the SDK throws, so one `instanceof ShopregError` catches them all.
 * `status` is null when no response arrived (connection, timeout, abort).
 */
export class ShopregError extends Error {
  override name = "ShopregError";
  /** HTTP status, or null when the request never got a response. */
  readonly status: number | null;
  /** The API's stable error code (`validation_failed`, `invalid_transition`, ...) or the SDK's (`connection_error`, `timeout`). */
  readonly code: string;
  /** The API's request id (x-request-id): quote it to support. */
  readonly requestId: string | null;
  /** The API's `error.details`, as sent. */
  readonly details: unknown;
  /** The response headers, when there was a response. */
  readonly headers: Headers | null;

  constructor(message: string, init: ErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status ?? null;
    this.code = init.code;
    this.requestId = init.requestId ?? null;
    this.details = init.details;
    this.headers = init.headers ?? null;
  }
}

/** 400, 413, 415 and other 4xx without a class of their own: the request itself is malformed. */
export class InvalidRequestError extends ShopregError {
  override name = "InvalidRequestError";
}

/** 422: the payload broke a rule; `fields` says which field and why. */
export class ValidationError extends ShopregError {
  override name = "ValidationError";
  readonly fields: FieldError[];
  constructor(message: string, init: ErrorInit) {
    super(message, init);
    const fields = (init.details as { fields?: unknown } | undefined)?.fields;
    this.fields = Array.isArray(fields) ? (fields as FieldError[]) : [];
  }
}

/** 401: the API key is missing, wrong or revoked. */
export class AuthenticationError extends ShopregError {
  override name = "AuthenticationError";
}

/** 403: authenticated but not allowed: the key lacks a scope (`details.required_scope`), or the application is not approved. */
export class PermissionError extends ShopregError {
  override name = "PermissionError";
}

/** 404: no such resource, or it belongs to another partner. */
export class NotFoundError extends ShopregError {
  override name = "NotFoundError";
}

/** 409: the state does not allow it (`invalid_transition`), a duplicate, or an Idempotency-Key reused with another body. */
export class ConflictError extends ShopregError {
  override name = "ConflictError";
}

/** 429: too many requests; `retryAfter` is the server's wait in seconds, when it sent one. */
export class RateLimitError extends ShopregError {
  override name = "RateLimitError";
  readonly retryAfter: number | null;
  constructor(message: string, init: ErrorInit & { retryAfter: number | null }) {
    super(message, init);
    this.retryAfter = init.retryAfter;
  }
}

/** 5xx (and 408): the API failed; retried automatically, thrown once retries are spent. */
export class ServerError extends ShopregError {
  override name = "ServerError";
}

/** No response: DNS, refused connection, reset, CORS. Retried automatically. */
export class ConnectionError extends ShopregError {
  override name = "ConnectionError";
}

/** No response within `timeoutMs` (per attempt). Retried automatically. */
export class TimeoutError extends ShopregError {
  override name = "TimeoutError";
}

/** The caller's AbortSignal fired; `cause` is the signal's reason. Never retried. */
export class AbortError extends ShopregError {
  override name = "AbortError";
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date), or null. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === "") return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, (at - now) / 1000);
}

/** The error for a non-2xx response, from its status and the API's error envelope. */
export function errorFromResponse(status: number, headers: Headers, bodyText: string): ShopregError {
  let envelope: { code?: unknown; message?: unknown; request_id?: unknown; details?: unknown } | undefined;
  try {
    const parsed = JSON.parse(bodyText) as { error?: unknown };
    if (parsed && typeof parsed.error === "object" && parsed.error !== null) envelope = parsed.error as typeof envelope;
  } catch {
    // Not JSON (a proxy's HTML page): fall back to the status.
  }
  const requestId =
    headers.get("x-request-id") ?? (typeof envelope?.request_id === "string" && envelope.request_id ? envelope.request_id : null);
  const code = typeof envelope?.code === "string" ? envelope.code : `http_${status}`;
  const message =
    typeof envelope?.message === "string"
      ? envelope.message
      : `The API answered ${status}${bodyText ? `: ${bodyText.slice(0, 200)}` : ""}`;
  const init: ErrorInit = { status, code, requestId, details: envelope?.details, headers };
  if (status === 401) return new AuthenticationError(message, init);
  if (status === 403) return new PermissionError(message, init);
  if (status === 404) return new NotFoundError(message, init);
  if (status === 409) return new ConflictError(message, init);
  if (status === 422) return new ValidationError(message, init);
  if (status === 429) return new RateLimitError(message, { ...init, retryAfter: parseRetryAfter(headers.get("retry-after")) });
  if (status === 408 || status >= 500) return new ServerError(message, init);
  return new InvalidRequestError(message, init);
}
