import { AUDIENCES, type Audience, DEFAULT_DESTINATIONS } from "@shopreg/domain";

/** Everything the gateway is configured with, read once at start (docs/architecture.md, "Referral links and clicks"). */
export type GatewayConfig = {
  /** Where sellers reach the gateway; referral URLs are `{publicUrl}/{token}`. */
  publicUrl: string;
  /** Seller Center URL per target market and audience. Only these hosts are ever redirected to. */
  destinations: Record<string, Record<Audience, string>>;
  /** Header a trusted edge sets with the visitor's ISO country (e.g. cf-ipcountry); null: no country. */
  countryHeader: string | null;
  /** Header a trusted proxy sets with the client address (its last entry is used); null: the socket address. */
  clientIpHeader: string | null;
  /** Secret the daily visitor-hash keys are derived from; every instance must share it. */
  visitorHashSecret: string;
  /** True when no secret was configured and a development default is used. */
  visitorHashSecretIsDefault: boolean;
  /** The visitor-hash key changes every this many hours (UTC); 24 = daily. */
  visitorKeyRotationHours: number;
  /**
   * Where Prometheus reads /metrics: a listener of its own, never the links port (which is public).
   * null port: metrics are not served over HTTP. Bound to loopback unless GATEWAY_METRICS_HOST says otherwise.
   */
  metrics: { port: number | null; host: string };
  cache: { maxEntries: number; ttlMs: number; negativeTtlMs: number; lookupTimeoutMs: number };
  clicks: {
    batchSize: number;
    flushIntervalMs: number;
    maxQueue: number;
    writeTimeoutMs: number;
    spillFile: string;
    /** "thread": clicks are described and written on a thread of their own (PostgreSQL only). */
    writer: "thread" | "in-process";
  };
};

export class GatewayConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid gateway configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "GatewayConfigError";
  }
}

const DEV_SECRET = "shopreg-development-visitor-hash-secret";
type Env = Record<string, string | undefined>;

/**
 * Reads and validates the GATEWAY_* variables. `publicUrl` and `spillFile` may come from the
 * caller (scripts/start.ts knows them); `demo` (scripts/start.ts only) allows the development
 * visitor-hash secret. Every problem is reported at once.
 */
export function loadGatewayConfig(
  env: Env,
  given: { publicUrl?: string; spillFile?: string; demo?: boolean } = {},
): GatewayConfig {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name}: must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  };
  const header = (name: string): string | null => {
    const raw = env[name]?.trim();
    if (!raw) return null;
    if (!/^[A-Za-z0-9-]+$/.test(raw)) problems.push(`${name}: must be an HTTP header name (got "${raw}")`);
    return raw.toLowerCase();
  };

  const publicUrl = (given.publicUrl ?? env.GATEWAY_PUBLIC_URL ?? "http://localhost:4100").replace(/\/+$/, "");
  if (!isHttpUrl(publicUrl)) problems.push(`GATEWAY_PUBLIC_URL: must be an http(s) URL (got "${publicUrl}")`);

  const destinations = parseDestinations(env.GATEWAY_DESTINATIONS, problems);

  const secret = env.GATEWAY_VISITOR_HASH_SECRET;
  if (secret !== undefined && secret.length < 16) problems.push("GATEWAY_VISITOR_HASH_SECRET: must be at least 16 characters");
  // Safe by default: only the demo (scripts/start.ts) may hash visitors with the public development key.
  if (!secret && !given.demo) {
    problems.push("GATEWAY_VISITOR_HASH_SECRET: required (shared by every gateway instance; only the demo has a default)");
  } else if (secret === DEV_SECRET && !given.demo) {
    problems.push("GATEWAY_VISITOR_HASH_SECRET: this is the development default printed in the repository; set your own");
  }

  const rotation = int("GATEWAY_VISITOR_KEY_ROTATION_HOURS", 24, 1, 24);
  if (24 % rotation !== 0) problems.push(`GATEWAY_VISITOR_KEY_ROTATION_HOURS: must divide 24 (got ${rotation})`);

  const config: GatewayConfig = {
    publicUrl,
    destinations,
    countryHeader: header("GATEWAY_COUNTRY_HEADER"),
    clientIpHeader: header("GATEWAY_CLIENT_IP_HEADER"),
    visitorHashSecret: secret || DEV_SECRET,
    visitorHashSecretIsDefault: !secret,
    visitorKeyRotationHours: rotation,
    metrics: {
      port: env.GATEWAY_METRICS_PORT ? int("GATEWAY_METRICS_PORT", 0, 0, 65_535) : null,
      host: env.GATEWAY_METRICS_HOST?.trim() || "127.0.0.1",
    },
    cache: {
      maxEntries: int("GATEWAY_CACHE_MAX_ENTRIES", 10_000, 1, 10_000_000),
      ttlMs: int("GATEWAY_CACHE_TTL_MS", 30_000, 0, 3_600_000),
      negativeTtlMs: int("GATEWAY_NEGATIVE_CACHE_TTL_MS", 5_000, 0, 3_600_000),
      lookupTimeoutMs: int("GATEWAY_LOOKUP_TIMEOUT_MS", 2_000, 10, 60_000),
    },
    clicks: {
      batchSize: int("GATEWAY_CLICK_BATCH_SIZE", 3_000, 1, 20_000),
      flushIntervalMs: int("GATEWAY_CLICK_FLUSH_MS", 250, 10, 60_000),
      maxQueue: int("GATEWAY_CLICK_MAX_QUEUE", 100_000, 1, 10_000_000),
      writeTimeoutMs: int("GATEWAY_CLICK_WRITE_TIMEOUT_MS", 5_000, 100, 120_000),
      spillFile: given.spillFile ?? env.GATEWAY_SPILL_FILE ?? ".data/gateway-clicks.spill.jsonl",
      writer: clickWriter(env.GATEWAY_CLICK_WRITER, problems),
    },
  };
  if (config.clicks.maxQueue < config.clicks.batchSize) {
    problems.push("GATEWAY_CLICK_MAX_QUEUE: must be at least GATEWAY_CLICK_BATCH_SIZE");
  }
  if (problems.length > 0) throw new GatewayConfigError(problems);
  return config;
}

function clickWriter(raw: string | undefined, problems: string[]): "thread" | "in-process" {
  if (raw === undefined || raw === "" || raw === "thread") return "thread";
  if (raw === "in-process") return raw;
  problems.push(`GATEWAY_CLICK_WRITER: must be "thread" or "in-process" (got "${raw}")`);
  return "thread";
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === "https:" || u.protocol === "http:") && u.hostname !== "";
  } catch {
    return false;
  }
}

/** GATEWAY_DESTINATIONS is JSON `{"US": {"LOCAL_SELLER": url, "CROSS_BORDER_SELLER": url}}`, merged over the defaults. */
function parseDestinations(raw: string | undefined, problems: string[]): Record<string, Record<Audience, string>> {
  const result: Record<string, Record<Audience, string>> = structuredClone(DEFAULT_DESTINATIONS);
  if (!raw) return result;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    problems.push(
      'GATEWAY_DESTINATIONS: must be JSON like {"US":{"LOCAL_SELLER":"https://...","CROSS_BORDER_SELLER":"https://..."}}',
    );
    return result;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    problems.push("GATEWAY_DESTINATIONS: must be an object keyed by target market");
    return result;
  }
  for (const [market, byAudience] of Object.entries(parsed)) {
    if (!/^[A-Z]{2}$/.test(market)) problems.push(`GATEWAY_DESTINATIONS.${market}: a market is an ISO 3166-1 alpha-2 code`);
    const entry = byAudience as Record<string, unknown>;
    for (const audience of AUDIENCES) {
      const url = entry?.[audience] ?? result[market]?.[audience];
      if (typeof url !== "string" || !isHttpUrl(url)) {
        problems.push(`GATEWAY_DESTINATIONS.${market}.${audience}: must be an http(s) URL`);
      }
    }
    for (const key of Object.keys(entry ?? {})) {
      if (!(AUDIENCES as readonly string[]).includes(key)) {
        problems.push(`GATEWAY_DESTINATIONS.${market}.${key}: unknown audience (${AUDIENCES.join(", ")})`);
      }
    }
    result[market] = { ...result[market], ...(entry as Record<Audience, string>) };
  }
  return result;
}
