import { findApiKeyByHash, findSessionWithUser, touchApiKey, touchSession } from "@shopreg/db";
import { type ApiKeyScope, Forbidden, type MemberRole, type StaffRole, scopesOfRole, Unauthenticated } from "@shopreg/domain";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { sha256 } from "../auth/secrets.ts";
import { PARTNER_COOKIE, STAFF_COOKIE } from "../auth/session-cookie.ts";
import type { AppEnv, PartnerPrincipal, Principal, StaffPrincipal } from "../context.ts";
import { lacksScope } from "../routes/factory.ts";

/** The only routes a caller without credentials may reach; everything else is refused by default. */
const PUBLIC_ROUTES: ReadonlyArray<readonly [string, RegExp]> = [
  ["POST", /^\/v1\/partners$/],
  ["POST", /^\/v1\/invitations\/accept$/],
  ["POST", /^\/v1\/session$/],
  ["DELETE", /^\/v1\/session$/],
  ["POST", /^\/v1\/staff\/session$/],
  ["DELETE", /^\/v1\/staff\/session$/],
  ["GET", /^\/v1\/catalog$/],
  ["GET", /^\/v1\/application-forms\/[^/]+$/],
  ["POST", /^\/v1\/conversions$/], // authenticated by its signature instead
  ["OPTIONS", /^\/v1\//],
];
const isPublic = (method: string, path: string) => PUBLIC_ROUTES.some(([m, re]) => m === method && re.test(path));

/**
 * Works out who is calling. Staff paths read only the staff cookie; everything else reads a bearer
 * API key or the partner cookie. A credential that is present but wrong is refused at once, and so
 * is a request without one outside the public routes, before its body is even validated. Which
 * caller may do what is decided by the routes, with requirePartner and requireStaff.
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
    const key = await findApiKeyByHash(db, sha256(match[1]));
    if (!key || key.revoked_at) throw new Unauthenticated("The API key is invalid or has been revoked.");
    await touchApiKey(db, key.id, now);
    principal = { kind: "api_key", keyId: key.id, partnerId: key.partner_id, prefix: key.prefix, scopes: key.scopes };
  } else {
    const token = getCookie(c, isStaffPath ? STAFF_COOKIE : PARTNER_COOKIE);
    if (token) {
      const s = await findSessionWithUser(db, sha256(token));
      const valid = s && !s.disabled_at && s.expires_at.getTime() > now.getTime();
      if (s && valid) {
        // Sliding expiry, written at most every five minutes.
        if (now.getTime() - s.last_seen_at.getTime() > 5 * 60_000) {
          await touchSession(db, s.session_id, now, new Date(now.getTime() + config.sessionTtlMs));
        }
        const twoFactor = { enabled: s.totp_enabled_at !== null, required: Boolean(s.team_requires_two_factor) };
        if (s.role === "partner" && s.partner_id && s.member_role && !isStaffPath) {
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
  if (!principal && !isPublic(c.req.method, c.req.path)) {
    throw new Unauthenticated(
      isStaffPath ? "Sign in with a staff account." : "Sign in, or send an API key as Authorization: Bearer <api key>.",
    );
  }
  c.set("principal", principal);
  await next();
};

export function requirePartner(c: Context<AppEnv>, scope?: ApiKeyScope): PartnerPrincipal {
  const p = c.get("principal");
  if (!p || p.kind === "staff") throw new Unauthenticated("Sign in, or send an API key as Authorization: Bearer <api key>.");
  if (scope && !p.scopes.includes(scope)) {
    throw new Forbidden(lacksScope(p, scope), { required_scope: scope });
  }
  return p;
}

/** Staff-only routes; analysts read, reviewers decide, admins also revoke and manage staff. */
export function requireStaff(c: Context<AppEnv>, roles?: readonly StaffRole[]): StaffPrincipal {
  const p = c.get("principal");
  if (p?.kind !== "staff") throw new Unauthenticated("Sign in with a staff account.");
  if (roles && !roles.includes(p.role))
    throw new Forbidden(`This needs one of the roles: ${roles.join(", ")}.`, { required_roles: roles });
  return p;
}
