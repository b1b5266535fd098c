import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import { rateLimiter } from "hono-rate-limiter";
import type { AppEnv } from "../context.ts";
import { errorResponse } from "../errors.ts";

export function clientAddress(c: Context<AppEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown"; // in-process requests (tests) have no socket
  }
}

const principalKey = (c: Context<AppEnv>) => {
  const p = c.get("principal");
  if (!p) return `ip:${clientAddress(c)}`;
  return p.kind === "api_key" ? `key:${p.keyId}` : `user:${p.userId}`;
};

/** Per API key (or user, or address when anonymous), with RateLimit-* and Retry-After headers. */
export const rateLimit = (limitPerMinute: number) =>
  rateLimiter<AppEnv>({
    windowMs: 60_000,
    limit: limitPerMinute,
    standardHeaders: "draft-6",
    keyGenerator: principalKey,
    handler: (c) =>
      errorResponse(
        c,
        429,
        "rate_limited",
        `Rate limit of ${limitPerMinute} requests per minute exceeded. Retry after the time in Retry-After.`,
      ),
  });

/** Tighter, per address, for endpoints that check passwords. */
export const loginRateLimit = (limitPerMinute: number) =>
  rateLimiter<AppEnv>({
    windowMs: 60_000,
    limit: limitPerMinute,
    standardHeaders: "draft-6",
    keyGenerator: (c) => `login:${clientAddress(c)}`,
    handler: (c) => errorResponse(c, 429, "rate_limited", "Too many sign-in attempts. Wait a minute and try again."),
  });
