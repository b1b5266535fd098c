import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Actor } from "./application.ts";
import { Forbidden, InvalidTransition } from "./errors.ts";
import {
  AUDIENCES,
  type Audience,
  DEFAULT_DESTINATIONS,
  destinationUrl,
  isLinkToken,
  LINK_TOKEN_BYTES,
  LINK_TOKEN_PATTERN,
  mintLinkToken,
  referralUrl,
} from "./links.ts";
import { applyServiceAction, type ServiceStatus } from "./service.ts";

const fromBase64Url = (s: string): Uint8Array =>
  Uint8Array.from(atob(s.replaceAll("-", "+").replaceAll("_", "/")), (c) => c.charCodeAt(0));

describe("mintLinkToken", () => {
  it("produces URL-safe tokens of 16 random bytes (22 characters, 128 bits >= 64)", () => {
    expect(LINK_TOKEN_BYTES * 8).toBeGreaterThanOrEqual(64);
    for (let i = 0; i < 200; i++) {
      const t = mintLinkToken();
      expect(t).toMatch(LINK_TOKEN_PATTERN);
      expect(isLinkToken(t)).toBe(true);
      expect(t).toHaveLength(22);
      expect(encodeURIComponent(t)).toBe(t);
    }
  });

  it("asks the random source for LINK_TOKEN_BYTES bytes and encodes all of them losslessly", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: LINK_TOKEN_BYTES, maxLength: LINK_TOKEN_BYTES }), (bytes) => {
        const asked: number[] = [];
        const t = mintLinkToken((n) => {
          asked.push(n);
          return bytes;
        });
        expect(asked).toEqual([LINK_TOKEN_BYTES]);
        expect(t).toMatch(LINK_TOKEN_PATTERN);
        expect(t).toHaveLength(22);
        // Injective: the token carries every random bit, so its entropy is that of the bytes.
        expect([...fromBase64Url(t)]).toEqual([...bytes]);
      }),
    );
  });

  it("is unique over many draws", () => {
    const n = 50_000;
    const seen = new Set<string>();
    for (let i = 0; i < n; i++) seen.add(mintLinkToken());
    expect(seen.size).toBe(n);
  });

  it("recognises tokens by pattern only", () => {
    expect(isLinkToken("abcDEF123_-")).toBe(true);
    expect(isLinkToken("short")).toBe(false);
    expect(isLinkToken("has/slash_and_more")).toBe(false);
    expect(isLinkToken("has+plus_and_more")).toBe(false);
    expect(isLinkToken("_/gateway-path")).toBe(false);
    expect(isLinkToken("a".repeat(65))).toBe(false);
  });
});

describe("referralUrl", () => {
  it("is {GATEWAY_PUBLIC_URL}/{token}, whatever trailing slashes the configuration has", () => {
    expect(referralUrl("https://go.example.com", "abc")).toBe("https://go.example.com/abc");
    expect(referralUrl("https://go.example.com///", "abc")).toBe("https://go.example.com/abc");
    expect(referralUrl("http://localhost:8787/r/", "abc")).toBe("http://localhost:8787/r/abc");
  });

  it("never lands under the gateway's own /_/ paths", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: LINK_TOKEN_BYTES, maxLength: LINK_TOKEN_BYTES }), (bytes) => {
        const token = mintLinkToken(() => bytes);
        const url = new URL(referralUrl("https://go.example.com/", token));
        expect(url.pathname).toBe(`/${token}`);
        expect(url.pathname.startsWith("/_/")).toBe(false);
      }),
    );
  });
});

/**
 * A model of a service's publication lifecycle with the product's link rule (docs/architecture.md): both links are
 * minted at the first publication only and never changed.
 */
type ServiceModel = { status: ServiceStatus; firstPublishedAt: number | null; tokens: Record<Audience, string> | null };
function act(svc: ServiceModel, action: "publish" | "deactivate" | "force_off", actor: Actor, now: number): ServiceModel {
  const to = applyServiceAction(svc.status, action, actor).to;
  if (to === "ON" && svc.firstPublishedAt === null) {
    const tokens = Object.fromEntries(AUDIENCES.map((a) => [a, mintLinkToken()])) as Record<Audience, string>;
    return { status: to, firstPublishedAt: now, tokens };
  }
  return { ...svc, status: to };
}

describe("a referral link never changes", () => {
  it("keeps both URLs identical through any sequence of publish / deactivate / force_off", () => {
    const actorArb = fc.constantFrom<Actor>("partner", "reviewer", "admin", "analyst");
    const actionArb = fc.constantFrom("publish", "deactivate", "force_off") as fc.Arbitrary<
      "publish" | "deactivate" | "force_off"
    >;
    const gatewayArb = fc.constantFrom("https://go.shopreg.example", "https://go.shopreg.example/", "http://localhost:8787");
    fc.assert(
      fc.property(gatewayArb, fc.array(fc.tuple(actionArb, actorArb), { maxLength: 30 }), (gateway, steps) => {
        let svc: ServiceModel = {
          status: applyServiceAction(null, "create", "partner").to,
          firstPublishedAt: null,
          tokens: null,
        };
        let urls: Record<Audience, string> | null = null;
        let mints = 0;
        steps.forEach(([action, actor], i) => {
          const before = svc;
          try {
            svc = act(svc, action, actor, i);
          } catch (e) {
            expect(e instanceof InvalidTransition || e instanceof Forbidden).toBe(true);
            return;
          }
          if (before.tokens === null && svc.tokens !== null) {
            mints++;
            expect(before.status).toBe("DRAFT");
            expect(svc.status).toBe("ON");
            urls = Object.fromEntries(AUDIENCES.map((a) => [a, referralUrl(gateway, svc.tokens![a])])) as Record<
              Audience,
              string
            >;
            expect(new Set(Object.values(svc.tokens)).size).toBe(AUDIENCES.length);
          }
          if (urls) {
            // Published at least once: the URLs recomputed now are those of the first publication.
            for (const a of AUDIENCES) expect(referralUrl(gateway, svc.tokens![a])).toBe(urls[a]);
            expect(svc.status).not.toBe("DRAFT");
          } else {
            expect(svc.status).toBe("DRAFT");
          }
        });
        // A service leaves DRAFT at most once, so the mint rule fires at most once.
        expect(mints).toBeLessThanOrEqual(1);
        expect(mints === 1).toBe(svc.firstPublishedAt !== null);
      }),
      { numRuns: 300 },
    );
  });
});

describe("destinationUrl", () => {
  const hostile = fc.constantFrom(
    "//evil.com",
    "@evil.com",
    "https://evil.com",
    "evil.com/",
    "?x=",
    "#",
    "#@evil.com",
    "&channel=evil",
    "/../../evil",
    "\\\\evil.com",
    "%2F%2Fevil.com",
    " ",
    "",
    "\u0000",
  );
  const value = fc.oneof(hostile, fc.string(), fc.string({ unit: "grapheme" }), fc.webUrl());
  const baseArb = fc.oneof(
    fc.constantFrom(...Object.values(DEFAULT_DESTINATIONS).flatMap((d) => Object.values(d))),
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
  );

  it("keeps the configured base's origin and path whatever token and click id are passed", () => {
    fc.assert(
      fc.property(baseArb, value, value, fc.constantFrom("US", "GB", "us"), (base, token, clickId, market) => {
        const out = new URL(destinationUrl(base, { token, clickId, market }));
        const b = new URL(base);
        expect(out.host).toBe(b.host);
        expect(out.protocol).toBe(b.protocol);
        expect(out.username).toBe(b.username);
        expect(out.password).toBe(b.password);
        expect(out.pathname).toBe(b.pathname);
        expect(out.searchParams.get("channel")).toBe(token);
        expect(out.searchParams.get("click_id")).toBe(clickId);
        expect(out.searchParams.get("shop_region")).toBe(market);
        expect(out.searchParams.getAll("channel")).toHaveLength(1);
      }),
      { numRuns: 500 },
    );
  });

  it("appends channel, click_id and shop_region to the default destinations", () => {
    const token = "AbC_-123456789012345678";
    const clickId = "0190d6e0-7d6b-7b1a-9d3e-1c2b3a4d5e6f";
    expect(destinationUrl(DEFAULT_DESTINATIONS.US!.LOCAL_SELLER, { token, clickId, market: "US" })).toBe(
      `https://seller-us.tiktok.com/account/register?channel=${token}&click_id=${clickId}&shop_region=US`,
    );
    expect(destinationUrl(DEFAULT_DESTINATIONS.US!.CROSS_BORDER_SELLER, { token, clickId, market: "US" })).toBe(
      `https://seller.us.tiktokshopglobalselling.com/account/register?channel=${token}&click_id=${clickId}&shop_region=US`,
    );
  });

  it("keeps the base's own query parameters and replaces (never duplicates) ours", () => {
    const out = new URL(
      destinationUrl("https://seller.example/reg?lang=en&channel=old", { token: "t", clickId: "c", market: "US" }),
    );
    expect(out.searchParams.get("lang")).toBe("en");
    expect(out.searchParams.getAll("channel")).toEqual(["t"]);
  });

  it("encodes hostile values as query data", () => {
    const s = destinationUrl("https://seller-us.tiktok.com/account/register", {
      token: "//evil.com",
      clickId: "@evil.com#x",
      market: "US",
    });
    expect(s.startsWith("https://seller-us.tiktok.com/account/register?")).toBe(true);
    expect(s).not.toContain("//evil.com");
    expect(s).not.toContain("#");
  });

  it("has a default destination for both audiences of every configured market", () => {
    for (const [market, dests] of Object.entries(DEFAULT_DESTINATIONS)) {
      expect(Object.keys(dests).sort()).toEqual([...AUDIENCES].sort());
      for (const url of Object.values(dests)) expect(new URL(url).protocol, market).toBe("https:");
    }
  });
});
