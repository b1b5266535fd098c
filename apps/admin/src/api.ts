import { ConnectionError, errorFromResponse } from "@shopreg/sdk";
import { idempotencyKey } from "@shopreg/web-api";

/**
 * Calls the staff API on the same origin (the session cookie rides along) for react-admin's
 * resource-by-name data provider. Failures are the SDK's error classes (status, code, the API's
 * message and request id), so notifications show what the API said and a 401 signs out.
 */
export async function apiFetch<T>(path: string, init: { method?: string; body?: unknown; query?: Record<string, unknown> } = {}) {
  const method = init.method ?? "GET";
  const headers: Record<string, string> = { accept: "application/json" };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  // Retries of the same decision must not apply twice.
  if (method === "POST") headers["idempotency-key"] = idempotencyKey();
  let res: Response;
  try {
    res = await fetch(`/v1${path}${toQuery(init.query)}`, {
      method,
      headers,
      credentials: "same-origin",
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch (cause) {
    throw new ConnectionError("Cannot reach the server. Check your connection and try again.", {
      code: "connection_error",
      cause,
    });
  }
  const text = await res.text();
  if (!res.ok) throw errorFromResponse(res.status, res.headers, text);
  return (text ? JSON.parse(text) : null) as T;
}

export function toQuery(query: Record<string, unknown> | undefined): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === "") continue;
    params.set(k, Array.isArray(v) ? v.join(",") : String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}
