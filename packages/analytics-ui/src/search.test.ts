import { describe, expect, it } from "vitest";
import { parseAnalyticsView, readAnalyticsView } from "./search.ts";

describe("the Analytics screen's filters in the URL", () => {
  it("keeps a campaign, a breakdown dimension and a funnel grouping", () => {
    expect(
      parseAnalyticsView(new URLSearchParams("campaign=spring-webinar&dimension=campaign&group_by=audience&days=7")),
    ).toEqual({ campaign: "spring-webinar", dimension: "campaign", group_by: "audience" });
    expect(parseAnalyticsView({ dimension: "medium" })).toEqual({ dimension: "medium" });
  });

  it("trims a campaign and keeps any text a tag may carry (spaces, Chinese, the breakdown's own names)", () => {
    expect(parseAnalyticsView({ campaign: "  Spring webinar  " })).toEqual({ campaign: "Spring webinar" });
    expect(parseAnalyticsView({ campaign: "双十一 大促" })).toEqual({ campaign: "双十一 大促" });
    expect(parseAnalyticsView({ campaign: "(other)" })).toEqual({ campaign: "(other)" });
  });

  it("drops what is malformed instead of failing the page", () => {
    expect(
      parseAnalyticsView({
        campaign: "x".repeat(101),
        dimension: "password",
        group_by: "none",
      }),
    ).toEqual({});
    expect(parseAnalyticsView({ campaign: "   " })).toEqual({});
    expect(parseAnalyticsView({ campaign: "line\nbreak" })).toEqual({});
    expect(parseAnalyticsView({ campaign: "hidden\u202Eright-to-left" })).toEqual({});
    expect(parseAnalyticsView({ campaign: 42, dimension: ["campaign"] })).toEqual({});
    expect(readAnalyticsView({ group_by: "partner", extra: "ignored" })).toEqual({
      campaign: undefined,
      dimension: undefined,
      group_by: "partner",
    });
  });

  it("leaves unset keys out, so equal views compare equal", () => {
    expect(Object.keys(parseAnalyticsView(new URLSearchParams("dimension=country")))).toEqual(["dimension"]);
    expect(parseAnalyticsView(new URLSearchParams(""))).toEqual({});
  });
});
