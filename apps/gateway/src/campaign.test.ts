import { describe, expect, it } from "vitest";
import { parseCampaign, QUERY_MAX_LENGTH, rawQuery, TAG_MAX_LENGTH } from "./campaign.ts";
import { type CapturedClick, describeClick } from "./capture.ts";
import { BatchBuilder, unpackBatch } from "./click-writer-protocol.ts";
import { createNodeVisitorHasher } from "./node-hasher.ts";

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

describe("a captured click's query", () => {
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
    userAgent: "curl/8",
    referer: null,
    country: null,
  };
  const hasher = createNodeVisitorHasher("secret-0123456789abcdef");

  it("becomes the click row's tags when it is described, and none without a query", () => {
    expect(describeClick({ ...captured, query: "utm_campaign=spring-webinar&sub=rep-7&x=1" }, hasher)).toMatchObject({
      utm_source: null,
      utm_medium: null,
      utm_campaign: "spring-webinar",
      utm_content: "rep-7",
    });
    expect(describeClick(captured, hasher)).toMatchObject({
      utm_source: null,
      utm_medium: null,
      utm_campaign: null,
      utm_content: null,
    });
  });

  it("travels to the click writer thread, absent stays absent", () => {
    const builder = new BatchBuilder(4);
    const clicks = [
      { ...captured, query: "utm_campaign=a" },
      { ...captured, id: "01a21000-0000-7000-8000-000000000002" },
      { ...captured, id: "01a21000-0000-7000-8000-000000000003", query: "utm_campaign=a" },
    ];
    for (const c of clicks) builder.add(c);
    const { batch } = builder.build();
    const out = [...unpackBatch(structuredClone(batch))];
    expect(out).toEqual(clicks);
    expect("query" in (out[1] as object)).toBe(false);
    expect(batch.strings.filter((s) => s === "utm_campaign=a")).toHaveLength(1);
  });
});
