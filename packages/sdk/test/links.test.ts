import { describe, expect, it } from "vitest";
import { CAMPAIGN_TAG_MAX_LENGTH, referralLinkUrl } from "../src/index.ts";

const LINK = { url: "https://go.shopreg.example/AbCdEfGhIjKlMnOp" };

describe("referralLinkUrl", () => {
  it("is the link itself without tags", () => {
    expect(referralLinkUrl(LINK)).toBe(LINK.url);
    expect(referralLinkUrl(LINK.url, { campaign: "  " })).toBe(LINK.url);
  });

  it("adds the tags as UTM parameters in a stable order, URL-encoded", () => {
    expect(referralLinkUrl(LINK, { campaign: "spring-webinar", medium: "email", source: "newsletter" })).toBe(
      `${LINK.url}?utm_source=newsletter&utm_medium=email&utm_campaign=spring-webinar`,
    );
    const url = new URL(referralLinkUrl(LINK, { campaign: "春季 & more=#1", content: "banner/a", sub: "rep 7" }));
    expect(url.origin + url.pathname).toBe(LINK.url);
    expect(url.hash).toBe("");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      utm_campaign: "春季 & more=#1",
      utm_content: "banner/a",
      sub: "rep 7",
    });
  });

  it("replaces tags already on the URL instead of repeating them", () => {
    const once = referralLinkUrl(LINK, { campaign: "a" });
    expect(referralLinkUrl(once, { campaign: "b" })).toBe(`${LINK.url}?utm_campaign=b`);
  });

  it("refuses what the gateway would drop", () => {
    expect(() => referralLinkUrl(LINK, { campaign: "x".repeat(CAMPAIGN_TAG_MAX_LENGTH + 1) })).toThrow(RangeError);
    expect(() => referralLinkUrl(LINK, { source: "a\nb" })).toThrow(/control or invisible/);
    expect(() => referralLinkUrl(LINK, { sub: "a\u202Eb" })).toThrow(RangeError);
    expect(referralLinkUrl(LINK, { campaign: "x".repeat(CAMPAIGN_TAG_MAX_LENGTH) })).toContain("utm_campaign=");
  });
});
