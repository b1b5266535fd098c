import { RETRY_SCHEDULE_SECONDS } from "@shopreg/domain";
import { z } from "zod";

/** Read once at start, validated; nothing reads process.env during a request. */
const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default("127.0.0.1"),
  DATABASE_URL: z.string().url().optional(),
  SHOPREG_DATA_DIR: z.string().default(".data/pglite"),
  GATEWAY_PUBLIC_URL: z.string().url().default("http://localhost:4100"),
  API_PUBLIC_URL: z.string().url().optional(),
  /** Secure cookies need https; on by default in production. */
  COOKIE_SECURE: z.enum(["true", "false"]).optional(),
  NODE_ENV: z.string().default("development"),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(20),
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
  /** Lets webhook URLs be http:// and reach loopback/private addresses (development and tests only). */
  WEBHOOK_ALLOW_PRIVATE_URLS: z.enum(["true", "false"]).optional(),
  WEBHOOK_DISABLE_AFTER_HOURS: z.coerce.number().positive().default(72),
  /** smtp(s)://user:pass@host:port; without it mail is written as .eml files to MAIL_DIR. */
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default("shopreg <no-reply@shopreg.local>"),
  MAIL_DIR: z.string().default(".data/mail"),
});

/** Only for local runs and tests; production refuses to start without its own secret. */
export const DEV_CONVERSIONS_SECRET = "shopreg-dev-conversions-secret-not-for-production";

/** Only for local runs and tests; production refuses to start without WEBHOOK_SECRET_KEY. */
export const DEV_WEBHOOK_SECRET_KEY = "d3a5f0c4b1e2a7968877665544332211ffeeddccbbaa99887766554433221100";

export type ApiConfig = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  gatewayPublicUrl: string;
  apiPublicUrl: string;
  cookieSecure: boolean;
  sessionTtlMs: number;
  rateLimitPerMinute: number;
  loginRateLimitPerMinute: number;
  maxBodyBytes: number;
  logLevel: "debug" | "info" | "warn" | "error" | "silent";
  conversionsSecret: string;
  webhookSecretKey: string;
  webhookAllowPrivateUrls: boolean;
  webhookDisableAfterMs: number;
  /** Seconds between attempts of a failing delivery (see RETRY_SCHEDULE_SECONDS). */
  webhookRetrySchedule: readonly number[];
  webhookTimeoutMs: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  mailDir: string;
};

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): ApiConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === "production" && !e.CONVERSIONS_SECRET) {
    throw new ConfigError(
      "Invalid configuration:\n  CONVERSIONS_SECRET: required in production (the secret shared with Seller Center).",
    );
  }
  if (e.NODE_ENV === "production" && !e.WEBHOOK_SECRET_KEY) {
    throw new ConfigError(
      "Invalid configuration:\n  WEBHOOK_SECRET_KEY: required in production (encrypts webhook signing secrets; `openssl rand -hex 32`).",
    );
  }
  const devLike = e.NODE_ENV === "development" || e.NODE_ENV === "test";
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.SHOPREG_DATA_DIR,
    gatewayPublicUrl: e.GATEWAY_PUBLIC_URL.replace(/\/+$/, ""),
    apiPublicUrl: (e.API_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
    cookieSecure: e.COOKIE_SECURE ? e.COOKIE_SECURE === "true" : e.NODE_ENV === "production",
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    maxBodyBytes: e.MAX_BODY_BYTES,
    logLevel: e.LOG_LEVEL,
    conversionsSecret: e.CONVERSIONS_SECRET ?? DEV_CONVERSIONS_SECRET,
    webhookSecretKey: e.WEBHOOK_SECRET_KEY ?? DEV_WEBHOOK_SECRET_KEY,
    webhookAllowPrivateUrls: e.WEBHOOK_ALLOW_PRIVATE_URLS ? e.WEBHOOK_ALLOW_PRIVATE_URLS === "true" : devLike,
    webhookDisableAfterMs: e.WEBHOOK_DISABLE_AFTER_HOURS * 3600_000,
    webhookRetrySchedule: RETRY_SCHEDULE_SECONDS,
    webhookTimeoutMs: 10_000,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    mailDir: e.MAIL_DIR,
  };
}

/** Defaults for tests: everything the app needs, nothing from the environment. */
export const testConfig = (overrides: Partial<ApiConfig> = {}): ApiConfig => ({
  ...loadConfig({}),
  logLevel: "silent",
  ...overrides,
});
