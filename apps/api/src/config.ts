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
  /** Encrypts TOTP secrets at rest (AES-256-GCM): 32 bytes, as 64 hex characters or base64. */
  TWO_FACTOR_KEY: z
    .string()
    .refine((s) => keyBytes(s) !== undefined, "Use 32 random bytes as 64 hex characters or base64.")
    .optional(),
  /** Staff admins must turn two-factor on before acting (DESIGN.md 3.9); "false" only for the embedded demo. */
  STAFF_ADMIN_TWO_FACTOR: z.enum(["required", "optional"]).default("required"),
});

function keyBytes(s: string): Buffer | undefined {
  const b = /^[0-9a-f]{64}$/i.test(s) ? Buffer.from(s, "hex") : Buffer.from(s, "base64");
  return b.length === 32 ? b : undefined;
}

/** Only for local runs and tests; production refuses to start without its own key. */
export const DEV_TWO_FACTOR_KEY = "73686f707265672d6465762d74776f2d666163746f722d6b65792d6e6f742d21";

/** Only for local runs and tests; production refuses to start without its own secret. */
export const DEV_CONVERSIONS_SECRET = "shopreg-dev-conversions-secret-not-for-production";

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
  twoFactorKey: Buffer;
  staffAdminsNeedTwoFactor: boolean;
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
  if (e.NODE_ENV === "production" && !e.TWO_FACTOR_KEY) {
    throw new ConfigError("Invalid configuration:\n  TWO_FACTOR_KEY: required in production (encrypts two-factor secrets).");
  }
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
    twoFactorKey: keyBytes(e.TWO_FACTOR_KEY ?? DEV_TWO_FACTOR_KEY) as Buffer,
    staffAdminsNeedTwoFactor: e.STAFF_ADMIN_TWO_FACTOR === "required",
  };
}

/** Defaults for tests: everything the app needs, nothing from the environment. */
export const testConfig = (overrides: Partial<ApiConfig> = {}): ApiConfig => ({
  ...loadConfig({}),
  logLevel: "silent",
  ...overrides,
});
