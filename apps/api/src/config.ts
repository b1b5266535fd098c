import { RETRY_SCHEDULE_SECONDS } from "@shopreg/domain";
import { z } from "zod";
import { type Keyring, keyring } from "./auth/sealer.ts";

const url = z.string().url();
/** Read once at start, validated; nothing reads process.env during a request. */
const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default("127.0.0.1"),
  DATABASE_URL: z.string().url().optional(),
  SHOPREG_DATA_DIR: z.string().default(".data/pglite"),
  GATEWAY_PUBLIC_URL: url.default("http://localhost:4100"),
  API_PUBLIC_URL: url.optional(),
  /** Where browsers reach the partner portal and the reviewer dashboard (cookie sessions come from there). */
  PARTNER_PUBLIC_URL: url.default("http://localhost:4200"),
  ADMIN_PUBLIC_URL: url.default("http://localhost:4300"),
  /** More origins (comma-separated) whose browsers may send unsafe requests with a session cookie. */
  ALLOWED_ORIGINS: z.string().optional(),
  /** Secure cookies need https; on whenever a public URL is https. `true` forces them on behind a TLS proxy. */
  COOKIE_SECURE: z.enum(["true", "false"]).optional(),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  /** However active, a session ends this long after sign-in. */
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .positive()
    .default(7 * 24),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(20),
  /** Failed sign-ins to one account before each further attempt must wait (doubling, up to 15 minutes). */
  LOGIN_ACCOUNT_FREE_FAILURES: z.coerce.number().int().min(1).default(5),
  /** Account mails (password reset, confirm-your-address resend) one address or user may ask for per hour. */
  ACCOUNT_MAIL_PER_HOUR: z.coerce.number().int().positive().default(5),
  /** Header a trusted proxy sets with the client address (its last entry is used); unset: the socket address. */
  CLIENT_IP_HEADER: z
    .string()
    .regex(/^[A-Za-z0-9-]+$/, "Must be an HTTP header name.")
    .optional(),
  /** memory: this process only; database: shared by every API process on the database. */
  RATE_LIMIT_STORE: z.enum(["memory", "database"]).optional(),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(64 * 1024),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /** Shared with Seller Center to sign conversion events (HMAC-SHA256). */
  CONVERSIONS_SECRET: z.string().min(32, "Use at least 32 characters.").optional(),
  /** 32 bytes as 64 hex characters: encrypts webhook signing secrets at rest (AES-256-GCM). */
  WEBHOOK_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, "Use 64 hex characters (32 bytes), e.g. `openssl rand -hex 32`.")
    .optional(),
  /** During a rotation (`shopreg rotate-key`): the key being replaced, still accepted for reading. */
  WEBHOOK_SECRET_KEY_PREVIOUS: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, "Use 64 hex characters (32 bytes), the WEBHOOK_SECRET_KEY being replaced.")
    .optional(),
  /** Lets webhook URLs be http:// and reach loopback/private addresses (development and tests only). */
  WEBHOOK_ALLOW_PRIVATE_URLS: z.enum(["true", "false"]).optional(),
  WEBHOOK_DISABLE_AFTER_HOURS: z.coerce.number().positive().default(72),
  /** smtp(s)://user:pass@host:port; without it mail is written as .eml files to MAIL_DIR. */
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default("shopreg <no-reply@shopreg.local>"),
  MAIL_DIR: z.string().default(".data/mail"),
  /** Mails one address may receive per hour about accounts (invitations, sign-up attempts...); more are dropped. */
  MAIL_PER_RECIPIENT_PER_HOUR: z.coerce.number().int().positive().default(10),
  /** Live webhook endpoints a partner may have. */
  WEBHOOK_ENDPOINTS_PER_PARTNER: z.coerce.number().int().positive().default(10),
  /** Encrypts TOTP secrets at rest (AES-256-GCM): 32 bytes, as 64 hex characters or base64. */
  TWO_FACTOR_KEY: z
    .string()
    .refine((s) => keyBytes(s) !== undefined, "Use 32 random bytes as 64 hex characters or base64.")
    .optional(),
  /** During a rotation (`shopreg rotate-key`): the key being replaced, still accepted for reading. */
  TWO_FACTOR_KEY_PREVIOUS: z
    .string()
    .refine((s) => keyBytes(s) !== undefined, "Use 32 bytes as 64 hex characters or base64, the TWO_FACTOR_KEY being replaced.")
    .optional(),
  /** Ed25519 private key (32-byte seed, hex or base64) that signs closed incentive statements (docs/incentives.md). */
  INCENTIVE_SIGNING_KEY: z
    .string()
    .refine((s) => keyBytes(s) !== undefined, "Use a 32-byte Ed25519 seed as 64 hex characters or base64.")
    .optional(),
  /** Staff admins must turn two-factor on before acting (docs/teams-and-account-security.md, "Two-factor"); "false" only for the embedded demo. */
  STAFF_ADMIN_TWO_FACTOR: z.enum(["required", "optional"]).default("required"),
});

function keyBytes(s: string): Buffer | undefined {
  const b = /^[0-9a-f]{64}$/i.test(s) ? Buffer.from(s, "hex") : Buffer.from(s, "base64");
  return b.length === 32 ? b : undefined;
}

/** Whether two spellings of a key are the same 32 bytes. */
function sameKey(a: string, b: string): boolean {
  const x = keyBytes(a);
  const y = keyBytes(b);
  return x !== undefined && y !== undefined && x.equals(y);
}

/** Only for the demo (`pnpm start`) and tests; every other start refuses it. */
export const DEV_TWO_FACTOR_KEY = "73686f707265672d6465762d74776f2d666163746f722d6b65792d6e6f742d21";

/** Only for the demo (`pnpm start`) and tests; every other start refuses it. */
export const DEV_CONVERSIONS_SECRET = "shopreg-dev-conversions-secret-not-for-production";

/** Only for the demo (`pnpm start`) and tests; every other start refuses it. Signs incentive statements. */
export const DEV_INCENTIVE_SIGNING_KEY = "5e1f0a7c3b2d4e6f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7";

/** Only for local runs and tests; production refuses to start without WEBHOOK_SECRET_KEY. */
export const DEV_WEBHOOK_SECRET_KEY = "d3a5f0c4b1e2a7968877665544332211ffeeddccbbaa99887766554433221100";

export type ApiConfig = {
  /** The embedded demo (`pnpm start`): development secrets allowed, demo data seeded. */
  demo: boolean;
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  gatewayPublicUrl: string;
  apiPublicUrl: string;
  /** The partner portal, for links in mail (accept an invitation). */
  partnerPublicUrl: string;
  adminPublicUrl: string;
  /** Origins whose browsers may send unsafe requests with a session cookie (CSRF). */
  allowedOrigins: string[];
  cookieSecure: boolean;
  cookieNames: { partner: string; staff: string };
  sessionTtlMs: number;
  sessionAbsoluteMs: number;
  rateLimitPerMinute: number;
  loginRateLimitPerMinute: number;
  loginAccountFreeFailures: number;
  accountMailPerHour: number;
  clientIpHeader: string | null;
  rateLimitStore: "memory" | "database";
  maxBodyBytes: number;
  logLevel: "debug" | "info" | "warn" | "error" | "silent";
  conversionsSecret: string;
  /** WEBHOOK_SECRET_KEY (and WEBHOOK_SECRET_KEY_PREVIOUS during a rotation): seals webhook secrets and mailed tokens. */
  webhookSecretKey: Keyring;
  webhookAllowPrivateUrls: boolean;
  webhookDisableAfterMs: number;
  /** Seconds between attempts of a failing delivery (see RETRY_SCHEDULE_SECONDS). */
  webhookRetrySchedule: readonly number[];
  webhookTimeoutMs: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  mailDir: string;
  /** TWO_FACTOR_KEY (and TWO_FACTOR_KEY_PREVIOUS during a rotation): seals TOTP secrets. */
  twoFactorKey: Keyring;
  /** Seconds between attempts of a mail the SMTP server did not take (then it is dead: listed for staff). */
  mailRetrySchedule: readonly number[];
  mailPerRecipientPerHour: number;
  webhookEndpointsPerPartner: number;
  /** An endpoint whose last attempts each took longer than webhookSlowMs gets webhookSlowTimeoutMs instead. */
  webhookSlowMs: number;
  webhookSlowTimeoutMs: number;
  staffAdminsNeedTwoFactor: boolean;
  /** The Ed25519 seed that signs closed incentive statements. */
  incentiveSigningKey: Buffer;
};

/** 10 s, 1 min, 5, 15, 30 min, 1, 2, 4, 8 h (+-20% jitter): ten attempts over about 16 hours. */
export const MAIL_RETRY_SCHEDULE_SECONDS = [10, 60, 300, 900, 1800, 3600, 7200, 14400, 28800] as const;

/**
 * `pnpm start` serves every app from one process, each on its port of HOST. Unless configured, an
 * app's public URL is that same address, so the start banner, the cookies' origin and the links in
 * mail all name one URL per app (a mail link to `localhost` after signing in at `127.0.0.1` would
 * land signed out). Returns the ports to listen on and the public URLs to load the config with.
 */
export function demoSurfaces(env: Record<string, string | undefined>) {
  // Listening on every interface: the machine's own name is the one address that always works.
  const host = env.HOST === "0.0.0.0" || env.HOST === "::" ? "localhost" : (env.HOST ?? "127.0.0.1");
  const ports = {
    api: Number(env.PORT ?? 4000),
    gateway: Number(env.GATEWAY_PORT ?? 4100),
    partner: Number(env.PARTNER_PORT ?? 4200),
    admin: Number(env.ADMIN_PORT ?? 4300),
  };
  const at = (port: number) => `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    ports,
    publicUrls: {
      API_PUBLIC_URL: env.API_PUBLIC_URL ?? at(ports.api),
      GATEWAY_PUBLIC_URL: env.GATEWAY_PUBLIC_URL ?? at(ports.gateway),
      PARTNER_PUBLIC_URL: env.PARTNER_PUBLIC_URL ?? at(ports.partner),
      ADMIN_PUBLIC_URL: env.ADMIN_PUBLIC_URL ?? at(ports.admin),
    },
  };
}

export class ConfigError extends Error {}

const origin = (u: string) => new URL(u).origin;

/**
 * Safe by default: without `demo`, a real CONVERSIONS_SECRET is required (and the development one
 * refused), whatever NODE_ENV says. Only scripts/start.ts (the demo) and tests pass `demo: true`.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, opts: { demo?: boolean } = {}): ApiConfig {
  const demo = opts.demo === true;
  const parsed = configSchema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
  // Every bad variable is named at once (`shopreg check-config` shows the list without starting anything).
  if (!demo) {
    const secret = env.CONVERSIONS_SECRET;
    if (!secret) problems.push("  CONVERSIONS_SECRET: required (the secret shared with Seller Center to sign conversions).");
    else if (secret === DEV_CONVERSIONS_SECRET)
      problems.push("  CONVERSIONS_SECRET: this is the development default printed in the repository; set your own.");
    // Compared as bytes: the development key in another spelling (upper-case hex, base64) is the same key.
    if (!env.WEBHOOK_SECRET_KEY || sameKey(env.WEBHOOK_SECRET_KEY, DEV_WEBHOOK_SECRET_KEY))
      problems.push(
        "  WEBHOOK_SECRET_KEY: required, and not the development key (encrypts webhook signing secrets; `openssl rand -hex 32`).",
      );
    if (!env.TWO_FACTOR_KEY || sameKey(env.TWO_FACTOR_KEY, DEV_TWO_FACTOR_KEY))
      problems.push(
        "  TWO_FACTOR_KEY: required, and not the development key (encrypts two-factor secrets; `openssl rand -hex 32`).",
      );
    if (!env.INCENTIVE_SIGNING_KEY || sameKey(env.INCENTIVE_SIGNING_KEY, DEV_INCENTIVE_SIGNING_KEY))
      problems.push(
        "  INCENTIVE_SIGNING_KEY: required, and not the development key (signs incentive statements; `openssl rand -hex 32`).",
      );
  }
  for (const name of ["WEBHOOK_SECRET_KEY", "TWO_FACTOR_KEY"] as const) {
    const previous = env[`${name}_PREVIOUS`];
    const current = env[name];
    if (previous && current && sameKey(previous, current))
      problems.push(`  ${name}_PREVIOUS: the same as ${name}; it names the key being replaced.`);
  }
  const notUrl = (env.ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((o) => o.trim())
    .find((o) => o && !URL.canParse(o));
  if (notUrl !== undefined) problems.push(`  ALLOWED_ORIGINS: "${notUrl}" is not a URL.`);
  // One line per variable: a value that fails its format and a missing one are the same problem.
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const name = p.trim().split(":")[0] as string;
    if (seen.has(name)) return false;
    seen.add(name);
    return true;
  });
  if (!parsed.success || unique.length > 0) throw new ConfigError(`Invalid configuration:\n${unique.join("\n")}`);
  const e = parsed.data;
  const apiPublicUrl = (e.API_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  const publicUrls = [apiPublicUrl, e.PARTNER_PUBLIC_URL, e.ADMIN_PUBLIC_URL];
  const cookieSecure = e.COOKIE_SECURE ? e.COOKIE_SECURE === "true" : publicUrls.some((u) => u.startsWith("https:"));
  // __Host- cookies are only accepted Secure, on path /, without Domain: no subdomain can plant or read them.
  const prefix = cookieSecure ? "__Host-" : "";
  const extra = (e.ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    demo,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.SHOPREG_DATA_DIR,
    gatewayPublicUrl: e.GATEWAY_PUBLIC_URL.replace(/\/+$/, ""),
    apiPublicUrl,
    partnerPublicUrl: e.PARTNER_PUBLIC_URL.replace(/\/+$/, ""),
    adminPublicUrl: e.ADMIN_PUBLIC_URL.replace(/\/+$/, ""),
    allowedOrigins: [...new Set([...publicUrls, ...extra].map(origin))],
    cookieSecure,
    cookieNames: { partner: `${prefix}shopreg_partner_session`, staff: `${prefix}shopreg_staff_session` },
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3600_000,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    loginAccountFreeFailures: e.LOGIN_ACCOUNT_FREE_FAILURES,
    accountMailPerHour: e.ACCOUNT_MAIL_PER_HOUR,
    clientIpHeader: e.CLIENT_IP_HEADER?.toLowerCase() ?? null,
    rateLimitStore: e.RATE_LIMIT_STORE ?? (e.DATABASE_URL ? "database" : "memory"),
    maxBodyBytes: e.MAX_BODY_BYTES,
    logLevel: e.LOG_LEVEL,
    conversionsSecret: e.CONVERSIONS_SECRET ?? DEV_CONVERSIONS_SECRET,
    webhookSecretKey: keyring(
      Buffer.from(e.WEBHOOK_SECRET_KEY ?? DEV_WEBHOOK_SECRET_KEY, "hex"),
      e.WEBHOOK_SECRET_KEY_PREVIOUS ? [Buffer.from(e.WEBHOOK_SECRET_KEY_PREVIOUS, "hex")] : [],
    ),
    webhookAllowPrivateUrls: e.WEBHOOK_ALLOW_PRIVATE_URLS ? e.WEBHOOK_ALLOW_PRIVATE_URLS === "true" : demo,
    webhookDisableAfterMs: e.WEBHOOK_DISABLE_AFTER_HOURS * 3600_000,
    webhookRetrySchedule: RETRY_SCHEDULE_SECONDS,
    webhookTimeoutMs: 10_000,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    mailDir: e.MAIL_DIR,
    twoFactorKey: keyring(
      keyBytes(e.TWO_FACTOR_KEY ?? DEV_TWO_FACTOR_KEY) as Buffer,
      e.TWO_FACTOR_KEY_PREVIOUS ? [keyBytes(e.TWO_FACTOR_KEY_PREVIOUS) as Buffer] : [],
    ),
    mailRetrySchedule: MAIL_RETRY_SCHEDULE_SECONDS,
    mailPerRecipientPerHour: e.MAIL_PER_RECIPIENT_PER_HOUR,
    webhookEndpointsPerPartner: e.WEBHOOK_ENDPOINTS_PER_PARTNER,
    webhookSlowMs: 3_000,
    webhookSlowTimeoutMs: 3_000,
    staffAdminsNeedTwoFactor: e.STAFF_ADMIN_TWO_FACTOR === "required",
    incentiveSigningKey: keyBytes(e.INCENTIVE_SIGNING_KEY ?? DEV_INCENTIVE_SIGNING_KEY) as Buffer,
  };
}

/** Defaults for tests: everything the app needs, nothing from the environment (development secrets allowed). */
export const testConfig = (overrides: Partial<ApiConfig> = {}): ApiConfig => ({
  ...loadConfig({}, { demo: true }),
  logLevel: "silent",
  ...overrides,
});
