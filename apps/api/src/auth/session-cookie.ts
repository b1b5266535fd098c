import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../context.ts";

/**
 * Separate cookies so a browser can hold a partner and a staff session without one replacing the
 * other. Their names come from the configuration: `__Host-` prefixed whenever cookies are Secure.
 */
export type SessionKind = "partner" | "staff";
export const PARTNER_COOKIE: SessionKind = "partner";
export const STAFF_COOKIE: SessionKind = "staff";

const nameOf = (c: Context<AppEnv>, kind: SessionKind) => c.get("services").config.cookieNames[kind];

/**
 * Beside the session, a cookie the page can read that says only "signed in until": the apps skip
 * asking who is signed in when it is absent, so a signed-out page load makes no 401 for the console.
 * It grants nothing; the session cookie alone authenticates.
 */
export const hintNameOf = (sessionCookie: string) => `${sessionCookie.replace(/_session$/, "")}_signed_in`;

export function setSessionCookie(c: Context<AppEnv>, kind: SessionKind, token: string, expiresAt: Date) {
  const secure = c.get("services").config.cookieSecure;
  setCookie(c, nameOf(c, kind), token, { httpOnly: true, secure, sameSite: "Lax", path: "/", expires: expiresAt });
  setCookie(c, hintNameOf(nameOf(c, kind)), "1", { httpOnly: false, secure, sameSite: "Lax", path: "/", expires: expiresAt });
}

export const readSessionCookie = (c: Context<AppEnv>, kind: SessionKind): string | undefined => getCookie(c, nameOf(c, kind));

export function clearSessionCookie(c: Context<AppEnv>, kind: SessionKind) {
  const secure = c.get("services").config.cookieSecure;
  deleteCookie(c, nameOf(c, kind), { path: "/", secure });
  deleteCookie(c, hintNameOf(nameOf(c, kind)), { path: "/", secure });
}
