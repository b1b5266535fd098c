import { describe, expect, it } from "vitest";
import { GatewayConfigError, loadGatewayConfig } from "./config.ts";

describe("loadGatewayConfig", () => {
  it("has working defaults: the Seller Center URLs per audience, daily keys, bounded batches", () => {
    const c = loadGatewayConfig({}, { demo: true });
    expect(c.publicUrl).toBe("http://localhost:4100");
    expect(c.destinations.US?.LOCAL_SELLER).toBe("https://seller-us.tiktok.com/account/register");
    expect(c.destinations.US?.CROSS_BORDER_SELLER).toBe("https://seller.us.tiktokshopglobalselling.com/account/register");
    expect(c.visitorKeyRotationHours).toBe(24);
    expect(c.visitorHashSecretIsDefault).toBe(true);
    expect(c.countryHeader).toBeNull();
    expect(c.clicks.batchSize).toBeGreaterThan(0);
    expect(c.clicks.writer).toBe("thread");
  });

  it("reads every setting, lower-casing header names and trimming the public URL", () => {
    const c = loadGatewayConfig({
      GATEWAY_PUBLIC_URL: "https://go.example.com/",
      GATEWAY_DESTINATIONS: JSON.stringify({
        GB: { LOCAL_SELLER: "https://a.example/r", CROSS_BORDER_SELLER: "https://b.example/r" },
      }),
      GATEWAY_COUNTRY_HEADER: "CF-IPCountry",
      GATEWAY_CLIENT_IP_HEADER: "X-Forwarded-For",
      GATEWAY_VISITOR_HASH_SECRET: "a-long-enough-secret",
      GATEWAY_VISITOR_KEY_ROTATION_HOURS: "6",
      GATEWAY_CLICK_BATCH_SIZE: "100",
      GATEWAY_CLICK_WRITER: "in-process",
    });
    expect(c.publicUrl).toBe("https://go.example.com");
    expect(c.destinations.GB?.LOCAL_SELLER).toBe("https://a.example/r");
    expect(c.destinations.US?.LOCAL_SELLER).toBe("https://seller-us.tiktok.com/account/register");
    expect(c.countryHeader).toBe("cf-ipcountry");
    expect(c.clientIpHeader).toBe("x-forwarded-for");
    expect(c.visitorHashSecretIsDefault).toBe(false);
    expect(c.visitorKeyRotationHours).toBe(6);
    expect(c.clicks.batchSize).toBe(100);
    expect(c.clicks.writer).toBe("in-process");
  });

  it("reports every problem at once, naming the variable", () => {
    let error: GatewayConfigError | undefined;
    try {
      loadGatewayConfig({
        NODE_ENV: "production",
        GATEWAY_PUBLIC_URL: "not a url",
        GATEWAY_DESTINATIONS: JSON.stringify({ US: { LOCAL_SELLER: "javascript:alert(1)", SOMEONE: "https://x" } }),
        GATEWAY_CLICK_BATCH_SIZE: "lots",
        GATEWAY_VISITOR_KEY_ROTATION_HOURS: "5",
        GATEWAY_COUNTRY_HEADER: "bad header",
        GATEWAY_CLICK_WRITER: "threads",
      });
    } catch (e) {
      error = e as GatewayConfigError;
    }
    expect(error).toBeInstanceOf(GatewayConfigError);
    const text = error!.problems.join("\n");
    for (const name of [
      "GATEWAY_PUBLIC_URL",
      "GATEWAY_DESTINATIONS.US.LOCAL_SELLER",
      "GATEWAY_DESTINATIONS.US.SOMEONE",
      "GATEWAY_CLICK_BATCH_SIZE",
      "GATEWAY_VISITOR_KEY_ROTATION_HOURS",
      "GATEWAY_COUNTRY_HEADER",
      'GATEWAY_CLICK_WRITER: must be "thread" or "in-process"',
      "GATEWAY_VISITOR_HASH_SECRET: required",
    ]) {
      expect(text).toContain(name);
    }
    expect(error!.message).toMatch(/^Invalid gateway configuration:\n {2}- /);
  });

  it("refuses destinations that are not JSON", () => {
    expect(() => loadGatewayConfig({ GATEWAY_DESTINATIONS: "{oops" }, { demo: true })).toThrow(
      /GATEWAY_DESTINATIONS: must be JSON/,
    );
  });

  it("only the demo may use the development visitor-hash secret, whatever NODE_ENV says", () => {
    expect(() => loadGatewayConfig({})).toThrow(/GATEWAY_VISITOR_HASH_SECRET: required/);
    expect(() => loadGatewayConfig({ NODE_ENV: "development" })).toThrow(/GATEWAY_VISITOR_HASH_SECRET: required/);
    expect(() => loadGatewayConfig({ GATEWAY_VISITOR_HASH_SECRET: "shopreg-development-visitor-hash-secret" })).toThrow(
      /development default/,
    );
    expect(loadGatewayConfig({}, { demo: true }).visitorHashSecretIsDefault).toBe(true);
  });
});
