import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AttributedSeller,
  closesAt,
  EXCLUSION_REASON_WORDS,
  evaluateProgram,
  evaluateSeller,
  LINE_STATUS_WORDS,
  type ProgramRules,
  programRulesInput,
  type SellerLifecycleEvent,
} from "./incentives.ts";

const DAY = 24 * 3600_000;
const START = Date.parse("2026-01-01T00:00:00Z");
const END = Date.parse("2026-04-01T00:00:00Z");

const rules = (over: Record<string, unknown> = {}): ProgramRules =>
  programRulesInput.parse({
    period_start: new Date(START).toISOString(),
    period_end: new Date(END).toISOString(),
    markets: ["US"],
    seller_types: ["LOCAL_SELLER", "CROSS_BORDER_SELLER"],
    participation: { kind: "all_approved" },
    first_order_within_days: 30,
    gmv: { min_minor: 100_000, currency: "CNY", within_days: 30 },
    reward: { amount_minor: 200_000, currency: "CNY" },
    cap_per_partner_minor: 1_000_000,
    ...over,
  });

const seller = (id: string, regOffsetDays: number, events: SellerLifecycleEvent[] = [], over: Partial<AttributedSeller> = {}) =>
  ({
    seller_id: id,
    registration_id: `r-${id}`,
    seller_type: "LOCAL_SELLER",
    market: "US",
    registered_at: new Date(START + regOffsetDays * DAY),
    wrong_link: false,
    bot_click: false,
    events,
    ...over,
  }) satisfies AttributedSeller;

const order = (id: string, at: number): SellerLifecycleEvent => ({
  event_id: id,
  type: "seller.first_order",
  occurred_at: new Date(at),
});
const gmv = (id: string, at: number, amount: number, currency = "CNY"): SellerLifecycleEvent => ({
  event_id: id,
  type: "seller.gmv",
  occurred_at: new Date(at),
  amount_minor: amount,
  currency,
});
const flag = (id: string, at: number, risk: "low" | "medium" | "high" | "cleared"): SellerLifecycleEvent => ({
  event_id: id,
  type: "seller.governance_flag",
  occurred_at: new Date(at),
  risk,
});

describe("program rules", () => {
  it("validates with field-level messages", () => {
    const r = programRulesInput.safeParse({ ...rules(), period_end: new Date(START - DAY).toISOString(), markets: ["XX"] });
    expect(r.success).toBe(false);
    const paths = r.error?.issues.map((i) => i.path.join("."));
    expect(paths).toContain("period_end");
    expect(paths).toContain("markets.0");
  });
  it("closes at the period end plus grace", () => {
    expect(closesAt(rules({ grace_days: 45 })).getTime()).toBe(END + 45 * DAY);
  });
});

describe("evaluateSeller", () => {
  const now = new Date(END + 60 * DAY);
  it("is eligible when it orders and reaches the GMV in time", () => {
    const s = seller("a", 5, [order("o", START + 10 * DAY), gmv("g", START + 20 * DAY, 150_000)]);
    const line = evaluateSeller(rules(), s, now);
    expect(line).toMatchObject({ status: "eligible", amount_minor: 200_000, reason_code: null });
  });
  it("is pending, with the date it will be decided, before the deadlines", () => {
    const s = seller("a", 5, [order("o", START + 10 * DAY)]);
    const line = evaluateSeller(rules(), s, new Date(START + 12 * DAY));
    expect(line.status).toBe("pending");
    expect(line.waiting_on).toEqual(["gmv"]);
    expect(line.decision_at?.getTime()).toBe(START + 35 * DAY);
  });
  it("names the rule and reason that excluded it", () => {
    expect(evaluateSeller(rules(), seller("a", 5), now)).toMatchObject({
      status: "excluded",
      rule: "first_order",
      reason_code: "no_first_order_in_time",
    });
    expect(evaluateSeller(rules(), seller("a", 95), now)).toMatchObject({ reason_code: "onboarded_outside_period" });
    expect(evaluateSeller(rules(), seller("a", 5, [], { wrong_link: true }), now)).toMatchObject({ rule: "wrong_link" });
    expect(evaluateSeller(rules(), seller("a", 5, [], { bot_click: true }), now)).toMatchObject({ rule: "bot_click" });
    expect(evaluateSeller(rules({ target_seller_ids: ["b"] }), seller("a", 5), now)).toMatchObject({
      reason_code: "not_on_target_list",
    });
    expect(evaluateSeller(rules({ seller_types: ["CROSS_BORDER_SELLER"] }), seller("a", 5), now)).toMatchObject({
      reason_code: "seller_type_not_in_program",
    });
    // GMV in another currency does not count toward the threshold.
    const other = seller("a", 5, [order("o", START + 6 * DAY), gmv("g", START + 7 * DAY, 999_999, "USD")]);
    expect(evaluateSeller(rules(), other, now)).toMatchObject({ reason_code: "gmv_below_threshold", rule: "gmv" });
  });
  it("reduces the reward by the current governance risk, and clearing restores it", () => {
    const ev = [order("o", START + 6 * DAY), gmv("g", START + 7 * DAY, 200_000), flag("f1", START + 8 * DAY, "medium")];
    expect(evaluateSeller(rules(), seller("a", 5, ev), now)).toMatchObject({ amount_minor: 100_000, risk_level: "medium" });
    const cleared = [...ev, flag("f2", START + 9 * DAY, "cleared")];
    expect(evaluateSeller(rules(), seller("a", 5, cleared), now)).toMatchObject({ amount_minor: 200_000, risk_level: null });
    const high = [...ev, flag("f3", START + 10 * DAY, "high")];
    expect(evaluateSeller(rules(), seller("a", 5, high), now)).toMatchObject({ status: "excluded", rule: "governance_risk" });
  });
  it("credits a seller once", () => {
    const ev = [order("o", START + 6 * DAY), gmv("g", START + 7 * DAY, 200_000)];
    const { lines } = evaluateProgram(rules(), [seller("a", 5, ev), seller("a", 6, ev, { registration_id: "r-a2" })], now);
    expect(lines.map((l) => l.status)).toEqual(["eligible", "excluded"]);
    expect(lines[1]?.reason_code).toBe("duplicate_seller");
  });
  it("has words for every status and reason in both languages", () => {
    expect(Object.keys(LINE_STATUS_WORDS.zh).sort()).toEqual(Object.keys(LINE_STATUS_WORDS.en).sort());
    expect(Object.keys(EXCLUSION_REASON_WORDS.zh).sort()).toEqual(Object.keys(EXCLUSION_REASON_WORDS.en).sort());
  });
});

// Sellers and events spread around the period and the deadlines, with ties in time on purpose.
const timeArb = fc.oneof(
  fc.integer({ min: START - 10 * DAY, max: END + 40 * DAY }),
  fc.constantFrom(START, END, START + 30 * DAY, START + 35 * DAY),
);
const eventArb = fc.oneof(
  fc.record({ t: timeArb }).map(({ t }) => ({ type: "seller.first_order" as const, occurred_at: new Date(t) })),
  fc
    .record({ t: timeArb, a: fc.integer({ min: 0, max: 300_000 }), c: fc.constantFrom("CNY", "USD") })
    .map(({ t, a, c }) => ({ type: "seller.gmv" as const, occurred_at: new Date(t), amount_minor: a, currency: c })),
  fc
    .record({
      t: timeArb,
      r: fc.constantFrom("low", "medium", "high", "cleared") as fc.Arbitrary<"low" | "medium" | "high" | "cleared">,
    })
    .map(({ t, r }) => ({ type: "seller.governance_flag" as const, occurred_at: new Date(t), risk: r })),
);
const sellersArb = fc
  .array(
    fc.record({
      seller: fc.constantFrom("s1", "s2", "s3", "s4", "s5", "s6"),
      reg: timeArb,
      type: fc.constantFrom("LOCAL_SELLER", "CROSS_BORDER_SELLER"),
      wrong: fc.boolean(),
      bot: fc.boolean(),
      events: fc.array(eventArb, { maxLength: 6 }),
    }),
    { maxLength: 12 },
  )
  .map((xs) =>
    xs.map(
      (x, i): AttributedSeller => ({
        seller_id: x.seller,
        registration_id: `r${i}`,
        seller_type: x.type,
        market: "US",
        registered_at: new Date(x.reg),
        wrong_link: x.wrong,
        bot_click: x.bot,
        events: x.events.map((e, j) => ({ ...e, event_id: `e${i}-${j}` }) as SellerLifecycleEvent),
      }),
    ),
  );
const rulesArb = fc
  .record({
    cap: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null }),
    reward: fc.integer({ min: 0, max: 500_000 }),
    fo: fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }),
    medium: fc.integer({ min: 0, max: 100 }),
  })
  .map(({ cap, reward, fo, medium }) =>
    rules({
      cap_per_partner_minor: cap,
      reward: { amount_minor: reward, currency: "CNY" },
      first_order_within_days: fo,
      // The grace period must cover the longest window (a rule of the schema).
      grace_days: Math.max(30, fo ?? 0),
      risk_reductions: { low: 10, medium, high: 100 },
    }),
  );

/** Shuffles sellers and each seller's events by a seed. */
const shuffle = <T>(xs: readonly T[], seed: number): T[] =>
  xs
    .map((x, i) => ({ x, k: Math.sin(seed * 9301 + i * 49297) }))
    .sort((a, b) => a.k - b.k)
    .map((p) => p.x);

describe("evaluateProgram properties", () => {
  it("gives the same result whatever order the sellers and their events come in", () => {
    fc.assert(
      fc.property(rulesArb, sellersArb, timeArb, fc.integer(), (r, sellers, now, seed) => {
        const a = evaluateProgram(r, sellers, new Date(now));
        const shuffled = shuffle(sellers, seed).map((s, i) => ({ ...s, events: shuffle(s.events, seed + i) }));
        const b = evaluateProgram(r, shuffled, new Date(now));
        expect(b).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });

  it("never pays more than the cap, and pays every eligible line when under it", () => {
    fc.assert(
      fc.property(rulesArb, sellersArb, timeArb, fc.integer({ min: -500_000, max: 0 }), (r, sellers, now, adj) => {
        const { lines, totals } = evaluateProgram(r, sellers, new Date(now), adj);
        const gross = lines.reduce((n, l) => n + l.amount_minor, 0);
        expect(totals.gross_minor).toBe(gross);
        if (r.cap_per_partner_minor !== null) expect(totals.payable_minor).toBeLessThanOrEqual(r.cap_per_partner_minor);
        if (r.cap_per_partner_minor === null || gross <= r.cap_per_partner_minor) {
          expect(totals.payable_minor).toBe(Math.max(0, gross + adj));
          expect(totals.cap_applied).toBe(false);
        }
        expect(totals.eligible + totals.pending + totals.excluded).toBe(sellers.length);
      }),
      { numRuns: 300 },
    );
  });

  it("credits each seller at most once, and explains every line", () => {
    fc.assert(
      fc.property(rulesArb, sellersArb, timeArb, (r, sellers, now) => {
        const { lines } = evaluateProgram(r, sellers, new Date(now));
        const paid = lines.filter((l) => l.status !== "excluded" || l.reason_code !== "duplicate_seller").map((l) => l.seller_id);
        expect(new Set(paid).size).toBe(paid.length);
        for (const l of lines) {
          if (l.status === "excluded") expect(l.reason_code && l.rule).toBeTruthy();
          if (l.status === "pending") expect(l.decision_at!.getTime()).toBeGreaterThan(now);
          if (l.status !== "eligible") expect(l.amount_minor).toBe(0);
          else expect(l.amount_minor).toBeLessThanOrEqual(r.reward.amount_minor);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("only decides a pending line once its date passes, never earlier", () => {
    fc.assert(
      fc.property(rulesArb, sellersArb, timeArb, (r, sellers, now) => {
        for (const s of sellers) {
          const line = evaluateSeller(
            r,
            { ...s, events: s.events.filter((e) => e.type !== "seller.governance_flag") },
            new Date(now),
          );
          if (line.status !== "pending") continue;
          const later = evaluateSeller(
            r,
            { ...s, events: s.events.filter((e) => e.type !== "seller.governance_flag") },
            line.decision_at!,
          );
          expect(later.status).not.toBe("pending");
        }
      }),
      { numRuns: 200 },
    );
  });
});
