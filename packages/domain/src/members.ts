import { z } from "zod";
import { API_KEY_SCOPES, type ApiKeyScope, email, password, singleLine, twoFactorCode } from "./schemas.ts";

/** docs/teams-and-account-security.md, "Roles are scopes": the roles of a partner account's members, most powerful first. */
export const MEMBER_ROLES = ["owner", "admin", "developer", "analyst"] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/**
 * What each role may do, in the product's words; the portal renders this table. A capability is a
 * set of API key scopes, so a member's session and the keys they mint are checked by one rule.
 */
export const CAPABILITIES = {
  read_profile: ["profile:read"],
  edit_profile: ["profile:write"],
  manage_members: ["members:read", "members:write"],
  see_members: ["members:read"],
  manage_applications: ["applications:read", "applications:write"],
  see_applications: ["applications:read"],
  manage_services: ["services:read", "services:write"],
  see_services: ["services:read"],
  manage_api_keys: ["api_keys:read", "api_keys:write"],
  manage_webhooks: ["webhooks:read", "webhooks:write"],
  read_analytics: ["analytics:read"],
  /** Incentive statements; disputing a line writes. */
  see_incentives: ["incentives:read"],
  dispute_incentives: ["incentives:read", "incentives:write"],
  /** Owner only, and not a scope: no key can hand an account away. */
  transfer_ownership: [],
} as const satisfies Record<string, readonly ApiKeyScope[]>;
export type Capability = keyof typeof CAPABILITIES;

export const ROLE_CAPABILITIES: Record<MemberRole, readonly Capability[]> = {
  owner: Object.keys(CAPABILITIES) as Capability[],
  admin: [
    "read_profile",
    "edit_profile",
    "manage_members",
    "manage_applications",
    "manage_services",
    "read_analytics",
    "dispute_incentives",
  ],
  developer: ["read_profile", "see_members", "see_applications", "manage_services", "manage_api_keys", "manage_webhooks"],
  analyst: ["read_analytics", "see_incentives"],
};

/** The scopes a member of the role holds: their session has exactly these, and their keys a subset. */
export function scopesOfRole(role: MemberRole): ApiKeyScope[] {
  const held = new Set<ApiKeyScope>(ROLE_CAPABILITIES[role].flatMap((c) => CAPABILITIES[c]));
  return API_KEY_SCOPES.filter((s) => held.has(s));
}

/** A role's name as a person reads it (mail, screens), in English and 简体中文. */
export const ROLE_WORDS = {
  owner: { en: "Owner", zh: "所有者" },
  admin: { en: "Admin", zh: "管理员" },
  developer: { en: "Developer", zh: "开发者" },
  analyst: { en: "Analyst", zh: "分析员" },
} as const satisfies Record<MemberRole, { en: string; zh: string }>;

export const roleCan = (role: MemberRole, capability: Capability) => ROLE_CAPABILITIES[role].includes(capability);

export const memberRole = z.enum(MEMBER_ROLES, { error: `Role must be one of: ${MEMBER_ROLES.join(", ")}.` });

export const memberUpdateInput = z.strictObject({ role: memberRole });
export const invitationCreateInput = z.strictObject({ email, role: memberRole });
export const invitationAcceptInput = z.strictObject({
  token: z.string().min(20, "The invitation token is incomplete.").max(200),
  /** For a new user; an address that already has a user signs in with its own password instead. */
  name: singleLine(1, 200, "Enter your name.").optional(),
  password,
});
/** An invitation is valid for seven days. */
export const INVITATION_TTL_MS = 7 * 24 * 3600_000;

export const passwordChangeInput = z.strictObject({
  current_password: z.string().min(1, "Enter your current password.").max(200),
  new_password: password,
});

export const twoFactorConfirmInput = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[0-9]{6}$/, "Enter the 6-digit code."),
});
export const twoFactorDisableInput = z.strictObject({ password: z.string().min(1).max(200), code: twoFactorCode });
export const teamSecurityInput = z.strictObject({ require_two_factor: z.boolean() });
export const RECOVERY_CODE_COUNT = 10;

/** docs/teams-and-account-security.md: password reset by email, and the verified address. Tokens travel only in the mail's link. */
const mailedToken = z.string().trim().min(20, "The link is incomplete; open it from the email again.").max(200);
export const passwordResetRequestInput = z.strictObject({ email });
export const passwordResetConfirmInput = z.strictObject({ token: mailedToken, password });
/** Asking whether a reset link still works, before its form is shown. */
export const passwordResetCheckInput = z.strictObject({ token: mailedToken });
export const emailVerificationConfirmInput = z.strictObject({ token: mailedToken });
/** A reset link works for an hour, a verification link for a day. */
export const PASSWORD_RESET_TTL_MS = 3600_000;
export const EMAIL_VERIFICATION_TTL_MS = 24 * 3600_000;
