import { TwoFactorEnrolmentRequired } from "@shopreg/domain";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../context.ts";

/** What a user who must enrol may still reach: who am I, sign out, and their own account (two-factor above all). */
const STAFF_ALLOWED = /^\/v1\/staff\/(session$|me(\/|$))/;
const PARTNER_ALLOWED = /^\/v1\/(session$|me(\/|$))/;

/**
 * docs/teams-and-account-security.md, "Two-factor": two-factor is required for staff admins, and
 * for a partner's members when the owner requires it for the team. Such a user without it still
 * signs in (so they can enrol from the app), but every other request answers 403
 * `two_factor_enrolment_required`, whatever the route, until a
 * code confirms the enrolment (POST /v1/staff/me/two-factor/confirm, POST /v1/me/two-factor/confirm).
 */
export const twoFactorGate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const p = c.get("principal");
  if ((p?.kind === "staff" || p?.kind === "partner_user") && p.twoFactor?.required && !p.twoFactor.enabled) {
    const allowed = p.kind === "staff" ? STAFF_ALLOWED : PARTNER_ALLOWED;
    if (!allowed.test(c.req.path)) {
      throw new TwoFactorEnrolmentRequired(
        p.kind === "staff"
          ? "Staff admins must turn on two-factor before acting: enrol at POST /v1/staff/me/two-factor, then confirm with a code."
          : "Your team requires two-factor: enrol at POST /v1/me/two-factor, then confirm with a code.",
        { enrol: p.kind === "staff" ? "/v1/staff/me/two-factor" : "/v1/me/two-factor" },
      );
    }
  }
  await next();
};
