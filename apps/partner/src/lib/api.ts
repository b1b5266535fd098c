/** The Partner API client: same-origin under /v1, with the session cookie. */

export type FieldIssue = { path: string; message: string; code?: string };
export type ApiErrorBody = { error: { code: string; message: string; request_id?: string; details?: unknown } };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** details.fields as a map from path (with `prefix.` stripped) to its first message. */
  fieldErrors(prefix?: string): Record<string, string> {
    const fields = (this.details as { fields?: FieldIssue[] } | undefined)?.fields;
    const out: Record<string, string> = {};
    for (const f of Array.isArray(fields) ? fields : []) {
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

  get reason(): string | undefined {
    return (this.details as { reason?: string } | undefined)?.reason;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;
export const isUnauthenticated = (e: unknown) => isApiError(e) && e.status === 401;

/** crypto.randomUUID needs a secure context; a plain-http LAN address is not one. */
export function idempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

const origin = () => (typeof window !== "undefined" ? window.location.origin : "");

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const method = init.method ?? (init.body !== undefined ? "POST" : "GET");
  const headers: Record<string, string> = { accept: "application/json" };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  if (method === "POST") headers["idempotency-key"] = idempotencyKey();
  let res: Response;
  try {
    res = await fetch(`${origin()}/v1${path}`, {
      method,
      headers,
      credentials: "same-origin",
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    });
  } catch {
    throw new ApiError(0, "network_error", "Cannot reach the server. Check your connection and try again.", undefined);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // A proxy's HTML error page: reported below by status.
  }
  if (!res.ok) {
    const err = (json as ApiErrorBody | null)?.error;
    throw new ApiError(
      res.status,
      err?.code ?? "http_error",
      err?.message ?? `The server answered ${res.status}.`,
      err?.details,
      err?.request_id,
    );
  }
  return json as T;
}

// The API's resources (snake_case, as on the wire).
export type EntityType = "US" | "NON_US";
export type Partner = {
  id: string;
  company_name: string;
  entity_type: EntityType;
  registration_region: string;
  company_registration_region: string;
  contact_name: string;
  contact_email: string;
  contact_phone: string | null;
  created_at: string;
};
export type Session = { user: { id: string; email: string; name: string }; partner: Partner; expires_at?: string };
export type SignUpResult = Session & { application_id: string | null };
export type ApplicationStatus = "DRAFT" | "REVIEWING" | "NEEDS_INFO" | "APPROVED" | "REJECTED" | "WITHDRAWN" | "REVOKED";
export type Application = {
  id: string;
  category_id: string;
  category_path: string[];
  target_market: string;
  form_version: number;
  details: Record<string, unknown>;
  status: ApplicationStatus;
  revision: number;
  submitted_at: string | null;
  decided_at: string | null;
  decision_reason: string | null;
  allowed_actions: string[];
  created_at: string;
  updated_at: string;
};
export type AuditEvent = {
  id: string;
  occurred_at: string;
  actor_type: string;
  actor_label: string | null;
  action: string;
  from_status: string | null;
  to_status: string | null;
  reason: string | null;
};
export type Category = { id: string; name: string; name_zh: string; parent_id: string | null; open: boolean; leaf: boolean };
export type Market = { code: string; name: string; name_zh: string; open: boolean };
export type Catalog = { categories: Category[]; markets: Market[] };
export type FormField = {
  name: string;
  type: "text" | "textarea" | "email" | "url" | "tel" | "integer" | "multiselect" | "region" | "document";
  required: boolean;
  label: { en: string; zh: string };
  help?: { en: string; zh: string };
  max_length?: number;
  options?: { value: string; label: { en: string; zh: string } }[];
};
export type ApplicationForm = { version: number; entity_type: EntityType; fields: FormField[] };
export type Audience = "LOCAL_SELLER" | "CROSS_BORDER_SELLER";
export type ReferralLink = { id: string; audience: Audience; target_market: string; token: string; url: string; active: boolean };
export type ServiceStatus = "DRAFT" | "ON" | "OFF";
export type Service = {
  id: string;
  type: "CUSTOM" | "PUBLIC";
  category_id: string;
  category_path: string[];
  target_market: string;
  name: string;
  description: string;
  contact_email: string;
  status: ServiceStatus;
  first_published_at: string | null;
  referral_links: ReferralLink[];
  created_at: string;
  updated_at: string;
};
export type ApiKey = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
};
export type ApiKeyCreated = ApiKey & { secret: string };
export type Page<T> = { data: T[]; next_cursor: string | null };

// Analytics (counts are non-bot clicks on active links unless named otherwise).
export type AnalyticsCounts = {
  clicks: number;
  unique_clicks: number;
  bot_clicks: number;
  inactive_clicks: number;
  registrations: number;
  approved_shops: number;
};
export type AnalyticsSummary = AnalyticsCounts & { from: string; to: string };
export type AnalyticsInterval = "hour" | "day";
export type AnalyticsTimeseries = {
  from: string;
  to: string;
  interval: AnalyticsInterval;
  time_zone: string;
  data: (AnalyticsCounts & { bucket_start: string })[];
};
export const BREAKDOWN_DIMENSIONS = ["audience", "country", "device", "browser", "os", "referrer"] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];
export type AnalyticsBreakdown = {
  dimension: BreakdownDimension;
  data: { value: string; clicks: number; unique_clicks: number; bot_clicks: number }[];
};
export type FunnelGroup = "none" | "service" | "link";
export type FunnelRow = AnalyticsCounts & {
  key: string | null;
  label: string | null;
  partner_id: string | null;
  service_id: string | null;
  audience: Audience | null;
};
export type AnalyticsFunnel = { group_by: FunnelGroup; data: FunnelRow[] };
