import { describe, expect, it } from "vitest";
import { type CapturedClick, describeClick } from "./capture.ts";
import { createNodeVisitorHasher } from "./node-hasher.ts";
import { createVisitorHasher } from "./visitor.ts";

const IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
const captured: CapturedClick = {
  id: "01a21000-0000-7000-8000-000000000001",
  at: Date.UTC(2026, 10, 24, 12, 30),
  link: {
    id: "01a21000-0000-7000-8000-0000000000aa",
    token: "abcdefghijklmnop",
    audience: "LOCAL_SELLER",
    targetMarket: "US",
    serviceId: "01a21000-0000-7000-8000-0000000000bb",
    partnerId: "01a21000-0000-7000-8000-0000000000cc",
    active: true,
  },
  active: true,
  head: false,
  ip: "203.0.113.7",
  userAgent: IPHONE,
  referer: "https://WWW.Example.COM/some/page?q=1",
  country: " us ",
};

describe("describing a captured click", () => {
  it("derives the row: link fields, parsed user agent, referrer host, trusted country, visitor hash", () => {
    const row = describeClick(captured, createNodeVisitorHasher("secret-0123456789abcdef"));
    expect(row).not.toBeInstanceOf(Promise); // node:crypto's hasher: no promise per click
    expect(row).toMatchObject({
      id: captured.id,
      link_id: captured.link.id,
      service_id: captured.link.serviceId,
      partner_id: captured.link.partnerId,
      audience: "LOCAL_SELLER",
      clicked_at: new Date(captured.at),
      country: "US",
      device: "mobile",
      browser: "Mobile Safari",
      os: "iOS",
      referrer_host: "www.example.com",
      is_bot: false,
      link_active: true,
    });
    expect((row as { visitor_hash: string }).visitor_hash).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(row)).not.toContain("203.0.113.7");
  });

  it("is the same with Web Crypto's hasher (a promise), as an edge runtime would describe it", async () => {
    const node = describeClick(captured, createNodeVisitorHasher("secret-0123456789abcdef"));
    const web = describeClick(captured, createVisitorHasher("secret-0123456789abcdef"));
    expect(web).toBeInstanceOf(Promise);
    expect(await web).toEqual(node);
  });

  it("records HEAD requests as bots, drops a country that is not a code and a referer that is not a URL", () => {
    const row = describeClick(
      { ...captured, head: true, country: "United States", referer: "not a url", active: false },
      createNodeVisitorHasher("secret-0123456789abcdef"),
    );
    expect(row).toMatchObject({ is_bot: true, country: null, referrer_host: null, link_active: false });
  });
});
