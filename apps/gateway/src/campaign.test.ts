import { describe, expect, it } from "vitest";
import { parseCampaign, QUERY_MAX_LENGTH, rawQuery, TAG_MAX_LENGTH } from "./campaign.ts";

describe("rawQuery", () => {
  it("is undefined without a query, and the text after ? otherwise", () => {
    expect(rawQuery("http://gw.test/abcdefghijklmnop")).toBeUndefined();
    expect(rawQuery("http://gw.test/abcdefghijklmnop?")).toBeUndefined();
    expect(rawQuery("http://gw.test/abcdefghijklmnop?utm_campaign=x&a=1")).toBe("utm_campaign=x&a=1");
  });

  it("cuts a long query at a pair boundary, never inside a value", () => {
    const long = `utm_campaign=keep&pad=${"x".repeat(QUERY_MAX_LENGTH)}&utm_source=late`;
    expect(rawQuery(`http://gw.test/t?${long}`)).toBe("utm_campaign=keep");
    expect(rawQuery(`http://gw.test/t?pad=${"x".repeat(QUERY_MAX_LENGTH + 5)}`)).toBeUndefined();
  });
});

describe("parseCampaign", () => {
  it("reads the allow-listed tags, decoded and trimmed, and ignores everything else", () => {
    expect(
      parseCampaign(
        "utm_source=facebook&utm_medium=social&utm_campaign=spring%20webinar+2026&utm_content=%20banner-a%20&redirect=https://evil.com&channel=x",
      ),
    ).toEqual({ utm_source: "facebook", utm_medium: "social", utm_campaign: "spring webinar 2026", utm_content: "banner-a" });
  });

  it("is null when no tag is usable", () => {
    expect(parseCampaign(undefined)).toBeNull();
    expect(parseCampaign("")).toBeNull();
    expect(parseCampaign("a=1&b=2")).toBeNull();
    expect(parseCampaign("utm_campaign=%20%20&utm_source=")).toBeNull();
    expect(parseCampaign("UTM_CAMPAIGN=upper")).toBeNull(); // names are exact, as analytics tools read them
  });

  it("maps sub to utm_content, which wins when both are given", () => {
    expect(parseCampaign("sub=rep-42")).toEqual({
      utm_source: null,
      utm_medium: null,
      utm_campaign: null,
      utm_content: "rep-42",
    });
    expect(parseCampaign("sub=rep-42&utm_content=banner")?.utm_content).toBe("banner");
    expect(parseCampaign("sub=rep-42&utm_content=%0A")?.utm_content).toBe("rep-42");
  });

  it("takes the first of repeated names", () => {
    expect(parseCampaign("utm_campaign=a&utm_campaign=b")?.utm_campaign).toBe("a");
  });

  it("refuses values holding control or invisible format characters, keeping the other tags", () => {
    for (const bad of ["%00x", "a%0Db", "a%0A", "%7F", "a%C2%85b", "a%E2%80%AEb", "a%E2%80%8Bb", "a%1B[31m"]) {
      expect(parseCampaign(`utm_campaign=${bad}&utm_source=ok`)).toEqual({
        utm_source: "ok",
        utm_medium: null,
        utm_campaign: null,
        utm_content: null,
      });
    }
  });

  it("caps a value at TAG_MAX_LENGTH code points without splitting a character", () => {
    expect(parseCampaign(`utm_campaign=${"a".repeat(500)}`)?.utm_campaign).toBe("a".repeat(TAG_MAX_LENGTH));
    const emoji = parseCampaign(`utm_campaign=${encodeURIComponent("🎉".repeat(150))}`)?.utm_campaign as string;
    expect(Array.from(emoji)).toHaveLength(TAG_MAX_LENGTH);
    expect(emoji).toBe("🎉".repeat(TAG_MAX_LENGTH));
    expect(parseCampaign(`utm_campaign=${encodeURIComponent("春季网络研讨会")}`)?.utm_campaign).toBe("春季网络研讨会");
  });

  it("keeps a malformed escape as text rather than failing", () => {
    expect(parseCampaign("utm_campaign=50%off")?.utm_campaign).toBe("50%off");
  });
});
