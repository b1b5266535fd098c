import { z } from "@hono/zod-openapi";
import {
  API_KEY_SCOPES,
  APPLICATION_ACTIONS,
  APPLICATION_STATUSES,
  AUDIENCES,
  ENTITY_TYPES,
  FUNNEL_GROUPS,
  MEMBER_ROLES,
  SERVICE_STATUSES,
  SERVICE_TYPES,
  STAFF_ROLES,
} from "@shopreg/domain";
import { page } from "./common.ts";

const ts = z.string().openapi({ format: "date-time", example: "2026-11-24T10:00:00.000Z" });

export const PartnerSchema = z
  .object({
    id: z.string(),
    company_name: z.string(),
    entity_type: z.enum(ENTITY_TYPES).openapi({ description: "US (Local-to-Local) or NON_US (Cross-Border), fixed at sign-up." }),
    registration_region: z.string(),
    company_registration_region: z.string(),
    contact_name: z.string(),
    contact_email: z.string(),
    contact_phone: z.string().nullable(),
    require_two_factor: z.boolean().openapi({ description: "The owner requires every member to turn two-factor on." }),
    created_at: ts,
    updated_at: ts,
  })
  .openapi("Partner");

export const AllowedActionSchema = z
  .object({
    action: z.enum([...APPLICATION_ACTIONS, "update"]),
    reason_required: z.boolean().openapi({ description: "Whether the action needs a `reason` in its body." }),
    reason_min_length: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "The fewest characters the trimmed reason may have; null when no reason is asked for." }),
  })
  .openapi("AllowedAction");

export const ServiceAllowedActionSchema = z
  .object({
    action: z.enum(["update", "publish", "deactivate"]),
    reason_required: z.boolean(),
    reason_min_length: z.number().int().nullable(),
  })
  .openapi("ServiceAllowedAction");

export const ApplicationSchema = z
  .object({
    id: z.string(),
    partner_id: z.string(),
    category_id: z.string(),
    category_path: z
      .array(z.string())
      .openapi({ example: ["TikTok Shop Partner", "Outsourced Operations", "Shop registration"] }),
    target_market: z.string(),
    form_version: z.number().int(),
    details: z.record(z.string(), z.unknown()),
    status: z.enum(APPLICATION_STATUSES),
    revision: z.number().int(),
    submitted_at: ts.nullable(),
    decided_at: ts.nullable(),
    decision_reason: z.string().nullable().openapi({ description: "The reviewer's reason for the last decision." }),
    allowed_actions: z.array(AllowedActionSchema).openapi({
      description:
        "What the caller may do next: the application state machine's steps for the caller's role, kept only when the caller holds the scope (applications:write) and, to submit or resubmit, a confirmed address. POST to the action's path (`request_info` is `/request-info`); `update` is a PATCH. Every action listed answers 2xx for this caller now.",
    }),
    created_at: ts,
    updated_at: ts,
  })
  .openapi("Application");
export const ApplicationPage = page(ApplicationSchema, "ApplicationPage");

export const AuditEventSchema = z
  .object({
    id: z.string(),
    occurred_at: ts,
    actor_type: z.string(),
    actor_id: z.string().nullable(),
    actor_label: z.string().nullable(),
    partner_id: z.string().nullable(),
    entity_type: z.string(),
    entity_id: z.string(),
    action: z.string(),
    from_status: z.string().nullable(),
    to_status: z.string().nullable(),
    reason: z.string().nullable(),
    request_id: z.string().nullable(),
    data: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi("AuditEvent");
export const AuditEventPage = page(AuditEventSchema, "AuditEventPage");
export const HistorySchema = z.object({ data: z.array(AuditEventSchema) }).openapi("ApplicationHistory");

export const ReferralLinkSchema = z
  .object({
    id: z.string(),
    service_id: z.string(),
    audience: z.enum(AUDIENCES),
    target_market: z.string(),
    token: z.string(),
    url: z.string().openapi({ description: "Never changes, through any number of deactivations and re-publications." }),
    active: z.boolean(),
    created_at: ts,
  })
  .openapi("ReferralLink");
export const ReferralLinkPage = page(ReferralLinkSchema, "ReferralLinkPage");

export const ServiceSchema = z
  .object({
    id: z.string(),
    partner_id: z.string(),
    type: z.enum(SERVICE_TYPES),
    category_id: z.string(),
    category_path: z.array(z.string()),
    target_market: z.string(),
    name: z.string(),
    description: z.string(),
    contact_email: z.string(),
    status: z.enum(SERVICE_STATUSES),
    first_published_at: ts.nullable(),
    referral_links: z
      .array(ReferralLinkSchema)
      .openapi({ description: "Empty until the first publication, then one per audience." }),
    allowed_actions: z.array(ServiceAllowedActionSchema).openapi({
      description:
        "What the caller may do next: `update` (PATCH), `publish`, `deactivate`, for a caller holding services:write. `publish` is offered only while the category and market hold an Approved application (after a revocation the service stays off). Empty for staff.",
    }),
    created_at: ts,
    updated_at: ts,
  })
  .openapi("Service");
export const ServicePage = page(ServiceSchema, "ServicePage");

export const ApiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().openapi({ example: "sr_live_Ab3dE9xY" }),
    scopes: z.array(z.enum(API_KEY_SCOPES)),
    created_at: ts,
    last_used_at: ts.nullable(),
    revoked_at: ts.nullable(),
  })
  .openapi("ApiKey");
export const ApiKeyPage = page(ApiKeySchema, "ApiKeyPage");
export const ApiKeyCreatedSchema = ApiKeySchema.extend({
  secret: z.string().openapi({ description: "Shown once. Store it now; it cannot be read again." }),
}).openapi("ApiKeyCreated");

export const PartnerSessionSchema = z
  .object({
    user: z.object({
      id: z.string(),
      email: z.string(),
      name: z.string(),
      role: z.enum(MEMBER_ROLES),
      scopes: z.array(z.enum(API_KEY_SCOPES)).openapi({ description: "What the role allows; the portal shows what it may do." }),
      two_factor_enabled: z.boolean(),
      email_verified: z.boolean().openapi({
        description: "Whether the address is confirmed. Until it is, the user may prepare but not submit an application.",
      }),
    }),
    partner: PartnerSchema,
    expires_at: ts.optional(),
  })
  .openapi("PartnerSession");

export const SignUpAcceptedSchema = z
  .object({
    email: z.string(),
    next: z.literal("confirm_email").openapi({
      description: "Open the link mailed to the address; sign in (POST /v1/session) with the password chosen.",
    }),
  })
  .openapi("SignUpAccepted");

export const StaffUserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(STAFF_ROLES),
    two_factor_enabled: z.boolean().openapi({ description: "Admins must turn it on before acting." }),
    disabled_at: ts.nullable(),
    last_login_at: ts.nullable(),
    created_at: ts,
  })
  .openapi("StaffUser");
export const StaffSessionSchema = z.object({ user: StaffUserSchema, expires_at: ts.optional() }).openapi("StaffSession");

export const QueueItemSchema = ApplicationSchema.extend({
  partner_company_name: z.string(),
  partner_entity_type: z.enum(ENTITY_TYPES),
}).openapi("ReviewQueueItem");
export const QueuePage = page(QueueItemSchema, "ReviewQueuePage");

export const RevisionSchema = z
  .object({ revision: z.number().int(), details: z.record(z.string(), z.unknown()), submitted_at: ts })
  .openapi("ApplicationRevision");

export const ApplicationReviewSchema = z
  .object({
    application: ApplicationSchema,
    partner: PartnerSchema,
    history: z.array(AuditEventSchema),
    revisions: z.array(RevisionSchema),
  })
  .openapi("ApplicationReview");

export const PartnerOverviewSchema = z
  .object({
    partner: PartnerSchema,
    applications: z.array(ApplicationSchema),
    services: z.array(ServiceSchema),
    api_keys: z.array(ApiKeySchema),
  })
  .openapi("PartnerOverview");
export const PartnerPage = page(PartnerSchema, "PartnerPage");
export const StaffUserList = z.object({ data: z.array(StaffUserSchema) }).openapi("StaffUserList");

export const CategorySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    name_zh: z.string(),
    parent_id: z.string().nullable(),
    open: z.boolean(),
    leaf: z.boolean(),
  })
  .openapi("Category");

export const ConversionSchema = z
  .object({
    id: z.string(),
    event_id: z.string(),
    event_type: z.enum(["seller.registered", "shop.approved"]),
    seller_id: z.string(),
    seller_type: z.string(),
    click_id: z.string().nullable(),
    channel: z.string().nullable(),
    attributed: z.boolean(),
    partner_id: z.string().nullable(),
    service_id: z.string().nullable(),
    link_id: z.string().nullable(),
    attributed_click_id: z.string().nullable(),
    utm_source: z
      .string()
      .nullable()
      .openapi({ description: "Campaign tags of the credited click (`sub` is recorded as utm_content)." }),
    utm_medium: z.string().nullable(),
    utm_campaign: z.string().nullable(),
    utm_content: z.string().nullable(),
    wrong_link: z.boolean().nullable().openapi({
      description:
        "The seller's type differs from the audience of the link it was credited through (a local seller on the cross-border link, or the reverse). Null when not credited.",
    }),
    occurred_at: ts,
    received_at: ts,
    outcome: z.enum(["recorded", "replayed", "duplicate"]).optional(),
  })
  .openapi("Conversion");
export const ConversionPage = page(ConversionSchema, "ConversionPage");

const counts = {
  clicks: z.number().int().openapi({ description: "Non-bot clicks on active links." }),
  unique_clicks: z.number().int().openapi({ description: "First click of a visitor on a link within an hour." }),
  bot_clicks: z.number().int(),
  inactive_clicks: z.number().int().openapi({ description: "Non-bot clicks while the service was Off." }),
  registrations: z.number().int(),
  approved_shops: z.number().int(),
  wrong_link_registrations: z.number().int().openapi({
    description:
      "Registrations of a seller whose type is not the audience of the link (a local seller on the cross-border link, or the reverse).",
  }),
};
export const AnalyticsSummarySchema = z.object({ from: ts, to: ts, ...counts }).openapi("AnalyticsSummary");
export const TimeseriesSchema = z
  .object({
    from: ts,
    to: ts,
    interval: z.enum(["hour", "day"]),
    time_zone: z.string(),
    data: z.array(z.object({ bucket_start: ts, ...counts })),
  })
  .openapi("AnalyticsTimeseries");
export const BreakdownSchema = z
  .object({
    dimension: z.string(),
    data: z.array(
      z.object({
        value: z.string().openapi({
          description:
            'For campaign, source and medium: the tag value, "(none)" for untagged traffic, "(other)" for values past the per-link-and-day bound.',
        }),
        clicks: z.number().int(),
        unique_clicks: z.number().int(),
        bot_clicks: z.number().int(),
        registrations: z
          .number()
          .int()
          .nullable()
          .openapi({ description: "Campaign, source and medium only; null for the other dimensions." }),
        approved_shops: z.number().int().nullable(),
        wrong_link_registrations: z.number().int().nullable(),
      }),
    ),
  })
  .openapi("AnalyticsBreakdown");
export const FunnelSchema = z
  .object({
    group_by: z.enum(FUNNEL_GROUPS),
    data: z.array(
      z.object({
        key: z.string().nullable(),
        label: z.string().nullable(),
        partner_id: z.string().nullable(),
        service_id: z.string().nullable(),
        audience: z.string().nullable(),
        ...counts,
      }),
    ),
  })
  .openapi("AnalyticsFunnel");

export const MemberSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(MEMBER_ROLES),
    two_factor_enabled: z.boolean(),
    disabled_at: ts.nullable(),
    last_login_at: ts.nullable(),
    joined_at: ts,
  })
  .openapi("Member");
export const MemberList = z.object({ data: z.array(MemberSchema) }).openapi("MemberList");

export const InvitationSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: z.enum(MEMBER_ROLES),
    status: z.enum(["PENDING", "EXPIRED", "ACCEPTED", "REVOKED"]),
    invited_by: z.string().nullable(),
    expires_at: ts,
    sent_count: z.number().int(),
    last_sent_at: ts,
    created_at: ts,
  })
  .openapi("Invitation");
export const InvitationPage = page(InvitationSchema, "InvitationPage");

export const SessionSchema = z
  .object({
    id: z.string(),
    current: z.boolean().openapi({ description: "The session making this request." }),
    device: z.string().openapi({ description: 'From the user agent, e.g. "Chrome 120 on macOS".' }),
    browser: z.string().nullable(),
    os: z.string().nullable(),
    device_type: z.string().nullable().openapi({ description: "mobile, tablet, ... or null for a desktop." }),
    user_agent: z.string().nullable(),
    created_at: ts,
    last_seen_at: ts,
    expires_at: ts,
  })
  .openapi("Session");
export const SessionList = z.object({ data: z.array(SessionSchema) }).openapi("SessionList");
export const SessionsEnded = z.object({ sessions_ended: z.number().int() }).openapi("SessionsEnded");

export const TwoFactorStatusSchema = z
  .object({
    enabled: z.boolean(),
    enabled_at: ts.nullable(),
    recovery_codes_left: z.number().int(),
    required: z.boolean().openapi({ description: "Whether this user must have it on (staff admin; a team that requires it)." }),
  })
  .openapi("TwoFactorStatus");
export const TwoFactorEnrolmentSchema = z
  .object({
    otpauth_uri: z.string().openapi({ description: "otpauth://totp/... for the authenticator app (QR code); shown once." }),
    secret: z.string().openapi({ description: "The same secret in base32, for typing in by hand; shown once." }),
  })
  .openapi("TwoFactorEnrolment");
export const RecoveryCodesSchema = z
  .object({ recovery_codes: z.array(z.string()).openapi({ description: "Ten single-use codes; shown once." }) })
  .openapi("RecoveryCodes");
export const PasswordChangedSchema = z.object({ other_sessions_ended: z.number().int() }).openapi("PasswordChanged");

export const ReferralQualitySchema = z
  .object({
    partner_id: z.string(),
    from: ts,
    to: ts,
    registrations: z.number().int().openapi({ description: "Sellers credited to the partner in the range." }),
    approved_shops: z.number().int().openapi({ description: "Of those sellers, shops approved so far." }),
    approval_rate: z
      .number()
      .nullable()
      .openapi({ description: "approved_shops / registrations (0..1); null without registrations." }),
    wrong_link_registrations: z.number().int(),
    wrong_link_rate: z.number().nullable().openapi({ description: "wrong_link_registrations / registrations (0..1)." }),
    total_clicks: z
      .number()
      .int()
      .openapi({ description: "Every GET of the partner's links: clicks, clicks on Off links, bots." }),
    bot_clicks: z.number().int(),
    bot_click_share: z.number().nullable().openapi({ description: "bot_clicks / total_clicks (0..1); null without clicks." }),
  })
  .openapi("ReferralQuality");
