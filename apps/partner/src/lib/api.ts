import type { components } from "@shopreg/sdk";
import { createApiClient } from "@shopreg/web-api";

/**
 * The Partner API client: same-origin under /v1 with the session cookie, typed by the SDK's
 * generated `paths` (no wire type is written by hand here), failing with the SDK's error classes.
 */
/** Sends the page's language (set by I18nProvider) so the API's messages come in it. */
export const client = createApiClient({
  acceptLanguage: () => (typeof document === "undefined" ? undefined : document.documentElement.lang || undefined),
});

export { ShopregError as ApiError } from "@shopreg/sdk";
export {
  data,
  idempotencyKey,
  isApiError,
  isUnauthenticated,
  refusalReason,
} from "@shopreg/web-api";

// The API's resources, as the OpenAPI document describes them.
type Schemas = components["schemas"];
export type Partner = Schemas["Partner"];
export type EntityType = Partner["entity_type"];
export type Session = Schemas["PartnerSession"];
export type SignUpAccepted = Schemas["SignUpAccepted"];
export type Application = Schemas["Application"];
export type ApplicationStatus = Application["status"];
export type AuditEvent = Schemas["AuditEvent"];
export type Catalog = Schemas["Catalog"];
export type Category = Schemas["Category"];
export type Market = Catalog["markets"][number];
export type ApplicationForm = Schemas["ApplicationForm"];
export type FormField = Schemas["FormField"];
export type ReferralLink = Schemas["ReferralLink"];
export type Audience = ReferralLink["audience"];
export type Service = Schemas["Service"];
export type ServiceStatus = Service["status"];
export type ApiKey = Schemas["ApiKey"];
export type ApiKeyCreated = Schemas["ApiKeyCreated"];
export type Member = Schemas["Member"];
export type Invitation = Schemas["Invitation"];
export type UserSession = Schemas["Session"];
export type AnalyticsSummary = Schemas["AnalyticsSummary"];
export type AnalyticsTimeseries = Schemas["AnalyticsTimeseries"];
export type AnalyticsInterval = AnalyticsTimeseries["interval"];
export type AnalyticsBreakdown = Schemas["AnalyticsBreakdown"];
export type { BreakdownDimension } from "@shopreg/domain";
export type AnalyticsFunnel = Schemas["AnalyticsFunnel"];
export type FunnelRow = AnalyticsFunnel["data"][number];
/** The partner API groups by these (staff also by partner). */
export type FunnelGroup = Exclude<AnalyticsFunnel["group_by"], "partner">;
export type AnalyticsCounts = Omit<AnalyticsSummary, "from" | "to">;
