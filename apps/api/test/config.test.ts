import { describe, expect, it } from "vitest";
import {
  ConfigError,
  DEV_CONVERSIONS_SECRET,
  DEV_INCENTIVE_SIGNING_KEY,
  DEV_TWO_FACTOR_KEY,
  DEV_WEBHOOK_SECRET_KEY,
  demoSurfaces,
  loadConfig,
} from "../src/config.ts";

const SECRET = "a-real-conversions-secret-0123456789abcdef";
/** The other secrets every non-demo start needs (their own tests are below). */
const KEYS = { WEBHOOK_SECRET_KEY: "ab".repeat(32), TWO_FACTOR_KEY: "cd".repeat(32), INCENTIVE_SIGNING_KEY: "ef".repeat(32) };
const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error("expected a configuration error");
};

/** Issue 11, defect 2: safe by default, whatever NODE_ENV says; only the demo may use development secrets. */
describe("loadConfig", () => {
  it("refuses to start without CONVERSIONS_SECRET, with or without NODE_ENV", () => {
    expect(errorOf(() => loadConfig({}))).toMatch(/CONVERSIONS_SECRET: required/);
    expect(errorOf(() => loadConfig({ NODE_ENV: "development" }))).toMatch(/CONVERSIONS_SECRET: required/);
  });

  it("refuses the development secret printed in the repository", () => {
    expect(errorOf(() => loadConfig({ ...KEYS, CONVERSIONS_SECRET: DEV_CONVERSIONS_SECRET }))).toMatch(
      /CONVERSIONS_SECRET: .*development default/,
    );
  });

  it("the demo may use the development secret, and says it is the demo", () => {
    const c = loadConfig({}, { demo: true });
    expect(c.conversionsSecret).toBe(DEV_CONVERSIONS_SECRET);
    expect(c.demo).toBe(true);
    expect(loadConfig({ ...KEYS, CONVERSIONS_SECRET: SECRET }).demo).toBe(false);
  });

  it("cookies are Secure with __Host- names whenever a public URL is https, without NODE_ENV", () => {
    const https = loadConfig({ ...KEYS, CONVERSIONS_SECRET: SECRET, API_PUBLIC_URL: "https://api.example.com" });
    expect(https.cookieSecure).toBe(true);
    expect(https.cookieNames).toEqual({ partner: "__Host-shopreg_partner_session", staff: "__Host-shopreg_staff_session" });
    const portal = loadConfig({ ...KEYS, CONVERSIONS_SECRET: SECRET, PARTNER_PUBLIC_URL: "https://partners.example.com" });
    expect(portal.cookieSecure).toBe(true);
    const http = loadConfig({ ...KEYS, CONVERSIONS_SECRET: SECRET });
    expect(http.cookieSecure).toBe(false);
    expect(http.cookieNames).toEqual({ partner: "shopreg_partner_session", staff: "shopreg_staff_session" });
  });

  it("lists the web apps' origins as allowed origins for cookie sessions", () => {
    const c = loadConfig({
      ...KEYS,
      CONVERSIONS_SECRET: SECRET,
      PARTNER_PUBLIC_URL: "https://partners.example.com/",
      ADMIN_PUBLIC_URL: "https://review.example.com",
      API_PUBLIC_URL: "https://api.example.com",
    });
    expect(c.allowedOrigins).toEqual(
      expect.arrayContaining(["https://partners.example.com", "https://review.example.com", "https://api.example.com"]),
    );
  });

  it("an absolute session lifetime, a trusted client-address header and the rate-limit store are configurable", () => {
    const c = loadConfig({
      ...KEYS,
      CONVERSIONS_SECRET: SECRET,
      SESSION_ABSOLUTE_HOURS: "24",
      CLIENT_IP_HEADER: "X-Forwarded-For",
      RATE_LIMIT_STORE: "database",
    });
    expect(c.sessionAbsoluteMs).toBe(24 * 3600_000);
    expect(c.clientIpHeader).toBe("x-forwarded-for");
    expect(c.rateLimitStore).toBe("database");
    expect(loadConfig({ ...KEYS, CONVERSIONS_SECRET: SECRET }).sessionAbsoluteMs).toBe(7 * 24 * 3600_000);
    expect(loadConfig({ ...KEYS, CONVERSIONS_SECRET: SECRET }).rateLimitStore).toBe("memory");
    expect(loadConfig({ ...KEYS, CONVERSIONS_SECRET: SECRET, DATABASE_URL: "postgres://x@localhost/db" }).rateLimitStore).toBe(
      "database",
    );
  });

  it("refuses to start without the webhook and two-factor keys, or with their development values", () => {
    expect(errorOf(() => loadConfig({ CONVERSIONS_SECRET: SECRET, TWO_FACTOR_KEY: KEYS.TWO_FACTOR_KEY }))).toMatch(
      /WEBHOOK_SECRET_KEY/,
    );
    expect(errorOf(() => loadConfig({ CONVERSIONS_SECRET: SECRET, WEBHOOK_SECRET_KEY: KEYS.WEBHOOK_SECRET_KEY }))).toMatch(
      /TWO_FACTOR_KEY/,
    );
    expect(
      errorOf(() => loadConfig({ ...KEYS, CONVERSIONS_SECRET: SECRET, WEBHOOK_SECRET_KEY: DEV_WEBHOOK_SECRET_KEY })),
    ).toMatch(/WEBHOOK_SECRET_KEY/);
    expect(errorOf(() => loadConfig({ ...KEYS, CONVERSIONS_SECRET: SECRET, INCENTIVE_SIGNING_KEY: undefined }))).toMatch(
      /INCENTIVE_SIGNING_KEY/,
    );
    expect(
      errorOf(() => loadConfig({ ...KEYS, CONVERSIONS_SECRET: SECRET, INCENTIVE_SIGNING_KEY: DEV_INCENTIVE_SIGNING_KEY })),
    ).toMatch(/INCENTIVE_SIGNING_KEY/);
  });

  it("refuses the development keys in another spelling (upper-case hex, base64): compared as bytes", () => {
    const upper = DEV_WEBHOOK_SECRET_KEY.toUpperCase();
    expect(errorOf(() => loadConfig({ ...KEYS, CONVERSIONS_SECRET: SECRET, WEBHOOK_SECRET_KEY: upper }))).toMatch(
      /WEBHOOK_SECRET_KEY/,
    );
    const base64 = Buffer.from(DEV_TWO_FACTOR_KEY, "hex").toString("base64");
    expect(errorOf(() => loadConfig({ ...KEYS, CONVERSIONS_SECRET: SECRET, TWO_FACTOR_KEY: base64 }))).toMatch(/TWO_FACTOR_KEY/);
    expect(
      errorOf(() => loadConfig({ ...KEYS, CONVERSIONS_SECRET: SECRET, TWO_FACTOR_KEY: DEV_TWO_FACTOR_KEY.toUpperCase() })),
    ).toMatch(/TWO_FACTOR_KEY/);
    // A real key in base64 is still accepted.
    const real = Buffer.from(KEYS.TWO_FACTOR_KEY, "hex").toString("base64");
    expect(
      loadConfig({ ...KEYS, CONVERSIONS_SECRET: SECRET, TWO_FACTOR_KEY: real }).twoFactorKey.current.key.toString("hex"),
    ).toBe(KEYS.TWO_FACTOR_KEY);
  });
});

/** Issue 26, item 14: `pnpm start` prints and mails one public URL per app, the address it listens on. */
describe("demoSurfaces", () => {
  it("an unconfigured demo prints and mails the address each app listens on", () => {
    const { ports, publicUrls } = demoSurfaces({});
    expect(ports).toEqual({ api: 4000, gateway: 4100, partner: 4200, admin: 4300 });
    const config = loadConfig(publicUrls, { demo: true });
    expect(config.host).toBe("127.0.0.1");
    expect(config.partnerPublicUrl).toBe(`http://${config.host}:${ports.partner}`);
    expect(config.adminPublicUrl).toBe(`http://${config.host}:${ports.admin}`);
    expect(config.apiPublicUrl).toBe(`http://${config.host}:${config.port}`);
    expect(config.gatewayPublicUrl).toBe(`http://${config.host}:${ports.gateway}`);
    expect(config.allowedOrigins).toContain(config.partnerPublicUrl);
  });

  it("follows the ports and host it is given, and keeps a configured public URL", () => {
    const env = { HOST: "0.0.0.0", PARTNER_PORT: "5200", PORT: "5000", ADMIN_PUBLIC_URL: "https://review.example.com" };
    const { ports, publicUrls } = demoSurfaces(env);
    expect(ports.partner).toBe(5200);
    const config = loadConfig({ ...env, ...publicUrls }, { demo: true });
    expect(config.partnerPublicUrl).toBe("http://localhost:5200");
    expect(config.apiPublicUrl).toBe("http://localhost:5000");
    expect(config.gatewayPublicUrl).toBe("http://localhost:4100");
    expect(config.adminPublicUrl).toBe("https://review.example.com");
  });
});
