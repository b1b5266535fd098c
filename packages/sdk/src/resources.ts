import type { RequestOptions, Transport } from "./core.ts";
import { type PageData, PagePromise } from "./pagination.ts";
import type {
  AnalyticsBreakdown,
  AnalyticsBreakdownParams,
  AnalyticsExportParams,
  AnalyticsFunnel,
  AnalyticsFunnelParams,
  AnalyticsSummary,
  AnalyticsSummaryParams,
  AnalyticsTimeseries,
  AnalyticsTimeseriesParams,
  ApiKey,
  ApiKeyListParams,
  Application,
  ApplicationCreateParams,
  ApplicationForm,
  ApplicationListParams,
  ApplicationUpdateParams,
  AuditEvent,
  Catalog,
  Conversion,
  ConversionListParams,
  EntityType,
  Partner,
  ProfileUpdateParams,
  ReferralLink,
  Service,
  ServiceCreateParams,
  ServiceListParams,
  ServicePublishParams,
  ServiceUpdateParams,
  WebhookDelivery,
  WebhookDeliveryListParams,
  WebhookEndpoint,
  WebhookEndpointCreateParams,
  WebhookEndpointListParams,
  WebhookEndpointUpdateParams,
  WebhookEndpointWithSecret,
  WebhookTestResult,
} from "./types.ts";

const id = (value: string) => encodeURIComponent(value);

function list<T>(
  t: Transport,
  path: string,
  params: Record<string, string | number | boolean | undefined>,
  options: RequestOptions | undefined,
): PagePromise<T> {
  return new PagePromise<T>((cursor) =>
    t.request<PageData<T>>({ method: "GET", path, query: { ...params, ...(cursor ? { cursor } : {}) } }, options),
  );
}

/** Your company profile. */
export class Profile {
  constructor(private readonly t: Transport) {}

  get(options?: RequestOptions): Promise<Partner> {
    return this.t.request({ method: "GET", path: "/v1/profile" }, options);
  }

  /** Company name and contact; the registration regions cannot change. */
  update(params: ProfileUpdateParams, options?: RequestOptions): Promise<Partner> {
    return this.t.request({ method: "PATCH", path: "/v1/profile", body: params }, options);
  }
}

/** API keys. Creating and revoking keys needs a signed-in session (the partner portal), not a key. */
export class ApiKeys {
  constructor(private readonly t: Transport) {}

  /** The key this client uses: its name, prefix and scopes. A cheap way to check a key works. */
  current(options?: RequestOptions): Promise<ApiKey> {
    return this.t.request({ method: "GET", path: "/v1/api-keys/current" }, options);
  }

  /** Your keys' metadata (never their secrets), newest first. */
  list(params: ApiKeyListParams = {}, options?: RequestOptions): PagePromise<ApiKey> {
    return list(this.t, "/v1/api-keys", params, options);
  }
}

/** The category tree, the markets, and the application form. Needs no particular scope. */
export class CatalogResource {
  constructor(private readonly t: Transport) {}

  get(options?: RequestOptions): Promise<Catalog> {
    return this.t.request({ method: "GET", path: "/v1/catalog" }, options);
  }

  /** The details form an application must complete, for your entity type (`Partner.entity_type`). */
  applicationForm(entityType: EntityType, options?: RequestOptions): Promise<ApplicationForm> {
    return this.t.request({ method: "GET", path: `/v1/application-forms/${id(entityType)}` }, options);
  }
}

/** Applications for a service category and market (scopes `applications:read` / `applications:write`). */
export class Applications {
  constructor(private readonly t: Transport) {}

  /** Starts a Draft; at most one live application per category and market. */
  create(params: ApplicationCreateParams, options?: RequestOptions): Promise<Application> {
    return this.t.request({ method: "POST", path: "/v1/applications", body: params }, options);
  }

  /** Saves details (Draft or Needs more info): the fields given are set, `null` removes one, others are kept. */
  update(applicationId: string, params: ApplicationUpdateParams, options?: RequestOptions): Promise<Application> {
    return this.t.request({ method: "PATCH", path: `/v1/applications/${id(applicationId)}`, body: params }, options);
  }

  /** Draft -> Reviewing. Missing required fields throw a ValidationError listing them. */
  submit(applicationId: string, options?: RequestOptions): Promise<Application> {
    return this.t.request({ method: "POST", path: `/v1/applications/${id(applicationId)}/submit` }, options);
  }

  /** Draft, Reviewing or Needs more info -> Withdrawn. */
  withdraw(applicationId: string, options?: RequestOptions): Promise<Application> {
    return this.t.request({ method: "POST", path: `/v1/applications/${id(applicationId)}/withdraw` }, options);
  }

  /** Needs more info -> Reviewing (revision + 1). Save the requested changes with `update` first. */
  resubmit(applicationId: string, options?: RequestOptions): Promise<Application> {
    return this.t.request({ method: "POST", path: `/v1/applications/${id(applicationId)}/resubmit` }, options);
  }

  get(applicationId: string, options?: RequestOptions): Promise<Application> {
    return this.t.request({ method: "GET", path: `/v1/applications/${id(applicationId)}` }, options);
  }

  /** Newest first; `await` for one page, `for await` for all. */
  list(params: ApplicationListParams = {}, options?: RequestOptions): PagePromise<Application> {
    return list(this.t, "/v1/applications", params, options);
  }

  /** Who did what and when, oldest first. */
  async history(applicationId: string, options?: RequestOptions): Promise<AuditEvent[]> {
    const res = await this.t.request<{ data: AuditEvent[] }>(
      { method: "GET", path: `/v1/applications/${id(applicationId)}/history` },
      options,
    );
    return res.data;
  }
}

/** Custom services and their two referral links (scopes `services:read` / `services:write`). */
export class Services {
  constructor(private readonly t: Transport) {}

  /** A Draft service; needs an Approved application for the category and market (else PermissionError). */
  create(params: ServiceCreateParams, options?: RequestOptions): Promise<Service> {
    return this.t.request({ method: "POST", path: "/v1/services", body: params }, options);
  }

  /** Name, description or contact email. Links are unaffected. */
  update(serviceId: string, params: ServiceUpdateParams, options?: RequestOptions): Promise<Service> {
    return this.t.request({ method: "PATCH", path: `/v1/services/${id(serviceId)}`, body: params }, options);
  }

  /**
   * Draft or Off -> On, confirming the market (`{ confirm_target_market: "US" }`). The first
   * publication mints the two referral links; publishing again after `deactivate` reuses them.
   */
  publish(serviceId: string, params: ServicePublishParams, options?: RequestOptions): Promise<Service> {
    return this.t.request({ method: "POST", path: `/v1/services/${id(serviceId)}/publish`, body: params }, options);
  }

  /** On -> Off: the links stop referring but keep their URLs. */
  deactivate(serviceId: string, options?: RequestOptions): Promise<Service> {
    return this.t.request({ method: "POST", path: `/v1/services/${id(serviceId)}/deactivate` }, options);
  }

  get(serviceId: string, options?: RequestOptions): Promise<Service> {
    return this.t.request({ method: "GET", path: `/v1/services/${id(serviceId)}` }, options);
  }

  /** Newest first, each with its links; `await` for one page, `for await` for all. */
  list(params: ServiceListParams = {}, options?: RequestOptions): PagePromise<Service> {
    return list(this.t, "/v1/services", params, options);
  }

  /** The service's links: one for local sellers, one for cross-border sellers. Empty before the first publication. */
  async referralLinks(serviceId: string, options?: RequestOptions): Promise<ReferralLink[]> {
    const res = await this.t.request<{ data: ReferralLink[] }>(
      { method: "GET", path: `/v1/services/${id(serviceId)}/referral-links` },
      options,
    );
    return res.data;
  }
}

/**
 * Clicks on your referral links and the sellers credited to you (scope `analytics:read`). Ranges
 * are `from` (inclusive) to `to` (exclusive), ISO 8601; narrow with `service_id` or `link_id`.
 */
export class Analytics {
  constructor(private readonly t: Transport) {}

  /** Totals: clicks, unique clicks, bot clicks, registrations, approved shops. */
  summary(params: AnalyticsSummaryParams = {}, options?: RequestOptions): Promise<AnalyticsSummary> {
    return this.t.request({ method: "GET", path: "/v1/analytics/summary", query: params }, options);
  }

  /** Counts per hour or day (in `tz`), every bucket present. */
  timeseries(params: AnalyticsTimeseriesParams = {}, options?: RequestOptions): Promise<AnalyticsTimeseries> {
    return this.t.request({ method: "GET", path: "/v1/analytics/timeseries", query: params }, options);
  }

  /** Clicks by audience, country, device, browser, OS or referrer. */
  breakdown(params: AnalyticsBreakdownParams, options?: RequestOptions): Promise<AnalyticsBreakdown> {
    return this.t.request({ method: "GET", path: "/v1/analytics/breakdown", query: params }, options);
  }

  /** Clicks -> unique clicks -> registrations -> approved shops, overall or per service or link. */
  funnel(params: AnalyticsFunnelParams = {}, options?: RequestOptions): Promise<AnalyticsFunnel> {
    return this.t.request({ method: "GET", path: "/v1/analytics/funnel", query: params }, options);
  }

  /** Sellers who registered (and had their shop approved) through your links, newest first. */
  conversions(params: ConversionListParams = {}, options?: RequestOptions): PagePromise<Conversion> {
    return list(this.t, "/v1/analytics/conversions", params, options);
  }

  /** A timeseries, breakdown or funnel as CSV text with a header row. */
  export(params: AnalyticsExportParams, options?: RequestOptions): Promise<string> {
    return this.t.request({ method: "GET", path: "/v1/analytics/export", query: params, text: true }, options);
  }
}

/** Where shopreg POSTs events (scopes webhooks:read / webhooks:write). Check each with verifyWebhook. */
export class WebhookEndpoints {
  constructor(private readonly t: Transport) {}

  /** The response holds the signing secret (whsec_...), shown once: store it now. */
  create(params: WebhookEndpointCreateParams, options?: RequestOptions): Promise<WebhookEndpointWithSecret> {
    return this.t.request({ method: "POST", path: "/v1/webhook-endpoints", body: params }, options);
  }

  list(params: WebhookEndpointListParams = {}, options?: RequestOptions): PagePromise<WebhookEndpoint> {
    return list(this.t, "/v1/webhook-endpoints", params, options);
  }

  get(endpointId: string, options?: RequestOptions): Promise<WebhookEndpoint> {
    return this.t.request({ method: "GET", path: `/v1/webhook-endpoints/${id(endpointId)}` }, options);
  }

  /** url, description, event_types, enabled (true re-enables an endpoint disabled after failing). */
  update(endpointId: string, params: WebhookEndpointUpdateParams, options?: RequestOptions): Promise<WebhookEndpoint> {
    return this.t.request({ method: "PATCH", path: `/v1/webhook-endpoints/${id(endpointId)}`, body: params }, options);
  }

  delete(endpointId: string, options?: RequestOptions): Promise<void> {
    return this.t.request({ method: "DELETE", path: `/v1/webhook-endpoints/${id(endpointId)}` }, options);
  }

  /** A new secret (shown once); the old one keeps signing for 24 hours. */
  rotateSecret(endpointId: string, options?: RequestOptions): Promise<WebhookEndpointWithSecret> {
    return this.t.request({ method: "POST", path: `/v1/webhook-endpoints/${id(endpointId)}/rotate-secret` }, options);
  }

  /** Queues a webhook_endpoint.test event to this endpoint. */
  test(endpointId: string, options?: RequestOptions): Promise<WebhookTestResult> {
    return this.t.request({ method: "POST", path: `/v1/webhook-endpoints/${id(endpointId)}/test` }, options);
  }

  /** The delivery log, newest first. */
  deliveries(endpointId: string, params: WebhookDeliveryListParams = {}, options?: RequestOptions): PagePromise<WebhookDelivery> {
    return list(this.t, `/v1/webhook-endpoints/${id(endpointId)}/deliveries`, params, options);
  }

  /** Sends a failed (or lost) delivery again now. */
  redeliver(deliveryId: string, options?: RequestOptions): Promise<WebhookDelivery> {
    return this.t.request({ method: "POST", path: `/v1/webhook-deliveries/${id(deliveryId)}/redeliver` }, options);
  }
}
