import type { components } from "@shopreg/sdk";

/**
 * The staff API's resources, as generated from its OpenAPI document into @shopreg/sdk (the SDK's
 * drift test keeps them equal to what the API serves): aliases only, no shape is written here.
 */
type Schemas = components["schemas"];
export type Partner = Schemas["Partner"];
export type Application = Schemas["Application"];
export type AuditEvent = Schemas["AuditEvent"];
export type Revision = Schemas["ApplicationRevision"];
export type Service = Schemas["Service"];
export type ReferralLink = Schemas["ReferralLink"];
export type ApiKey = Schemas["ApiKey"];
export type QueueItem = Schemas["ReviewQueueItem"];
export type StaffUser = Schemas["StaffUser"];
export type ErrorBody = Schemas["Error"];

/** An application's review page as the data provider flattens it (the application, with its partner, history and revisions). */
export type ApplicationReview = Schemas["ApplicationReview"]["application"] &
  Partial<Omit<Schemas["ApplicationReview"], "application">>;
/** A partner's page as the data provider flattens it. */
export type PartnerOverview = Schemas["PartnerOverview"]["partner"] & Omit<Schemas["PartnerOverview"], "partner">;

export type AnalyticsSummary = Schemas["AnalyticsSummary"];
export type AnalyticsTimeseries = Schemas["AnalyticsTimeseries"];
export type AnalyticsBreakdown = Schemas["AnalyticsBreakdown"];
export type AnalyticsFunnel = Schemas["AnalyticsFunnel"];
export type FunnelRow = AnalyticsFunnel["data"][number];
export type Conversion = Schemas["Conversion"];
export type ConversionPage = Schemas["ConversionPage"];
