/**
 * The audit log's vocabulary: every action an audit row records and every kind of entity it is
 * about, with the words the reviewer dashboard shows for them. The API can only write what is listed
 * here (the audit writer takes these types), so the dashboard's filters and labels cover every row.
 */
export const AUDIT_ACTION_LABELS = {
  // applications (APPLICATION_ACTIONS) and their details
  create: "Created",
  submit: "Submitted",
  resubmit: "Resubmitted",
  approve: "Approved",
  reject: "Rejected",
  request_info: "Requested more info",
  withdraw: "Withdrawn",
  revoke: "Revoked",
  update: "Updated",
  update_details: "Updated details",
  // services
  publish: "Published",
  deactivate: "Deactivated",
  force_off: "Turned Off",
  // partners, members and invitations
  sign_up: "Signed up",
  update_profile: "Updated profile",
  invite: "Invited",
  resend: "Resent invitation",
  accept: "Accepted invitation",
  join: "Joined",
  change_role: "Changed role",
  remove: "Removed",
  leave: "Left",
  transfer_ownership: "Transferred ownership",
  require_two_factor: "Required two-factor",
  stop_requiring_two_factor: "Stopped requiring two-factor",
  // staff users
  disable: "Disabled",
  enable: "Enabled",
  // account security
  verify_email: "Verified email",
  resend_email_verification: "Resent email verification",
  request_password_reset: "Requested password reset",
  send_password_reset: "Sent a password reset link",
  reset_password: "Reset password",
  change_password: "Changed password",
  start_two_factor: "Started two-factor enrolment",
  enable_two_factor: "Turned on two-factor",
  disable_two_factor: "Turned off two-factor",
  regenerate_recovery_codes: "Regenerated recovery codes",
  use_recovery_code: "Used a recovery code",
  end_session: "Ended a session",
  end_other_sessions: "Ended other sessions",
  // webhook endpoints and deliveries
  delete: "Deleted",
  rotate_secret: "Rotated secret",
  redeliver: "Redelivered",
  send_test: "Sent a test event",
  // conversions from Seller Center
  "seller.registered": "Seller registered",
  "shop.approved": "Shop approved",
  // incentive programs
  "seller.first_order": "Seller's first order",
  "seller.gmv": "Seller's GMV reported",
  "seller.governance_flag": "Seller's governance flag",
  create_version: "Published a new version",
  close: "Closed",
  dispute: "Disputed",
  accept_dispute: "Accepted a dispute",
  reject_dispute: "Rejected a dispute",
} as const satisfies Record<string, string>;
export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;

export const AUDIT_ENTITY_LABELS = {
  application: "Application",
  service: "Service",
  partner: "Partner",
  member: "Member",
  invitation: "Invitation",
  api_key: "API key",
  staff_user: "Staff user",
  webhook_endpoint: "Webhook endpoint",
  webhook_delivery: "Webhook delivery",
  mail_message: "Mail message",
  conversion: "Conversion",
  seller_event: "Seller event",
  incentive_program: "Incentive program",
  incentive_statement: "Incentive statement",
  incentive_dispute: "Incentive dispute",
} as const satisfies Record<string, string>;
export type AuditEntityType = keyof typeof AUDIT_ENTITY_LABELS;

/** Who acted: a person (partner member or staff), an API key, the system (jobs), or Seller Center (conversions). */
export const AUDIT_ACTOR_LABELS = {
  user: "Person (partner or staff)",
  api_key: "API key",
  system: "System",
  seller_center: "Seller Center",
} as const satisfies Record<string, string>;
export type AuditActorType = keyof typeof AUDIT_ACTOR_LABELS;

/** An action in words; an action written before this list existed shows as its own name. */
export const auditActionLabel = (action: string): string =>
  (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action.replaceAll("_", " ");

/** A status that no state machine labels (a partner's, a key's, a member's) in words: "NEEDS_INFO" -> "Needs info". */
export const statusWords = (status: string): string => {
  const words = status.replaceAll("_", " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};
