import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { AppEnv } from "../context.ts";
import { errorResponse } from "../errors.ts";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cookies are ambient: a page on another site can make the browser POST with them (a body-less
 * approve, a text/plain form). So an unsafe request that a session cookie would authenticate must
 * come from an allowed origin (the portal, the dashboard, the API's own) or from this very origin
 * (the web apps forward /v1 to the API same-origin); without Origin, Sec-Fetch-Site must not say
 * another site. Requests with neither header are not from a browser page. Bearer-key calls are not
 * ambient and are unaffected; sign-in is covered too (login CSRF) although it carries no cookie yet.
 */
export const csrf: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (SAFE.has(c.req.method)) return next();
  const { config } = c.get("services");
  const isStaffPath = c.req.path.startsWith("/v1/staff");
  // The staff paths read only the staff cookie, whatever Authorization says; the others prefer a bearer key.
  const bearer = !isStaffPath && c.req.header("authorization") !== undefined;
  const cookie = getCookie(c, isStaffPath ? config.cookieNames.staff : config.cookieNames.partner);
  const signIn = c.req.path === "/v1/session" || c.req.path === "/v1/staff/session";
  if (bearer || (cookie === undefined && !signIn)) return next();

  const origin = c.req.header("origin");
  const own = new URL(c.req.url).origin;
  const allowed =
    origin !== undefined
      ? origin === own || config.allowedOrigins.includes(origin)
      : !["cross-site", "same-site"].includes(c.req.header("sec-fetch-site") ?? "");
  if (!allowed) {
    return errorResponse(
      c,
      403,
      "cross_origin_request",
      "This request with a session cookie comes from another site and was refused. Use the web app, or an API key.",
      { origin: origin ?? null, sec_fetch_site: c.req.header("sec-fetch-site") ?? null },
    );
  }
  await next();
};
