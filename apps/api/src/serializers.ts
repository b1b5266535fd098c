import type {
  ApiKey,
  Application,
  AuditEvent,
  Conversion,
  Invitation,
  Partner,
  ReferralLink,
  Service,
  Session,
  User,
  WebhookDelivery,
  WebhookEndpoint,
} from "@shopreg/db";
import {
  type ActionCaller,
  API_KEY_SCOPES,
  applicationActionsFor,
  categoryPath,
  type EventType,
  type MemberRole,
  referralUrl,
  type ServiceAllowedAction,
  type StaffRole,
  scopesOfRole,
  serviceActionsFor,
} from "@shopreg/domain";
import { UAParser } from "ua-parser-js";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const isoReq = (d: Date) => d.toISOString();

export const toPartner = (p: Partner) => ({
  id: p.id,
  company_name: p.company_name,
  entity_type: p.entity_type,
  registration_region: p.registration_region,
  company_registration_region: p.company_registration_region,
  contact_name: p.contact_name,
  contact_email: p.contact_email,
  contact_phone: p.contact_phone,
  require_two_factor: p.require_two_factor,
  created_at: isoReq(p.created_at),
  updated_at: isoReq(p.updated_at),
});

/** A webhook has no caller: its payloads show the steps of a member holding every scope, address confirmed. */
export const EVENT_VIEW: ActionCaller = { kind: "partner", scopes: API_KEY_SCOPES, email_verified: true };

/** `caller` decides allowed_actions (actionCallerOf in usecases/permissions.ts); omitted in event payloads. */
export const toApplication = (a: Application, caller: ActionCaller = EVENT_VIEW) => ({
  id: a.id,
  partner_id: a.partner_id,
  category_id: a.category_id,
  category_path: categoryPath(a.category_id).map((n) => n.name),
  target_market: a.target_market,
  form_version: a.form_version,
  details: a.details,
  status: a.status,
  revision: a.revision,
  submitted_at: iso(a.submitted_at),
  decided_at: iso(a.decided_at),
  decision_reason: a.decision_reason,
  allowed_actions: applicationActionsFor(a.status, caller),
  created_at: isoReq(a.created_at),
  updated_at: isoReq(a.updated_at),
});

export const toAuditEvent = (e: AuditEvent) => ({
  id: e.id,
  occurred_at: isoReq(e.occurred_at),
  actor_type: e.actor_type,
  actor_id: e.actor_id,
  actor_label: e.actor_label,
  partner_id: e.partner_id,
  entity_type: e.entity_type,
  entity_id: e.entity_id,
  action: e.action,
  from_status: e.from_status,
  to_status: e.to_status,
  reason: e.reason,
  request_id: e.request_id,
  data: e.data,
});

export const toLink = (l: ReferralLink, gatewayUrl: string, serviceStatus: Service["status"]) => ({
  id: l.id,
  service_id: l.service_id,
  audience: l.audience,
  target_market: l.target_market,
  token: l.token,
  url: referralUrl(gatewayUrl, l.token),
  active: serviceStatus === "ON",
  created_at: isoReq(l.created_at),
});

/** `allowed` is the caller's (serviceActionsOf in usecases/permissions.ts); event payloads show a member's while approved. */
export const toService = (
  s: Service,
  links: ReferralLink[],
  gatewayUrl: string,
  allowed: ServiceAllowedAction[] = serviceActionsFor(s.status, true, EVENT_VIEW),
) => ({
  id: s.id,
  partner_id: s.partner_id,
  type: s.type,
  category_id: s.category_id,
  category_path: categoryPath(s.category_id).map((n) => n.name),
  target_market: s.target_market,
  name: s.name,
  description: s.description,
  contact_email: s.contact_email,
  status: s.status,
  first_published_at: iso(s.first_published_at),
  referral_links: links.map((l) => toLink(l, gatewayUrl, s.status)),
  allowed_actions: allowed,
  created_at: isoReq(s.created_at),
  updated_at: isoReq(s.updated_at),
});

export const toApiKey = (k: ApiKey) => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  scopes: k.scopes,
  created_at: isoReq(k.created_at),
  last_used_at: iso(k.last_used_at),
  revoked_at: iso(k.revoked_at),
});

export const toStaffUser = (u: User) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role as StaffRole,
  two_factor_enabled: u.totp_enabled_at !== null,
  disabled_at: iso(u.disabled_at),
  last_login_at: iso(u.last_login_at),
  created_at: isoReq(u.created_at),
});

export const toConversion = (v: Conversion) => ({
  id: v.id,
  event_id: v.event_id,
  event_type: v.event_type,
  seller_id: v.seller_id,
  seller_type: v.seller_type,
  click_id: v.click_id,
  channel: v.channel,
  attributed: v.partner_id !== null,
  partner_id: v.partner_id,
  service_id: v.service_id,
  link_id: v.link_id,
  attributed_click_id: v.attributed_click_id,
  utm_source: v.utm_source,
  utm_medium: v.utm_medium,
  utm_campaign: v.utm_campaign,
  utm_content: v.utm_content,
  wrong_link: v.wrong_link,
  occurred_at: isoReq(v.occurred_at),
  received_at: isoReq(v.received_at),
});

export const toMember = (u: User) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.member_role as MemberRole,
  two_factor_enabled: u.totp_enabled_at !== null,
  disabled_at: iso(u.disabled_at),
  last_login_at: iso(u.last_login_at),
  joined_at: isoReq(u.created_at),
});

/** The signed-in member as the portal needs it: who, which role, what the role allows. */
export const toSessionUser = (u: User) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.member_role as MemberRole,
  scopes: scopesOfRole(u.member_role as MemberRole),
  two_factor_enabled: u.totp_enabled_at !== null,
  email_verified: u.email_verified_at !== null,
});

export const toInvitation = (i: Invitation, now: Date) => ({
  id: i.id,
  email: i.email,
  role: i.role,
  status: i.accepted_at
    ? ("ACCEPTED" as const)
    : i.revoked_at
      ? ("REVOKED" as const)
      : i.expires_at.getTime() <= now.getTime()
        ? ("EXPIRED" as const)
        : ("PENDING" as const),
  invited_by: i.invited_by,
  expires_at: isoReq(i.expires_at),
  sent_count: i.sent_count,
  last_sent_at: isoReq(i.last_sent_at),
  created_at: isoReq(i.created_at),
});

/** A session as its user sees it: the device in words, from the user agent it signed in with. */
export const toSession = (s: Session & { current: boolean }) => {
  const ua = new UAParser(s.user_agent ?? "").getResult();
  const browser = ua.browser.name ? [ua.browser.name, ua.browser.major].filter(Boolean).join(" ") : null;
  const os = ua.os.name ? [ua.os.name, ua.os.version].filter(Boolean).join(" ") : null;
  return {
    id: s.public_id,
    current: s.current,
    device: browser && os ? `${browser} on ${os}` : (browser ?? os ?? "Unknown device"),
    browser,
    os,
    device_type: ua.device.type ?? null,
    user_agent: s.user_agent,
    created_at: isoReq(s.created_at),
    last_seen_at: isoReq(s.last_seen_at),
    expires_at: isoReq(s.expires_at),
  };
};

export const toWebhookEndpoint = (e: WebhookEndpoint) => ({
  id: e.id,
  url: e.url,
  description: e.description,
  event_types: e.event_types as EventType[],
  enabled: e.enabled,
  disabled_reason: e.disabled_reason,
  /** Until then the previous secret still signs too (after a rotation). */
  previous_secret_expires_at: iso(e.previous_secret_expires_at),
  created_at: isoReq(e.created_at),
  updated_at: isoReq(e.updated_at),
});

export const toWebhookDelivery = (d: WebhookDelivery & { event_type: string }) => ({
  id: d.id,
  event_id: d.event_id,
  event_type: d.event_type,
  endpoint_id: d.endpoint_id,
  status: d.status,
  attempts: d.attempts,
  response_status: d.response_status,
  latency_ms: d.latency_ms,
  response_excerpt: d.response_excerpt,
  error: d.error,
  next_attempt_at: iso(d.next_attempt_at),
  last_attempt_at: iso(d.last_attempt_at),
  delivered_at: iso(d.delivered_at),
  created_at: isoReq(d.created_at),
});
