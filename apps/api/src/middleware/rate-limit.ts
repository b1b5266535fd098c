import { getConnInfo } from "@hono/node-server/conninfo";
import {
  type AttemptPolicy,
  claimAttempt,
  decrementRateLimit,
  deleteRateLimit,
  findRateLimit,
  hitRateLimit,
  type RateLimitCount,
  setRateLimit,
} from "@shopreg/db";
import type { Context, MiddlewareHandler } from "hono";
import { rateLimiter, type Store } from "hono-rate-limiter";
import { sha256 } from "../auth/secrets.ts";
import type { AppEnv, AppServices } from "../context.ts";
import { errorResponse } from "../errors.ts";

/**
 * The caller's address: the last entry of the trusted proxy's header when one is configured (a
 * client can prepend anything, only the proxy's own entry is trusted), else the socket's. The web
 * apps forward /v1 with their socket (scripts/web-app.ts), so browsers are told apart there too.
 */
export function clientAddress(c: Context<AppEnv>): string {
  const header = c.get("services").config.clientIpHeader;
  if (header) {
    const last = c.req.header(header)?.split(",").at(-1)?.trim();
    if (last) return last;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown"; // in-process requests without bindings have no socket
  }
}

/** Where the counters live: this process's memory, or the database every API process shares. */
export interface RateLimitStore {
  hit(key: string, windowMs: number): Promise<RateLimitCount>;
  get(key: string): Promise<RateLimitCount | undefined>;
  set(key: string, hits: number, resetAt: Date): Promise<void>;
  /** One attempt counted before it is checked, atomically (claimAttempt in @shopreg/db). */
  claim(key: string, policy: AttemptPolicy): Promise<{ blocked: false; hits: number } | { blocked: true; resetAt: Date }>;
  decrement(key: string): Promise<void>;
  reset(key: string): Promise<void>;
}

export function memoryRateLimitStore(clock: () => Date): RateLimitStore {
  const counts = new Map<string, RateLimitCount>();
  const sweep = (now: number) => {
    for (const [k, v] of counts) if (v.resetAt.getTime() <= now - 3_600_000) counts.delete(k);
  };
  return {
    async hit(key, windowMs) {
      const now = clock().getTime();
      if (counts.size > 50_000) sweep(now);
      const cur = counts.get(key);
      const next =
        cur && cur.resetAt.getTime() > now
          ? { hits: cur.hits + 1, resetAt: cur.resetAt }
          : { hits: 1, resetAt: new Date(now + windowMs) };
      counts.set(key, next);
      return next;
    },
    async get(key) {
      return counts.get(key);
    },
    async set(key, hits, resetAt) {
      counts.set(key, { hits, resetAt });
    },
    // Synchronous between reading and writing: nothing else runs in between in this process.
    async claim(key, p) {
      const now = clock().getTime();
      const cur = counts.get(key);
      if (cur && cur.hits >= p.freeFailures && cur.resetAt.getTime() > now) return { blocked: true, resetAt: cur.resetAt };
      const hits = cur && cur.resetAt.getTime() > now - p.forgetAfterMs ? cur.hits + 1 : 1;
      const wait = hits >= p.freeFailures ? Math.min(2 ** (hits - p.freeFailures), p.maxWaitSeconds) : 0;
      counts.set(key, { hits, resetAt: new Date(now + wait * 1000) });
      return { blocked: false, hits };
    },
    async decrement(key) {
      const cur = counts.get(key);
      if (cur) cur.hits = Math.max(0, cur.hits - 1);
    },
    async reset(key) {
      counts.delete(key);
    },
  };
}

export function databaseRateLimitStore({ db, clock }: Pick<AppServices, "db" | "clock">): RateLimitStore {
  return {
    hit: (key, windowMs) => hitRateLimit(db, key, clock(), windowMs),
    get: (key) => findRateLimit(db, key),
    set: async (key, hits, resetAt) => void (await setRateLimit(db, key, hits, resetAt)),
    claim: (key, policy) => claimAttempt(db, key, clock(), policy),
    decrement: async (key) => void (await decrementRateLimit(db, key)),
    reset: async (key) => void (await deleteRateLimit(db, key)),
  };
}

export const createRateLimitStore = (services: AppServices): RateLimitStore =>
  services.config.rateLimitStore === "database" ? databaseRateLimitStore(services) : memoryRateLimitStore(services.clock);

/** hono-rate-limiter's store interface over ours, for a one-minute window under a key prefix. */
function adapt(store: RateLimitStore, prefix: string, windowMs: number): Store<AppEnv> {
  return {
    increment: async (key) => {
      const { hits, resetAt } = await store.hit(`${prefix}:${key}`, windowMs);
      return { totalHits: hits, resetTime: resetAt };
    },
    decrement: (key) => store.decrement(`${prefix}:${key}`),
    resetKey: (key) => store.reset(`${prefix}:${key}`),
  };
}

const principalKey = (c: Context<AppEnv>) => {
  const p = c.get("principal");
  if (!p) return `ip:${clientAddress(c)}`;
  return p.kind === "api_key" ? `key:${p.keyId}` : `user:${p.userId}`;
};

/** Per API key (or user, or address when anonymous), with RateLimit-* and Retry-After headers. */
export const rateLimit = (store: RateLimitStore, limitPerMinute: number) =>
  rateLimiter<AppEnv>({
    windowMs: 60_000,
    limit: limitPerMinute,
    standardHeaders: "draft-6",
    keyGenerator: principalKey,
    store: adapt(store, "rl", 60_000),
    handler: (c) =>
      errorResponse(
        c,
        429,
        "rate_limited",
        `Rate limit of ${limitPerMinute} requests per minute exceeded. Retry after the time in Retry-After.`,
      ),
  });

const ADDRESS_LIMITED = {
  login: "Too many sign-in attempts. Wait a minute and try again.",
  signup: "Too many sign-ups from this address. Wait a minute and try again.",
  password_reset: "Too many password reset requests from this address. Wait a minute and try again.",
};

/** Tighter, per client address, for endpoints that check passwords, create accounts or send account mail. */
export const addressRateLimit = (store: RateLimitStore, what: keyof typeof ADDRESS_LIMITED, limitPerMinute: number) =>
  rateLimiter<AppEnv>({
    windowMs: 60_000,
    limit: limitPerMinute,
    standardHeaders: "draft-6",
    keyGenerator: (c) => clientAddress(c),
    store: adapt(store, what, 60_000),
    handler: (c) => errorResponse(c, 429, "rate_limited", ADDRESS_LIMITED[what]),
  });

/**
 * Account mail per recipient, per hour, whoever asks: the body's `email` (password reset) or the
 * signed-in user (resending the confirmation). Counted the same whether or not the address has an
 * account, so the 429 reveals nothing; it keeps anyone from flooding someone's inbox.
 */
export const accountMailRateLimit = (store: RateLimitStore, what: "password_reset" | "email_verification", perHour: number) =>
  rateLimiter<AppEnv>({
    windowMs: 3_600_000,
    limit: perHour,
    standardHeaders: "draft-6",
    // A resend is a signed-in member's; anyone else is refused by the route (401), not counted here.
    skip: (c) => what === "email_verification" && c.get("principal")?.kind !== "partner_user",
    keyGenerator: async (c) => {
      const p = c.get("principal");
      if (what === "email_verification" && p?.kind === "partner_user") return `user:${p.userId}`;
      try {
        const body = await c.req.json();
        if (typeof body?.email === "string") return `email:${sha256(body.email.trim().toLowerCase())}`;
      } catch {
        // not JSON: the route's validation answers
      }
      return `ip:${clientAddress(c)}`;
    },
    store: adapt(store, `mail-${what}`, 3_600_000),
    handler: (c) =>
      errorResponse(
        c,
        429,
        "rate_limited",
        `At most ${perHour} such emails an hour; check your inbox (and spam folder), or retry after the time in Retry-After.`,
      ),
  });

/** Consecutive failures are forgotten after this long without one. */
const FAILURES_FORGOTTEN_MS = 15 * 60_000;
const MAX_WAIT_SECONDS = 15 * 60;

/**
 * Per account, whatever the address: after `freeFailures` wrong passwords in a row, each attempt
 * must wait 1 s, then 2, 4, ... up to 15 minutes after the last failure; a right password resets
 * it. A wait, not a lock-out: someone guessing cannot shut the owner out for long. Each attempt is
 * counted before the password is checked, in one atomic step, so parallel guesses cannot share
 * one count; an answer that checked nothing (not a 401) gives its count back.
 */
export const accountBackoff =
  (store: RateLimitStore, freeFailures: number): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    let email: string | undefined;
    try {
      const body = await c.req.json();
      // Only what can be a password check is counted; anything else is refused by validation.
      if (typeof body?.email === "string" && typeof body.password === "string" && body.password !== "") {
        email = body.email.trim().toLowerCase();
      }
    } catch {
      // not JSON: the route's validation answers
    }
    if (!email) return next();
    const key = `login-account:${sha256(email)}`;
    const now = c.get("services").clock().getTime();
    const claim = await store.claim(key, {
      freeFailures,
      maxWaitSeconds: MAX_WAIT_SECONDS,
      forgetAfterMs: FAILURES_FORGOTTEN_MS,
    });
    if (claim.blocked) {
      c.header("Retry-After", String(Math.max(1, Math.ceil((claim.resetAt.getTime() - now) / 1000))));
      return errorResponse(
        c,
        429,
        "rate_limited",
        "Too many wrong passwords for this account. Wait the time in Retry-After and try again.",
      );
    }
    try {
      await next();
    } catch (err) {
      await store.decrement(key);
      throw err;
    }
    if (c.res.status === 200) await store.reset(key);
    else if (c.res.status !== 401) await store.decrement(key);
  };
