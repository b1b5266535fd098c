import { z } from "zod";
import { exactly, OPEN_MARKETS } from "./regions.ts";

/**
 * Incentive programs (docs/incentives.md): the rules as data, validated here, and a pure evaluator
 * that turns a program version and a partner's attributed sellers (with their lifecycle events, in
 * any order) into statement lines. Money is integer minor units of the rule's currency (no floats).
 */

export const SELLER_TYPES = ["LOCAL_SELLER", "CROSS_BORDER_SELLER"] as const;
export const RISK_LEVELS = ["low", "medium", "high"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const MAX_GRACE_DAYS = 90;
const DAY_MS = 24 * 3600_000;

const currencyCode = z.string().regex(/^[A-Z]{3}$/, "A currency is an ISO 4217 code in capitals (CNY, USD).");
const minor = z.number().int("Amounts are whole minor units (cents, fen).").min(0).max(1e13);
const days = z.number().int().min(1).max(366);
const percent = z.number().int().min(0).max(100);
const isoTime = z.iso.datetime({ offset: true });

export const participationInput = z.discriminatedUnion("kind", [
  /** Every partner with an approved Shop registration application in one of the program's markets. */
  z.strictObject({ kind: z.literal("all_approved") }),
  z.strictObject({ kind: z.literal("partners"), partner_ids: z.array(z.uuid()).min(1).max(10_000) }),
]);

/** A program's rules; a running program changes them only through a new version. */
export const programRulesInput = z
  .strictObject({
    period_start: isoTime.meta({ example: "2026-01-01T00:00:00Z" }),
    period_end: isoTime.meta({ example: "2026-04-01T00:00:00Z", description: "After period_start." }),
    grace_days: z.number().int().min(0).max(MAX_GRACE_DAYS).default(30),
    markets: z
      .array(
        z
          .string()
          .refine((s) => OPEN_MARKETS.includes(s), `A market must be one of: ${OPEN_MARKETS.join(", ")}.`)
          .meta({ pattern: exactly(OPEN_MARKETS) }),
      )
      .min(1)
      .max(50),
    seller_types: z.array(z.enum(SELLER_TYPES)).min(1).max(2),
    participation: participationInput,
    onboarded_within_period: z.boolean().default(true),
    first_order_within_days: days.nullable().default(null),
    gmv: z.strictObject({ min_minor: minor, currency: currencyCode, within_days: days }).nullable().default(null),
    target_seller_ids: z.array(z.string().min(1).max(200)).max(200_000).nullable().default(null),
    reward: z.strictObject({ amount_minor: minor, currency: currencyCode }),
    cap_per_partner_minor: minor.nullable().default(null),
    /** Percent taken off the reward by the seller's current governance risk. */
    risk_reductions: z.strictObject({ low: percent, medium: percent, high: percent }).default({ low: 0, medium: 50, high: 100 }),
    exclusions: z
      .strictObject({ wrong_link: z.boolean(), bot_click: z.boolean(), duplicate_seller: z.boolean() })
      .default({ wrong_link: true, bot_click: true, duplicate_seller: true }),
  })
  .superRefine((r, ctx) => {
    if (Date.parse(r.period_end) <= Date.parse(r.period_start)) {
      ctx.addIssue({ code: "custom", path: ["period_end"], message: "The period must end after it starts." });
    }
    const longest = Math.max(r.first_order_within_days ?? 0, r.gmv?.within_days ?? 0);
    if (r.onboarded_within_period && r.grace_days < longest) {
      ctx.addIssue({
        code: "custom",
        path: ["grace_days"],
        message: `The grace period must cover the longest window (${longest} days), so every line is decided before the statement closes.`,
      });
    }
    if (new Set(r.markets).size !== r.markets.length) {
      ctx.addIssue({ code: "custom", path: ["markets"], message: "A market is listed twice." });
    }
  });
export type ProgramRules = z.output<typeof programRulesInput>;

export const programNames = z.strictObject({
  name: z.string().trim().min(1, "Name the program.").max(200),
  name_zh: z.string().trim().min(1, "Name the program in Chinese too.").max(200),
});
export const programCreateInput = programNames.extend({ rules: programRulesInput });
export const programVersionInput = z.strictObject({
  rules: programRulesInput,
  note: z.string().trim().min(3, "Say why the rules change (at least 3 characters).").max(1000),
});

/** Lifecycle events from Seller Center, as the evaluator sees them. */
export type SellerLifecycleEvent =
  | { event_id: string; type: "seller.first_order"; occurred_at: Date }
  | { event_id: string; type: "seller.gmv"; occurred_at: Date; amount_minor: number; currency: string }
  | { event_id: string; type: "seller.governance_flag"; occurred_at: Date; risk: RiskLevel | "cleared" };

/** What the evaluator knows of one attributed seller (from its registration and the click behind it). */
export type AttributedSeller = {
  seller_id: string;
  /** The registration's id: breaks ties between two registrations of one seller, so order never matters. */
  registration_id: string;
  seller_type: string;
  market: string | null;
  registered_at: Date;
  wrong_link: boolean;
  bot_click: boolean;
  events: readonly SellerLifecycleEvent[];
};

export const LINE_STATUSES = ["eligible", "pending", "excluded"] as const;
export type LineStatus = (typeof LINE_STATUSES)[number];

/** The rules a line is judged by, in the order they are checked. */
export const PROGRAM_RULES = [
  "duplicate_seller",
  "wrong_link",
  "bot_click",
  "seller_type",
  "market",
  "target_list",
  "onboarded_within_period",
  "first_order",
  "gmv",
  "governance_risk",
] as const;
export type ProgramRule = (typeof PROGRAM_RULES)[number];

export const EXCLUSION_REASONS = [
  "duplicate_seller",
  "wrong_link",
  "bot_click",
  "seller_type_not_in_program",
  "market_not_in_program",
  "not_on_target_list",
  "onboarded_outside_period",
  "no_first_order_in_time",
  "gmv_below_threshold",
  "governance_risk",
  "not_decided_by_close",
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export type StatementLine = {
  seller_id: string;
  registration_id: string;
  registered_at: Date;
  status: LineStatus;
  /** Excluded: why, and the rule that said so. */
  reason_code: ExclusionReason | null;
  rule: ProgramRule | null;
  /** Pending: the date by which the line will be decided (the last deadline still open). */
  decision_at: Date | null;
  /** Pending: the rules still waiting. */
  waiting_on: ProgramRule[];
  risk_level: RiskLevel | null;
  reduction_percent: number;
  /** What the line earns before the partner's cap: the reward less its risk reduction; 0 unless eligible. */
  amount_minor: number;
  first_order_at: Date | null;
  gmv_minor: number;
};

export type StatementTotals = {
  eligible: number;
  pending: number;
  excluded: number;
  gross_minor: number;
  cap_minor: number | null;
  cap_applied: boolean;
  /** min(gross, cap) plus adjustments (accepted disputes), never below 0. */
  payable_minor: number;
  adjustments_minor: number;
  currency: string;
};

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The governance risk in force at `now`: the latest flag (ties broken by event id), or none. */
export function currentRisk(events: readonly SellerLifecycleEvent[], now: Date): RiskLevel | null {
  let best: Extract<SellerLifecycleEvent, { type: "seller.governance_flag" }> | null = null;
  for (const e of events) {
    if (e.type !== "seller.governance_flag" || e.occurred_at.getTime() > now.getTime()) continue;
    if (
      !best ||
      e.occurred_at.getTime() > best.occurred_at.getTime() ||
      (e.occurred_at.getTime() === best.occurred_at.getTime() && cmp(e.event_id, best.event_id) > 0)
    ) {
      best = e;
    }
  }
  return best && best.risk !== "cleared" ? best.risk : null;
}

/**
 * One seller against the rules at `now`; `duplicate` when the same seller is already credited.
 * `final` (the statement is closing): a line still waiting is excluded, by the rule it waits on.
 */
export function evaluateSeller(
  rules: ProgramRules,
  s: AttributedSeller,
  now: Date,
  duplicate = false,
  final = false,
): StatementLine {
  const registered = s.registered_at.getTime();
  const firstOrders = s.events.filter((e) => e.type === "seller.first_order").map((e) => e.occurred_at.getTime());
  const firstOrderAt = firstOrders.length ? Math.min(...firstOrders) : null;
  const gmvDeadline = rules.gmv ? registered + rules.gmv.within_days * DAY_MS : null;
  // GMV is cumulative: the best report in the rule's currency as of the deadline (reports in other currencies do not count).
  let gmv = 0;
  for (const e of s.events) {
    if (e.type !== "seller.gmv") continue;
    if (rules.gmv && (e.currency !== rules.gmv.currency || e.occurred_at.getTime() > (gmvDeadline as number))) continue;
    if (!rules.gmv && e.currency !== rules.reward.currency) continue;
    gmv = Math.max(gmv, e.amount_minor);
  }
  const base: StatementLine = {
    seller_id: s.seller_id,
    registration_id: s.registration_id,
    registered_at: s.registered_at,
    status: "excluded",
    reason_code: null,
    rule: null,
    decision_at: null,
    waiting_on: [],
    risk_level: currentRisk(s.events, now),
    reduction_percent: 0,
    amount_minor: 0,
    first_order_at: firstOrderAt === null ? null : new Date(firstOrderAt),
    gmv_minor: gmv,
  };
  const exclude = (rule: ProgramRule, reason_code: ExclusionReason): StatementLine => ({ ...base, rule, reason_code });

  if (duplicate && rules.exclusions.duplicate_seller) return exclude("duplicate_seller", "duplicate_seller");
  if (s.wrong_link && rules.exclusions.wrong_link) return exclude("wrong_link", "wrong_link");
  if (s.bot_click && rules.exclusions.bot_click) return exclude("bot_click", "bot_click");
  if (!(rules.seller_types as readonly string[]).includes(s.seller_type))
    return exclude("seller_type", "seller_type_not_in_program");
  if (s.market === null || !rules.markets.includes(s.market)) return exclude("market", "market_not_in_program");
  if (rules.target_seller_ids && !rules.target_seller_ids.includes(s.seller_id))
    return exclude("target_list", "not_on_target_list");
  if (
    rules.onboarded_within_period &&
    (registered < Date.parse(rules.period_start) || registered >= Date.parse(rules.period_end))
  ) {
    return exclude("onboarded_within_period", "onboarded_outside_period");
  }

  const t = now.getTime();
  const waiting: { rule: ProgramRule; until: number }[] = [];
  if (rules.first_order_within_days !== null) {
    const deadline = registered + rules.first_order_within_days * DAY_MS;
    const met = firstOrderAt !== null && firstOrderAt <= deadline;
    if (!met) {
      if (t < deadline) waiting.push({ rule: "first_order", until: deadline });
      else return exclude("first_order", "no_first_order_in_time");
    }
  }
  if (rules.gmv && gmv < rules.gmv.min_minor) {
    if (t < (gmvDeadline as number)) waiting.push({ rule: "gmv", until: gmvDeadline as number });
    else return exclude("gmv", "gmv_below_threshold");
  }
  const risk = base.risk_level;
  const reduction = risk ? rules.risk_reductions[risk] : 0;
  if (waiting.length && final) return exclude((waiting[0] as { rule: ProgramRule }).rule, "not_decided_by_close");
  if (waiting.length) {
    return {
      ...base,
      status: "pending",
      decision_at: new Date(Math.max(...waiting.map((w) => w.until))),
      waiting_on: waiting.map((w) => w.rule),
      reduction_percent: reduction,
    };
  }
  if (reduction >= 100) return { ...exclude("governance_risk", "governance_risk"), reduction_percent: 100 };
  return {
    ...base,
    status: "eligible",
    reduction_percent: reduction,
    amount_minor: Math.floor((rules.reward.amount_minor * (100 - reduction)) / 100),
  };
}

/** Which registrations are a second credit of a seller already credited: all but the earliest of each seller. */
export function duplicateRegistrations(sellers: readonly AttributedSeller[]): Set<string> {
  const first = new Map<string, AttributedSeller>();
  for (const s of sellers) {
    const f = first.get(s.seller_id);
    if (
      !f ||
      s.registered_at.getTime() < f.registered_at.getTime() ||
      (s.registered_at.getTime() === f.registered_at.getTime() && cmp(s.registration_id, f.registration_id) < 0)
    ) {
      first.set(s.seller_id, s);
    }
  }
  const dup = new Set<string>();
  for (const s of sellers) if (first.get(s.seller_id) !== s) dup.add(s.registration_id);
  return dup;
}

/** Totals over a statement's lines, with the partner's cap and any adjustments. */
export function statementTotals(
  rules: ProgramRules,
  lines: readonly Pick<StatementLine, "status" | "amount_minor">[],
  adjustmentsMinor = 0,
): StatementTotals {
  let eligible = 0;
  let pending = 0;
  let excluded = 0;
  let gross = 0;
  for (const l of lines) {
    if (l.status === "eligible") {
      eligible++;
      gross += l.amount_minor;
    } else if (l.status === "pending") pending++;
    else excluded++;
  }
  return totalsFrom(rules, { eligible, pending, excluded, gross_minor: gross }, adjustmentsMinor);
}

/** Totals from running counts (what a statement row keeps, updated one line at a time). */
export function totalsFrom(
  rules: ProgramRules,
  c: { eligible: number; pending: number; excluded: number; gross_minor: number },
  adjustmentsMinor = 0,
): StatementTotals {
  const cap = rules.cap_per_partner_minor;
  const capped = cap !== null && c.gross_minor > cap ? cap : c.gross_minor;
  return {
    ...c,
    cap_minor: cap,
    cap_applied: cap !== null && c.gross_minor > cap,
    adjustments_minor: adjustmentsMinor,
    payable_minor: Math.max(0, capped + adjustmentsMinor),
    currency: rules.reward.currency,
  };
}

export type Evaluation = { lines: StatementLine[]; totals: StatementTotals };

/**
 * The whole statement for one partner: every attributed seller's line (sorted by registration time,
 * then seller and registration id, so any input order gives the same output), and the totals.
 */
export function evaluateProgram(
  rules: ProgramRules,
  sellers: readonly AttributedSeller[],
  now: Date,
  adjustmentsMinor = 0,
  final = false,
): Evaluation {
  const dup = duplicateRegistrations(sellers);
  const lines = sellers
    .map((s) => evaluateSeller(rules, s, now, dup.has(s.registration_id), final))
    .sort(
      (a, b) =>
        a.registered_at.getTime() - b.registered_at.getTime() ||
        cmp(a.seller_id, b.seller_id) ||
        cmp(a.registration_id, b.registration_id),
    );
  return { lines, totals: statementTotals(rules, lines, adjustmentsMinor) };
}

/** When a program's statements close: the period's end plus its grace days. */
export const closesAt = (rules: Pick<ProgramRules, "period_end" | "grace_days">) =>
  new Date(Date.parse(rules.period_end) + rules.grace_days * DAY_MS);

import type { Lang } from "./catalogue/words.ts";

export const LINE_STATUS_WORDS = {
  en: { eligible: "Eligible", pending: "Pending", excluded: "Excluded" },
  zh: { eligible: "符合条件", pending: "待定", excluded: "已排除" },
} as const satisfies Record<Lang, Record<LineStatus, string>>;

export const EXCLUSION_REASON_WORDS = {
  en: {
    duplicate_seller: "This seller is already credited",
    wrong_link: "Registered through the link for the other seller type",
    bot_click: "The click behind the registration was a bot",
    seller_type_not_in_program: "Seller type not in the program",
    market_not_in_program: "Market not in the program",
    not_on_target_list: "Not on the target seller list",
    onboarded_outside_period: "Onboarded outside the program period",
    no_first_order_in_time: "No first order within the allowed days",
    gmv_below_threshold: "GMV below the threshold within the allowed days",
    governance_risk: "Reward fully reduced for governance risk",
    not_decided_by_close: "Still undecided when the statement closed",
  },
  zh: {
    duplicate_seller: "该商家已被计入",
    wrong_link: "通过另一商家类型的链接注册",
    bot_click: "注册对应的点击来自机器人",
    seller_type_not_in_program: "商家类型不在本计划范围内",
    market_not_in_program: "市场不在本计划范围内",
    not_on_target_list: "不在目标商家名单中",
    onboarded_outside_period: "入驻时间不在计划周期内",
    no_first_order_in_time: "未在规定天数内完成首单",
    gmv_below_threshold: "规定天数内 GMV 未达门槛",
    governance_risk: "因治理风险奖励被全额扣减",
    not_decided_by_close: "结算单关闭时仍未判定",
  },
} as const satisfies Record<Lang, Record<ExclusionReason, string>>;

export const PROGRAM_RULE_WORDS = {
  en: {
    duplicate_seller: "Same seller credited twice",
    wrong_link: "Wrong-link registration",
    bot_click: "Bot click",
    seller_type: "Seller type",
    market: "Market",
    target_list: "Target seller list",
    onboarded_within_period: "Onboarded within the period",
    first_order: "First order within N days",
    gmv: "GMV threshold within N days",
    governance_risk: "Governance risk reduction",
  },
  zh: {
    duplicate_seller: "同一商家重复计入",
    wrong_link: "错误链接注册",
    bot_click: "机器人点击",
    seller_type: "商家类型",
    market: "市场",
    target_list: "目标商家名单",
    onboarded_within_period: "在计划周期内入驻",
    first_order: "N 天内完成首单",
    gmv: "N 天内 GMV 达标",
    governance_risk: "治理风险扣减",
  },
} as const satisfies Record<Lang, Record<ProgramRule, string>>;

export const STATEMENT_STATUSES = ["open", "closed"] as const;
export type StatementStatus = (typeof STATEMENT_STATUSES)[number];
export const STATEMENT_STATUS_WORDS = {
  en: { open: "Open", closed: "Closed" },
  zh: { open: "进行中", closed: "已结算" },
} as const satisfies Record<Lang, Record<StatementStatus, string>>;

export const DISPUTE_STATUSES = ["open", "accepted", "rejected"] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];
export const DISPUTE_STATUS_WORDS = {
  en: { open: "Under review", accepted: "Accepted", rejected: "Rejected" },
  zh: { open: "审核中", accepted: "已接受", rejected: "已驳回" },
} as const satisfies Record<Lang, Record<DisputeStatus, string>>;

export const disputeCreateInput = z.strictObject({
  line_id: z.uuid(),
  message: z.string().trim().min(10, "Say what is wrong (at least 10 characters).").max(4000),
  seller_reference: z.string().trim().min(1).max(200).optional(),
});
export const disputeAcceptInput = z.strictObject({
  /** The correction, in the program's minor units; positive pays more. */
  adjustment_minor: z.number().int().min(-1e13).max(1e13),
  reason: z.string().trim().min(3, "Give a reason (at least 3 characters).").max(1000),
});
export const disputeRejectInput = z.strictObject({
  reason: z.string().trim().min(3, "Give a reason (at least 3 characters).").max(1000),
});
