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

export function setSessionCookie(c: Context<AppEnv>, kind: SessionKind, token: string, expiresAt: Date) {
  setCookie(c, nameOf(c, kind), token, {
    httpOnly: true,
    secure: c.get("services").config.cookieSecure,
    sameSite: "Lax",
    path: "/",
    expires: expiresAt,
  });
}

export const readSessionCookie = (c: Context<AppEnv>, kind: SessionKind): string | undefined => getCookie(c, nameOf(c, kind));

export const clearSessionCookie = (c: Context<AppEnv>, kind: SessionKind) =>
  deleteCookie(c, nameOf(c, kind), { path: "/", secure: c.get("services").config.cookieSecure });
