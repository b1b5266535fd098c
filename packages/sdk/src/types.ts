import type { components, paths, webhooks } from "./openapi.gen.ts";

type Schemas = components["schemas"];
type Json<T> = T extends { content: { "application/json": infer B } } ? B : never;
/** The JSON body of an operation, as the OpenAPI document describes it. */
type BodyOf<P extends keyof paths, M extends "post" | "patch"> = Json<NonNullable<paths[P][M]>["requestBody"]>;
type QueryOf<P extends keyof paths> = NonNullable<NonNullable<paths[P]["get"]>["parameters"]["query"]>;

export type Partner = Schemas["Partner"];
export type ApiKey = Schemas["ApiKey"];
export type ApiKeyScope = ApiKey["scopes"][number];
export type Catalog = Schemas["Catalog"];
export type Category = Schemas["Category"];
export type ApplicationForm = Schemas["ApplicationForm"];
export type FormField = Schemas["FormField"];
export type Application = Schemas["Application"];
export type ApplicationStatus = Application["status"];
export type AuditEvent = Schemas["AuditEvent"];
export type Service = Schemas["Service"];
export type ServiceStatus = Service["status"];
export type ReferralLink = Schemas["ReferralLink"];
export type ReferralLinkAudience = ReferralLink["audience"];
export type EntityType = Partner["entity_type"];
export type ErrorBody = Schemas["Error"];
export type AllowedAction = Schemas["AllowedAction"];
export type AnalyticsSummary = Schemas["AnalyticsSummary"];
export type AnalyticsTimeseries = Schemas["AnalyticsTimeseries"];
export type AnalyticsBreakdown = Schemas["AnalyticsBreakdown"];
export type AnalyticsFunnel = Schemas["AnalyticsFunnel"];
/** A staff read (reviewers): a partner's referred sellers over 90 days. */
export type ReferralQuality = Schemas["ReferralQuality"];
export type Conversion = Schemas["Conversion"];

export type ProfileUpdateParams = BodyOf<"/v1/profile", "patch">;
export type ApplicationCreateParams = BodyOf<"/v1/applications", "post">;
export type ApplicationUpdateParams = BodyOf<"/v1/applications/{id}", "patch">;
export type ApplicationListParams = QueryOf<"/v1/applications">;
export type ServiceCreateParams = BodyOf<"/v1/services", "post">;
export type ServiceUpdateParams = BodyOf<"/v1/services/{id}", "patch">;
export type ServicePublishParams = BodyOf<"/v1/services/{id}/publish", "post">;
export type ServiceListParams = QueryOf<"/v1/services">;
export type ApiKeyListParams = QueryOf<"/v1/api-keys">;
export type AnalyticsSummaryParams = QueryOf<"/v1/analytics/summary">;
export type AnalyticsTimeseriesParams = QueryOf<"/v1/analytics/timeseries">;
export type AnalyticsBreakdownParams = QueryOf<"/v1/analytics/breakdown">;
export type AnalyticsFunnelParams = QueryOf<"/v1/analytics/funnel">;
export type ConversionListParams = QueryOf<"/v1/analytics/conversions">;
export type AnalyticsExportParams = QueryOf<"/v1/analytics/export">;

export type { components, paths, webhooks };

export type WebhookEndpoint = Schemas["WebhookEndpoint"];
/** The create and rotate-secret answers: the endpoint plus its signing secret, shown once. */
export type WebhookEndpointWithSecret = Schemas["WebhookEndpointWithSecret"];
export type WebhookDelivery = Schemas["WebhookDelivery"];
export type WebhookTestResult = Schemas["WebhookTestResult"];
export type WebhookEndpointCreateParams = BodyOf<"/v1/webhook-endpoints", "post">;
export type WebhookEndpointUpdateParams = BodyOf<"/v1/webhook-endpoints/{id}", "patch">;
export type WebhookEndpointListParams = QueryOf<"/v1/webhook-endpoints">;
export type WebhookDeliveryListParams = QueryOf<"/v1/webhook-endpoints/{id}/deliveries">;

/** Every event shopreg sends, from the OpenAPI document's `webhooks` section: narrow on `type`. */
export type WebhookEvent = {
  [K in keyof webhooks]: Json<NonNullable<webhooks[K]["post"]>["requestBody"]>;
}[keyof webhooks];
export type WebhookEventType = WebhookEvent["type"];
