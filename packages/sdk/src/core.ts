import { AbortError, ConnectionError, errorFromResponse, parseRetryAfter, type ShopregError, TimeoutError } from "./errors.ts";

export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/** Per-call options, the last argument of every method. */
export type RequestOptions = {
  /** Cancels the call, including waits between retries; it then throws AbortError. */
  signal?: AbortSignal;
  /** Per attempt; overrides the client's `timeoutMs`. */
  timeoutMs?: number;
  /** Overrides the client's `maxRetries` (0 disables retries). */
  maxRetries?: number;
  /** For POST: your own Idempotency-Key (for example one stored with a job, to make a re-run safe). Generated otherwise. */
  idempotencyKey?: string;
};

export type ApiRequest = {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Starting with /v1. */
  path: string;
  query?: Record<string, string | number | boolean | undefined> | undefined;
  body?: unknown;
  /** The response is text (CSV), not JSON. */
  text?: boolean;
};

export const DEFAULT_MAX_RETRIES = 2;
export const DEFAULT_TIMEOUT_MS = 60_000;
/** A longer Retry-After than this is not waited for: the error is thrown instead. */
const MAX_RETRY_AFTER_S = 60;
const INITIAL_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 8_000;

/**
 * Whether a failed response is worth retrying. A 409 is retried only for `idempotency_in_progress`
 * (the first request with the key is still running); other conflicts (`invalid_transition`, a
 * reused key, a duplicate) would fail the same way again.
 */
export function isRetryable(error: ShopregError): boolean {
  if (error instanceof ConnectionError || error instanceof TimeoutError) return true;
  const s = error.status;
  if (s === null) return false;
  return s === 408 || s === 429 || s >= 500 || (s === 409 && error.code === "idempotency_in_progress");
}

/** Jittered exponential backoff (0.5 s, 1 s, 2 s ... up to 8 s, minus up to 25 %), or the server's Retry-After. */
export function retryDelayMs(attempt: number, headers: Headers | null): number {
  const retryAfter = parseRetryAfter(headers?.get("retry-after") ?? null);
  if (retryAfter !== null && retryAfter <= MAX_RETRY_AFTER_S) return retryAfter * 1000;
  const base = Math.min(INITIAL_BACKOFF_MS * 2 ** attempt, MAX_BACKOFF_MS);
  return base * (1 - Math.random() * 0.25);
}

/** A UUID v4; crypto.randomUUID is missing in insecure browser contexts, getRandomValues is everywhere. */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === "function") return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const abortError = (signal: AbortSignal) =>
  new AbortError("The request was aborted by its AbortSignal.", { code: "aborted", cause: signal.reason });

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

type Attempt = { response: Response; text: string } | { error: ShopregError };

export type TransportConfig = {
  apiKey: string;
  baseUrl: string;
  fetch: Fetch | undefined;
  maxRetries: number;
  timeoutMs: number;
};

/** Sends one API call: auth, JSON, timeouts, retries with the same Idempotency-Key, errors by kind. */
export class Transport {
  constructor(private readonly config: TransportConfig) {}

  async request<T>(req: ApiRequest, options: RequestOptions = {}): Promise<T> {
    const url = this.url(req);
    const maxRetries = options.maxRetries ?? this.config.maxRetries;
    const timeoutMs = options.timeoutMs ?? this.config.timeoutMs;
    // Only Authorization, Content-Type and Idempotency-Key: the API's CORS policy allows no other headers from browsers.
    const headers: Record<string, string> = {
      accept: req.text ? "text/csv, text/plain, */*" : "application/json",
      authorization: `Bearer ${this.config.apiKey}`,
    };
    if (req.body !== undefined) headers["content-type"] = "application/json";
    if (req.method === "POST") headers["idempotency-key"] = options.idempotencyKey ?? newIdempotencyKey();
    const init: RequestInit = {
      method: req.method,
      headers,
      ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
    };

    for (let attempt = 0; ; attempt++) {
      const result = await this.attempt(url, init, timeoutMs, options.signal);
      if ("response" in result && result.response.ok) {
        if (req.text) return result.text as T;
        return (result.text ? JSON.parse(result.text) : undefined) as T;
      }
      const error =
        "error" in result ? result.error : errorFromResponse(result.response.status, result.response.headers, result.text);
      if (attempt >= maxRetries || !isRetryable(error)) throw error;
      await sleep(retryDelayMs(attempt, error.headers), options.signal);
    }
  }

  private url(req: ApiRequest): string {
    const url = new URL(this.config.baseUrl + req.path);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    return url.toString();
  }

  private async attempt(url: string, init: RequestInit, timeoutMs: number, signal: AbortSignal | undefined): Promise<Attempt> {
    if (signal?.aborted) throw abortError(signal);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      const doFetch: Fetch = this.config.fetch ?? ((input, i) => globalThis.fetch(input, i));
      const response = await doFetch(url, { ...init, signal: controller.signal });
      // The body is read under the same timeout and signal as the headers.
      const text = await response.text();
      return { response, text };
    } catch (cause) {
      if (signal?.aborted) throw abortError(signal);
      if (timedOut) {
        return {
          error: new TimeoutError(`No response from ${new URL(url).origin} within ${timeoutMs} ms.`, { code: "timeout", cause }),
        };
      }
      const reason = cause instanceof Error ? cause.message : String(cause);
      return {
        error: new ConnectionError(`Could not reach ${new URL(url).origin}: ${reason}`, { code: "connection_error", cause }),
      };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
  }
}
