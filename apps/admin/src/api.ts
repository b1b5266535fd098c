import { HttpError } from "react-admin";

/** The staff API's error envelope. */
export type ApiErrorBody = { error: { code: string; message: string; request_id: string; details?: unknown } };

/**
 * Calls the staff API on the same origin (the session cookie rides along). Errors become react-admin
 * HttpErrors whose message is the API's message, so notifications show what the API said.
 */
export async function apiFetch<T>(path: string, init: { method?: string; body?: unknown; query?: Record<string, unknown> } = {}) {
  const method = init.method ?? "GET";
  const headers: Record<string, string> = { accept: "application/json" };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  // Retries of the same decision must not apply twice.
  if (method === "POST") headers["idempotency-key"] = crypto.randomUUID();
  const res = await fetch(`/v1${path}${toQuery(init.query)}`, {
    method,
    headers,
    credentials: "same-origin",
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  if (!res.ok) {
    const e = (body as ApiErrorBody | null)?.error;
    throw new HttpError(e?.message ?? `The server answered ${res.status}.`, res.status, body);
  }
  return body as T;
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
