import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ATTRIBUTION_WINDOW_MS,
  type AttributableClick,
  attributedClick,
  campaignOf,
  isWithinAttributionWindow,
  isWrongLink,
  NO_CAMPAIGN,
} from "./attribution.ts";

const DAY = 24 * 60 * 60 * 1000;
const REGISTERED = new Date("2026-06-01T12:00:00.000Z");
const at = (offsetMs: number) => new Date(REGISTERED.getTime() + offsetMs);
const click = (id: string, offsetMs: number, isBot = false, partnerId = `p-${id}`): AttributableClick => ({
  id,
  partnerId,
  at: at(offsetMs),
  isBot,
});

/** The attribution rule (docs/architecture.md), done the obvious way. */
function reference(clicks: readonly AttributableClick[], registeredAt: Date): AttributableClick | null {
  const r = registeredAt.getTime();
  const eligible = clicks.filter((c) => !c.isBot && c.at.getTime() <= r && c.at.getTime() >= r - 30 * DAY);
  eligible.sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  return eligible[0] ?? null;
}

// Offsets around the registration, with the window's edges well represented.
const offsetArb = fc.oneof(
  fc.integer({ min: -40 * DAY, max: 10 * DAY }),
  fc.constantFrom(0, 1, -1, -ATTRIBUTION_WINDOW_MS, -ATTRIBUTION_WINDOW_MS - 1, -ATTRIBUTION_WINDOW_MS + 1),
  fc.integer({ min: -3, max: 3 }).map((d) => -5 * DAY + d), // equal or near-equal times
);
const clicksArb = fc.uniqueArray(
  fc.record({
    id: fc.string({ minLength: 1, maxLength: 6 }),
    partnerId: fc.constantFrom("p1", "p2", "p3"),
    offset: offsetArb,
    isBot: fc.boolean(),
  }),
  { selector: (c) => c.id, maxLength: 25 },
);
const toClicks = (rows: { id: string; partnerId: string; offset: number; isBot: boolean }[]) =>
  rows.map((r) => ({ id: r.id, partnerId: r.partnerId, at: at(r.offset), isBot: r.isBot }));

describe("attributedClick", () => {
  it("the window is 30 days", () => {
    expect(ATTRIBUTION_WINDOW_MS).toBe(30 * DAY);
  });

  it("picks the last non-bot click before registration", () => {
    const clicks = [click("a", -10 * DAY), click("b", -2 * DAY), click("c", -1 * DAY, true), click("d", -5 * DAY)];
    expect(attributedClick(clicks, REGISTERED)?.id).toBe("b");
  });

  it("ignores clicks after registration and clicks older than 30 days", () => {
    expect(attributedClick([click("late", 1), click("old", -30 * DAY - 1)], REGISTERED)).toBeNull();
    expect(attributedClick([click("late", 60_000), click("in", -3 * DAY)], REGISTERED)?.id).toBe("in");
    expect(attributedClick([click("old", -31 * DAY), click("in", -29 * DAY)], REGISTERED)?.id).toBe("in");
  });

  it("includes both edges of the window", () => {
    expect(attributedClick([click("edge", -ATTRIBUTION_WINDOW_MS)], REGISTERED)?.id).toBe("edge");
    expect(attributedClick([click("same-instant", 0)], REGISTERED)?.id).toBe("same-instant");
    expect(isWithinAttributionWindow(at(-ATTRIBUTION_WINDOW_MS), REGISTERED)).toBe(true);
    expect(isWithinAttributionWindow(at(-ATTRIBUTION_WINDOW_MS - 1), REGISTERED)).toBe(false);
    expect(isWithinAttributionWindow(at(1), REGISTERED)).toBe(false);
  });

  it("returns null when there are only bots or no clicks", () => {
    expect(attributedClick([], REGISTERED)).toBeNull();
    expect(attributedClick([click("bot", -DAY, true), click("bot2", -2 * DAY, true)], REGISTERED)).toBeNull();
  });

  it("breaks ties between clicks at the same instant deterministically, whatever their order", () => {
    const a = click("a", -DAY);
    const b = click("b", -DAY);
    expect(attributedClick([a, b], REGISTERED)?.id).toBe("b");
    expect(attributedClick([b, a], REGISTERED)?.id).toBe("b");
  });

  it("agrees with a naive reference implementation", () => {
    fc.assert(
      fc.property(clicksArb, (rows) => {
        const clicks = toClicks(rows);
        expect(attributedClick(clicks, REGISTERED)).toBe(reference(clicks, REGISTERED));
      }),
      { numRuns: 1000 },
    );
  });

  it("does not depend on the order of the clicks", () => {
    fc.assert(
      fc.property(
        clicksArb.chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length }))),
        ([rows, shuffled]) => {
          expect(attributedClick(toClicks(shuffled), REGISTERED)?.id).toBe(attributedClick(toClicks(rows), REGISTERED)?.id);
        },
      ),
    );
  });

  it("binds at registration: clicks after it never move the credit", () => {
    fc.assert(
      fc.property(clicksArb, fc.array(fc.integer({ min: 1, max: 60 * DAY }), { maxLength: 10 }), (rows, later) => {
        const clicks = toClicks(rows);
        const lateClicks = later.map((offset, i) => click(`late-${i}`, offset, false, "p-late"));
        const credited = attributedClick(clicks, REGISTERED);
        expect(attributedClick([...clicks, ...lateClicks], REGISTERED)).toBe(credited);
        if (credited) expect(credited.partnerId).not.toBe("p-late");
      }),
    );
  });

  it("only ever returns an eligible click from the input", () => {
    fc.assert(
      fc.property(clicksArb, (rows) => {
        const clicks = toClicks(rows);
        const c = attributedClick(clicks, REGISTERED);
        if (c === null) return;
        expect(clicks).toContain(c);
        expect(c.isBot).toBe(false);
        expect(isWithinAttributionWindow(c.at, REGISTERED)).toBe(true);
      }),
    );
  });
});

describe("campaign and wrong link of a credit", () => {
  it("a seller whose type differs from the link's audience is a wrong-link registration, either way round", () => {
    expect(isWrongLink("LOCAL_SELLER", "CROSS_BORDER_SELLER")).toBe(true);
    expect(isWrongLink("CROSS_BORDER_SELLER", "LOCAL_SELLER")).toBe(true);
    expect(isWrongLink("LOCAL_SELLER", "LOCAL_SELLER")).toBe(false);
    expect(isWrongLink("CROSS_BORDER_SELLER", "CROSS_BORDER_SELLER")).toBe(false);
  });

  it("copies exactly the four tags of the click, missing ones as null", () => {
    expect(campaignOf({ utm_campaign: "spring-webinar", utm_content: "rep-7" })).toEqual({
      utm_source: null,
      utm_medium: null,
      utm_campaign: "spring-webinar",
      utm_content: "rep-7",
    });
    const click = { id: "c1", utm_source: "a", utm_medium: "b", utm_campaign: "c", utm_content: "d", is_bot: false };
    expect(Object.keys(campaignOf(click)).sort()).toEqual(Object.keys(NO_CAMPAIGN).sort());
  });
});
