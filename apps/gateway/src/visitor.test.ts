import { describe, expect, it } from "vitest";
import { createNodeVisitorHasher } from "./node-hasher.ts";
import { createVisitorHasher, visitorKeyPeriod } from "./visitor.ts";

const ua = "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0";
const day1 = new Date("2026-11-24T08:00:00Z");
const day1Later = new Date("2026-11-24T23:59:59Z");
const day2 = new Date("2026-11-25T00:00:01Z");

describe("visitor hash", () => {
  it("is stable within a UTC day and changes with the day, the IP, the user agent and the secret", async () => {
    const hash = createVisitorHasher("secret-one-0123456789");
    const a = await hash("203.0.113.9", ua, day1);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(await hash("203.0.113.9", ua, day1Later)).toBe(a);
    expect(await hash("203.0.113.9", ua, day2)).not.toBe(a);
    expect(await hash("203.0.113.10", ua, day1)).not.toBe(a);
    expect(await hash("203.0.113.9", `${ua} x`, day1)).not.toBe(a);
    expect(await createVisitorHasher("secret-two-0123456789")("203.0.113.9", ua, day1)).not.toBe(a);
    expect(a).not.toContain("203");
  });

  it("is the same with Web Crypto and node:crypto, so instances on either agree", async () => {
    for (const rotation of [24, 6]) {
      const web = createVisitorHasher("shared-secret-0123456789", rotation);
      const node = createNodeVisitorHasher("shared-secret-0123456789", rotation);
      for (const at of [day1, day1Later, day2]) {
        expect(await node("2001:db8::1", ua, at)).toBe(await web("2001:db8::1", ua, at));
      }
    }
  });

  it("names periods by UTC date, and by hour slot when keys rotate more often", () => {
    expect(visitorKeyPeriod(day1Later, 24)).toBe("2026-11-24");
    expect(visitorKeyPeriod(new Date("2026-11-24T13:30:00Z"), 6)).toBe("2026-11-24T12");
  });
});
