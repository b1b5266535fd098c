import { findApiKeyWithMaker, findSessionWithUser, touchApiKey, touchSession } from "@shopreg/db";
import { type MemberRole, type StaffRole, scopesOfRole, Unauthenticated } from "@shopreg/domain";
import type { MiddlewareHandler } from "hono";
import { sha256 } from "../auth/secrets.ts";
import { PARTNER_COOKIE, readSessionCookie, STAFF_COOKIE } from "../auth/session-cookie.ts";
import type { AppEnv, Principal } from "../context.ts";

/**
 * Works out who is calling, and only that. Staff paths read only the staff cookie; everything else
 * reads a bearer API key or the partner cookie. A credential that is present but wrong is refused at
 * once. A missing one is refused by the route's own declaration (routes/factory.ts), which runs
 * before its body is validated; a public route simply has no guard.
 */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { db, clock, config } = c.get("services");
  const now = clock();
  const isStaffPath = c.req.path.startsWith("/v1/staff");
  const authz = c.req.header("authorization");
  let principal: Principal | undefined;

  if (authz && !isStaffPath) {
    const match = /^Bearer\s+(\S+)$/i.exec(authz);
    if (!match?.[1]) throw new Unauthenticated("Use the header Authorization: Bearer <api key>.");
    const key = await findApiKeyWithMaker(db, sha256(match[1]));
    if (!key || key.revoked_at) throw new Unauthenticated("The API key is invalid or has been revoked.");
    // A key acts with at most its maker's access now: none once they are removed or disabled,
    // and only the scopes their current role holds (a demotion narrows every key they made).
    const makerRole = key.maker_role as MemberRole | null;
    if (!key.created_by || !makerRole || key.maker_partner_id !== key.partner_id || key.maker_disabled_at) {
      throw new Unauthenticated("The member who created this API key no longer has access, so neither does the key.", {
        reason: "maker_without_access",
      });
    }
    await touchApiKey(db, key.id, now);
    const roleScopes = scopesOfRole(makerRole);
    principal = {
      kind: "api_key",
      keyId: key.id,
      partnerId: key.partner_id,
      prefix: key.prefix,
      scopes: key.scopes.filter((s) => roleScopes.includes(s)),
      makerId: key.created_by,
      makerRole,
    };
  } else {
    const token = readSessionCookie(c, isStaffPath ? STAFF_COOKIE : PARTNER_COOKIE);
    if (token) {
      const s = await findSessionWithUser(db, sha256(token));
      // Sliding expiry, but never past the absolute lifetime from sign-in.
      const endsAt = s ? s.created_at.getTime() + config.sessionAbsoluteMs : 0;
      const valid = s && !s.disabled_at && s.expires_at.getTime() > now.getTime() && endsAt > now.getTime();
      if (s && valid) {
        // Written at most every five minutes.
        if (now.getTime() - s.last_seen_at.getTime() > 5 * 60_000) {
          await touchSession(db, s.session_id, now, new Date(Math.min(now.getTime() + config.sessionTtlMs, endsAt)));
        }
        const twoFactor = { enabled: s.totp_enabled_at !== null, required: Boolean(s.team_requires_two_factor) };
        if (s.role === "partner" && s.partner_id && s.member_role && !isStaffPath) {
          // A session holds the scopes of the member's role, checked as a key's are.
          const role = s.member_role as MemberRole;
          principal = {
            kind: "partner_user",
            userId: s.user_id,
            partnerId: s.partner_id,
            email: s.email,
            name: s.name,
            sessionId: s.session_id,
            role,
            scopes: scopesOfRole(role),
            twoFactor,
          };
        } else if (s.role !== "partner" && isStaffPath) {
          principal = {
            kind: "staff",
            userId: s.user_id,
            role: s.role as StaffRole,
            email: s.email,
            name: s.name,
            sessionId: s.session_id,
            twoFactor: { enabled: twoFactor.enabled, required: s.role === "admin" && config.staffAdminsNeedTwoFactor },
          };
        }
      }
    }
  }
  c.set("principal", principal);
  await next();
};
