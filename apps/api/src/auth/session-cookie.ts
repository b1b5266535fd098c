import type { Context } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../context.ts";

/** Separate cookies so a browser can hold a partner and a staff session without one replacing the other. */
export const PARTNER_COOKIE = "shopreg_partner_session";
export const STAFF_COOKIE = "shopreg_staff_session";

export function setSessionCookie(c: Context<AppEnv>, name: string, token: string, expiresAt: Date) {
  setCookie(c, name, token, {
    httpOnly: true,
    secure: c.get("services").config.cookieSecure,
    sameSite: "Lax",
    path: "/",
    expires: expiresAt,
  });
}

export const clearSessionCookie = (c: Context<AppEnv>, name: string) => deleteCookie(c, name, { path: "/" });
