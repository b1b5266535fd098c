import { ConnectionError, errorFromResponse, type FieldError, type paths, ShopregError, ValidationError } from "@shopreg/sdk";
import createClient, { type Client, type Middleware } from "openapi-fetch";

/**
 * The web apps' client: openapi-fetch over the SDK's generated `paths`, so a path, a query or a body
 * the API does not describe fails typecheck (the SDK's drift test keeps `paths` equal to what the
 * API serves). Same origin with the session cookie; an Idempotency-Key on every POST; failures throw
 * the SDK's error classes.
 */
export type ApiClient = Client<paths>;

/** crypto.randomUUID needs a secure context; a plain-http LAN address is not one. */
export function idempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

const contract = (acceptLanguage?: () => string | undefined): Middleware => ({
  onRequest({ request }) {
    if (request.method === "POST" && !request.headers.has("idempotency-key")) {
      request.headers.set("idempotency-key", idempotencyKey());
    }
    // The API words its messages (and field errors) in the language the screen shows.
    const lang = acceptLanguage?.();
    if (lang && !request.headers.has("accept-language")) request.headers.set("accept-language", lang);
    return request;
  },
  async onResponse({ response }) {
    if (response.ok) return response;
    throw errorFromResponse(response.status, response.headers, await response.text());
  },
  onError({ error }) {
    if (error instanceof ShopregError) return error;
    return new ConnectionError("Cannot reach the server. Check your connection and try again.", {
      code: "connection_error",
      cause: error,
    });
  },
});

export function createApiClient(
  opts: {
    baseUrl?: string;
    fetch?: typeof fetch;
    /** The Accept-Language to send (read at each request), e.g. the page's `lang`: "zh-CN" or "en". */
    acceptLanguage?: () => string | undefined;
  } = {},
): ApiClient {
  const origin = typeof window !== "undefined" ? window.location.origin : "";
  const client = createClient<paths>({
    baseUrl: opts.baseUrl ?? origin,
    credentials: "same-origin",
    headers: { accept: "application/json" },
    // Read at call time, so tests that swap globalThis.fetch (msw) are seen.
    fetch: (request) => (opts.fetch ?? globalThis.fetch)(request),
    querySerializer: { array: { style: "form", explode: false } },
  });
  client.use(contract(opts.acceptLanguage));
  return client;
}

/** The body of a 2xx answer (errors were thrown by the middleware); undefined for 204. */
export async function data<T>(call: Promise<{ data?: T; error?: unknown }>): Promise<T> {
  const r = await call;
  return r.data as T;
}

export const isApiError = (e: unknown): e is ShopregError => e instanceof ShopregError;
export const isUnauthenticated = (e: unknown) => isApiError(e) && e.status === 401;

/** An API error's `details.fields` as a map from path (with `prefix.` stripped) to its first message. */
export function fieldErrors(error: unknown, prefix?: string): Record<string, string> {
  const raw =
    error instanceof ValidationError ? error.fields : isApiError(error) ? (error.details as { fields?: unknown })?.fields : [];
  const fields: FieldError[] = Array.isArray(raw) ? raw : [];
  const out: Record<string, string> = {};
  for (const f of fields) {
    let path = f.path;
    if (prefix) {
      if (path === prefix || !path.startsWith(`${prefix}.`)) continue;
      path = path.slice(prefix.length + 1);
    }
    // "main_product_categories.0" belongs to the field itself.
    const key = path.split(".")[0] ?? path;
    out[key] ??= f.message;
  }
  return out;
}

/** `details.reason` of a refusal (403 application_not_approved, ...). */
export const refusalReason = (error: unknown): string | undefined =>
  isApiError(error) ? (error.details as { reason?: string } | undefined)?.reason : undefined;
export { forgetSignedIn, mayBeSignedIn, type SessionKind } from "./session-hint.ts";
