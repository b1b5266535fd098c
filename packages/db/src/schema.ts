import type {
  ApiKeyScope,
  ApplicationStatus,
  Audience,
  AuditActorType,
  EntityType,
  MemberRole,
  ServiceStatus,
  ServiceType,
} from "@shopreg/domain";
import type { ColumnType, Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from "kysely";
import type { IncentiveTables } from "./schema-incentives.ts";

/** Timestamps come back as Date and go in as Date. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** jsonb: both drivers serialise the value themselves from the parameter type the server reports. */
type Json<T> = ColumnType<T, T, T>;

export type UserRole = "partner" | "reviewer" | "analyst" | "admin";
export type ActorType = AuditActorType;

export interface PartnersTable {
  id: string;
  company_name: string;
  entity_type: EntityType;
  registration_region: string;
  company_registration_region: string;
  contact_name: string;
  contact_email: string;
  contact_phone: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** The owner requires every member to turn two-factor on before acting. */
  require_two_factor: Generated<boolean>;
}

export interface UsersTable {
  id: string;
  partner_id: string | null;
  email: string;
  name: string;
  role: UserRole;
  password_hash: string;
  /** The language of the mail the user receives. */
  locale: Generated<"en" | "zh-CN">;
  disabled_at: Timestamp | null;
  last_login_at: Timestamp | null;
  created_at: Timestamp;
  /** A partner user's role in their account; null for staff and for a user removed from their account. */
  member_role: Generated<MemberRole | null>;
  /** AES-256-GCM ciphertext of the TOTP secret (see apps/api/src/auth/two-factor.ts). */
  totp_secret_enc: Generated<string | null>;
  totp_enabled_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  totp_last_step: Generated<number | null>;
  /** When the user proved the address is theirs (a mailed link, or accepting an emailed invitation). */
  email_verified_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export type AccountTokenPurpose = "password_reset" | "email_verification";

/** A single-use token mailed to a user (docs/teams-and-account-security.md); only its sha256 is stored. */
export interface AccountTokensTable {
  token_hash: string;
  user_id: string;
  purpose: AccountTokenPurpose;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface RecoveryCodesTable {
  user_id: string;
  code_hash: string;
  used_at: Timestamp | null;
}

export interface InvitationsTable {
  id: string;
  partner_id: string;
  email: string;
  role: MemberRole;
  token_hash: string;
  invited_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  sent_count: Generated<number>;
  last_sent_at: Timestamp;
  accepted_at: Timestamp | null;
  accepted_by: string | null;
  revoked_at: Timestamp | null;
}

export interface SessionsTable {
  /** sha256 of the cookie's token: a leaked table does not leak sessions. */
  id: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  /** Shown to the user to list and end sessions; the primary key (the token's hash) never leaves the server. */
  public_id: Generated<string>;
  user_agent: string | null;
}

export interface ApiKeysTable {
  id: string;
  partner_id: string;
  name: string;
  /** Shown in lists to tell keys apart, e.g. "sr_live_Ab3dE9xY". */
  prefix: string;
  /** sha256 of the whole secret (the secret has 192 random bits, so a fast hash is enough). */
  secret_hash: string;
  scopes: Json<ApiKeyScope[]>;
  /** The member behind the key (a key minted by a key inherits its maker); NULL only on a revoked key. */
  created_by: string | null;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface ApplicationsTable {
  id: string;
  partner_id: string;
  category_id: string;
  target_market: string;
  form_version: number;
  details: Json<Record<string, unknown>>;
  status: ApplicationStatus;
  revision: Generated<number>;
  submitted_at: Timestamp | null;
  decided_at: Timestamp | null;
  decided_by: string | null;
  decision_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ApplicationRevisionsTable {
  application_id: string;
  revision: number;
  details: Json<Record<string, unknown>>;
  submitted_at: Timestamp;
}

export interface ServicesTable {
  id: string;
  partner_id: string;
  type: ServiceType;
  category_id: string;
  target_market: string;
  name: string;
  description: string;
  contact_email: string;
  status: ServiceStatus;
  first_published_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ReferralLinksTable {
  id: string;
  service_id: string;
  partner_id: string;
  audience: Audience;
  target_market: string;
  token: string;
  created_at: Timestamp;
}

export interface ClicksTable {
  id: string;
  link_id: string;
  service_id: string;
  partner_id: string;
  audience: Audience;
  clicked_at: Timestamp;
  visitor_hash: string;
  country: string | null;
  device: string | null;
  browser: string | null;
  os: string | null;
  referrer_host: string | null;
  is_bot: boolean;
  link_active: boolean;
  is_unique: boolean;
  /** Campaign tags from the link's query (docs/architecture.md, "Campaign tags"); `sub` arrives as utm_content. */
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_content: string | null;
}

export interface ConversionsTable {
  id: string;
  event_id: string;
  event_type: "seller.registered" | "shop.approved";
  seller_id: string;
  seller_type: string;
  click_id: string | null;
  channel: string | null;
  partner_id: string | null;
  service_id: string | null;
  link_id: string | null;
  attributed_click_id: string | null;
  occurred_at: Timestamp;
  received_at: Timestamp;
  /** The campaign of the credited click (an approval repeats its registration's). */
  utm_source: Generated<string | null>;
  utm_medium: Generated<string | null>;
  utm_campaign: Generated<string | null>;
  utm_content: Generated<string | null>;
  /** The seller's type differs from the audience of the link it was credited through; null when not credited. */
  wrong_link: Generated<boolean | null>;
}

export interface AuditEventsTable {
  id: string;
  occurred_at: Timestamp;
  actor_type: ActorType;
  actor_id: string | null;
  actor_label: string | null;
  partner_id: string | null;
  entity_type: string;
  entity_id: string;
  action: string;
  from_status: string | null;
  to_status: string | null;
  reason: string | null;
  request_id: string | null;
  data: Json<Record<string, unknown>> | null;
}

export interface IdempotencyKeysTable {
  principal: string;
  key: string;
  method: string;
  path: string;
  request_hash: string;
  status_code: number | null;
  response_body: string | null;
  created_at: Timestamp;
}

export interface ClickRollupsHourlyTable {
  link_id: string;
  hour: Timestamp;
  partner_id: string;
  service_id: string;
  audience: Audience;
  clicks: number;
  unique_clicks: number;
  bot_clicks: number;
  inactive_clicks: number;
}

export interface ClickRollupsHourlyDimsTable {
  link_id: string;
  hour: Timestamp;
  dimension: "country" | "device" | "browser" | "os" | "referrer" | "campaign" | "source" | "medium";
  value: string;
  partner_id: string;
  service_id: string;
  clicks: number;
  unique_clicks: number;
  bot_clicks: number;
  /** Conversions are rolled up by the campaign dimensions only (0 for the others). */
  registrations: number;
  approved_shops: number;
  wrong_link_registrations: number;
}

export interface ConversionRollupsHourlyTable {
  link_id: string;
  hour: Timestamp;
  partner_id: string;
  service_id: string;
  registrations: number;
  approved_shops: number;
  wrong_link_registrations: number;
}

export interface ConversionSignaturesTable {
  signature: string;
  received_at: Timestamp;
}

/** Rate-limit counters shared by the API processes: hits in the window ending at reset_at. */
export interface RateLimitsTable {
  key: string;
  hits: number;
  reset_at: Date;
}

export interface EventsTable {
  id: string;
  type: string;
  partner_id: string;
  occurred_at: Timestamp;
  api_version: string;
  payload: Json<Record<string, unknown>>;
}

export interface WebhookEndpointsTable {
  id: string;
  partner_id: string;
  url: string;
  description: Generated<string>;
  event_types: Json<string[]>;
  enabled: Generated<boolean>;
  disabled_reason: string | null;
  /** AES-256-GCM ciphertext (never the secret in clear). */
  secret_ciphertext: string;
  previous_secret_ciphertext: string | null;
  previous_secret_expires_at: Timestamp | null;
  failing_since: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
  /** The member who made it (or whose key did): it stops with their access (issue 22). */
  created_by: string | null;
  /** Consecutive attempts slower than the slow threshold: such an endpoint gets the shorter timeout. */
  slow_streak: Generated<number>;
}

export type DeliveryStatus = "pending" | "succeeded" | "failed";

export interface WebhookDeliveriesTable {
  id: string;
  event_id: string;
  endpoint_id: string;
  partner_id: string;
  status: DeliveryStatus;
  attempts: Generated<number>;
  response_status: number | null;
  latency_ms: number | null;
  response_excerpt: string | null;
  error: string | null;
  next_attempt_at: Timestamp | null;
  created_at: Timestamp;
  last_attempt_at: Timestamp | null;
  delivered_at: Timestamp | null;
}

export type MailStatus = "pending" | "sent" | "dead" | "skipped";

/** One mail message and its latest attempt (the mail queue's durable state). */
export interface MailMessagesTable {
  id: string;
  kind: string;
  recipient: string | null;
  job: Json<Record<string, unknown>>;
  status: MailStatus;
  attempts: Generated<number>;
  last_error: string | null;
  next_attempt_at: Timestamp | null;
  created_at: Timestamp;
  last_attempt_at: Timestamp | null;
  sent_at: Timestamp | null;
}

export interface Database extends IncentiveTables {
  events: EventsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  mail_messages: MailMessagesTable;
  partners: PartnersTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  applications: ApplicationsTable;
  application_revisions: ApplicationRevisionsTable;
  services: ServicesTable;
  referral_links: ReferralLinksTable;
  clicks: ClicksTable;
  conversions: ConversionsTable;
  audit_events: AuditEventsTable;
  idempotency_keys: IdempotencyKeysTable;
  rate_limits: RateLimitsTable;
  click_rollups_hourly: ClickRollupsHourlyTable;
  click_rollups_hourly_dims: ClickRollupsHourlyDimsTable;
  conversion_rollups_hourly: ConversionRollupsHourlyTable;
  conversion_signatures: ConversionSignaturesTable;
  invitations: InvitationsTable;
  recovery_codes: RecoveryCodesTable;
  account_tokens: AccountTokensTable;
}

/** Repositories take either the database or a transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;

export type Partner = Selectable<PartnersTable>;
export type NewPartner = Insertable<PartnersTable>;
export type User = Selectable<UsersTable>;
export type Session = Selectable<SessionsTable>;
export type ApiKey = Selectable<ApiKeysTable>;
export type Application = Selectable<ApplicationsTable>;
export type ApplicationUpdate = Updateable<ApplicationsTable>;
export type ApplicationRevision = Selectable<ApplicationRevisionsTable>;
export type Service = Selectable<ServicesTable>;
export type ServiceUpdate = Updateable<ServicesTable>;
export type ReferralLink = Selectable<ReferralLinksTable>;
export type Click = Selectable<ClicksTable>;
export type NewClick = Insertable<ClicksTable>;
export type Conversion = Selectable<ConversionsTable>;
export type AuditEvent = Selectable<AuditEventsTable>;
export type EventRow = Selectable<EventsTable>;
export type WebhookEndpoint = Selectable<WebhookEndpointsTable>;
export type WebhookDelivery = Selectable<WebhookDeliveriesTable>;
export type MailMessage = Selectable<MailMessagesTable>;
export type NewAuditEvent = Insertable<AuditEventsTable>;
export type Invitation = Selectable<InvitationsTable>;
export type AccountToken = Selectable<AccountTokensTable>;
