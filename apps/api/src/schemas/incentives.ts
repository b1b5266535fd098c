import { z } from "@hono/zod-openapi";
import type { Dispute, ProgramWithRules, Statement, StatementLine } from "@shopreg/db";
import {
  DISPUTE_STATUSES,
  EXCLUSION_REASON_WORDS,
  EXCLUSION_REASONS,
  LINE_STATUS_WORDS,
  PROGRAM_RULE_WORDS,
  PROGRAM_RULES,
  type ProgramRules,
  programRulesInput,
  totalsFrom,
} from "@shopreg/domain";
import { page } from "./common.ts";

/** The wire shapes of incentive programs, statements and disputes (docs/incentives.md), and their serializers. */

const ts = z.string().openapi({ format: "date-time" });
const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

export const ProgramSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    name_zh: z.string(),
    version: z.number().int().openapi({ description: "The current version; rules change only by a new one." }),
    rules: z.record(z.string(), z.unknown()).openapi({ description: "The current version's rules (see docs/incentives.md)." }),
    version_note: z.string(),
    closes_at: ts.openapi({ description: "When statements close: the period's end plus the grace days." }),
    created_at: ts,
    updated_at: ts,
  })
  .openapi("IncentiveProgram");
export const ProgramPage = page(ProgramSchema, "IncentiveProgramPage");

export const ProgramVersionSchema = z
  .object({ version: z.number().int(), rules: z.record(z.string(), z.unknown()), note: z.string(), created_at: ts })
  .openapi("IncentiveProgramVersion");
export const ProgramDetailSchema = ProgramSchema.extend({ versions: z.array(ProgramVersionSchema) }).openapi(
  "IncentiveProgramDetail",
);

const Words = z.object({ en: z.string(), zh: z.string() });

export const StatementLineSchema = z
  .object({
    id: z.string(),
    kind: z.enum(["seller", "adjustment"]),
    seller_id: z.string().nullable(),
    registration_id: z.string().nullable(),
    registered_at: ts.nullable(),
    status: z.enum(["eligible", "pending", "excluded", "adjustment"]),
    status_words: Words,
    reason_code: z.enum(EXCLUSION_REASONS).nullable().openapi({ description: "Excluded: why." }),
    reason_words: Words.nullable(),
    rule: z.enum(PROGRAM_RULES).nullable().openapi({ description: "Excluded: the rule that excluded the line." }),
    rule_words: Words.nullable(),
    decision_at: ts.nullable().openapi({ description: "Pending: the date by which the line will be decided." }),
    waiting_on: z.array(z.enum(PROGRAM_RULES)),
    risk_level: z.enum(["low", "medium", "high"]).nullable(),
    reduction_percent: z.number().int(),
    amount_minor: z.number().int().openapi({ description: "What the line earns (before the partner's cap), in minor units." }),
    first_order_at: ts.nullable(),
    gmv_minor: z.number().int(),
    dispute_id: z.string().nullable().openapi({ description: "An adjustment line: the dispute it resolves." }),
    note: z.string().nullable(),
    updated_at: ts,
  })
  .openapi("IncentiveStatementLine");

export const StatementTotalsSchema = z
  .object({
    eligible: z.number().int(),
    pending: z.number().int(),
    excluded: z.number().int(),
    gross_minor: z.number().int(),
    cap_minor: z.number().int().nullable(),
    cap_applied: z.boolean(),
    adjustments_minor: z.number().int(),
    payable_minor: z.number().int(),
    currency: z.string(),
  })
  .openapi("IncentiveStatementTotals");

export const StatementSchema = z
  .object({
    id: z.string(),
    program_id: z.string(),
    partner_id: z.string(),
    sequence: z.number().int().openapi({ description: "1 is the period's statement; later ones carry adjustments." }),
    program_version: z.number().int(),
    status: z.enum(["open", "closed"]),
    totals: StatementTotalsSchema,
    closes_at: ts,
    computed_at: ts,
    closed_at: ts.nullable(),
    content_hash: z.string().nullable().openapi({ description: "Closed: sha256:<hex> of the signed canonical content." }),
    created_at: ts,
  })
  .openapi("IncentiveStatement");
export const StatementPage = page(StatementSchema, "IncentiveStatementPage");

export const StatementWithLinesSchema = StatementSchema.extend({
  lines: z.array(StatementLineSchema),
  next_cursor: z.string().nullable(),
}).openapi("IncentiveStatementWithLines");

export const PartnerProgramSchema = z
  .object({ program: ProgramSchema, statements: z.array(StatementSchema) })
  .openapi("PartnerIncentiveProgram");

export const SignedStatementSchema = z
  .object({
    format: z.literal("shopreg.incentive-statement.v1"),
    statement: z.record(z.string(), z.unknown()).openapi({ description: "The signed content; canonicalise it with RFC 8785." }),
    content_hash: z.string(),
    signature: z.object({ alg: z.literal("Ed25519"), key_id: z.string(), value: z.string() }),
  })
  .openapi("SignedIncentiveStatement");

export const SigningKeySchema = z
  .object({
    key_id: z.string(),
    alg: z.literal("Ed25519"),
    jwk: z.object({ kty: z.literal("OKP"), crv: z.literal("Ed25519"), x: z.string() }),
    pem: z.string(),
  })
  .openapi("IncentiveSigningKey");

export const DisputeSchema = z
  .object({
    id: z.string(),
    partner_id: z.string(),
    program_id: z.string(),
    statement_id: z.string(),
    line_id: z.string(),
    seller_reference: z.string().nullable(),
    message: z.string(),
    status: z.enum(DISPUTE_STATUSES),
    resolution_reason: z.string().nullable(),
    adjustment_minor: z.number().int().nullable(),
    adjustment_line_id: z.string().nullable(),
    created_at: ts,
    resolved_at: ts.nullable(),
  })
  .openapi("IncentiveDispute");
export const DisputePage = page(DisputeSchema, "IncentiveDisputePage");

export const SellerEventResultSchema = z
  .object({
    event_id: z.string(),
    event_type: z.enum(["seller.first_order", "seller.gmv", "seller.governance_flag"]),
    seller_id: z.string(),
    outcome: z.enum(["recorded", "replayed", "unattributed"]),
    attributed: z.boolean(),
    registration_id: z.string().nullable(),
    lines_updated: z.number().int().openapi({ description: "Statement lines this event recomputed (one per open program)." }),
  })
  .openapi("SellerEventResult");

export const rulesOf = (p: Pick<ProgramWithRules, "rules">): ProgramRules => programRulesInput.parse(p.rules);

export const toProgram = (p: ProgramWithRules) => {
  const rules = rulesOf(p);
  return {
    id: p.id,
    name: p.name,
    name_zh: p.name_zh,
    version: p.current_version,
    rules: p.rules,
    version_note: p.note,
    closes_at: new Date(Date.parse(rules.period_end) + rules.grace_days * 86_400_000).toISOString(),
    created_at: iso(p.created_at) as string,
    updated_at: iso(p.updated_at) as string,
  };
};

export const toStatement = (s: Statement, rules: ProgramRules) => ({
  id: s.id,
  program_id: s.program_id,
  partner_id: s.partner_id,
  sequence: s.sequence,
  program_version: s.program_version,
  status: s.status,
  totals: totalsFrom(
    rules,
    { eligible: s.eligible_count, pending: s.pending_count, excluded: s.excluded_count, gross_minor: s.gross_minor },
    s.adjustments_minor,
  ),
  closes_at: iso(s.closes_at) as string,
  computed_at: iso(s.computed_at) as string,
  closed_at: iso(s.closed_at),
  content_hash: s.content_hash,
  created_at: iso(s.created_at) as string,
});

type Reason = (typeof EXCLUSION_REASONS)[number];
type Rule = (typeof PROGRAM_RULES)[number];

export const toLine = (l: StatementLine) => {
  const reason = l.reason_code as Reason | null;
  const rule = l.rule as Rule | null;
  const status = l.status;
  return {
    id: l.id,
    kind: l.kind,
    seller_id: l.seller_id,
    registration_id: l.registration_id,
    registered_at: iso(l.registered_at),
    status,
    status_words:
      status === "adjustment"
        ? { en: "Adjustment", zh: "调整" }
        : { en: LINE_STATUS_WORDS.en[status], zh: LINE_STATUS_WORDS.zh[status] },
    reason_code: reason,
    reason_words: reason ? { en: EXCLUSION_REASON_WORDS.en[reason], zh: EXCLUSION_REASON_WORDS.zh[reason] } : null,
    rule,
    rule_words: rule ? { en: PROGRAM_RULE_WORDS.en[rule], zh: PROGRAM_RULE_WORDS.zh[rule] } : null,
    decision_at: iso(l.decision_at),
    waiting_on: l.waiting_on as Rule[],
    risk_level: l.risk_level as "low" | "medium" | "high" | null,
    reduction_percent: l.reduction_percent,
    amount_minor: l.amount_minor,
    first_order_at: iso(l.first_order_at),
    gmv_minor: l.gmv_minor,
    dispute_id: l.dispute_id,
    note: l.note,
    updated_at: iso(l.updated_at) as string,
  };
};

export const toDispute = (d: Dispute) => ({
  id: d.id,
  partner_id: d.partner_id,
  program_id: d.program_id,
  statement_id: d.statement_id,
  line_id: d.line_id,
  seller_reference: d.seller_reference,
  message: d.message,
  status: d.status,
  resolution_reason: d.resolution_reason,
  adjustment_minor: d.adjustment_minor,
  adjustment_line_id: d.adjustment_line_id,
  created_at: iso(d.created_at) as string,
  resolved_at: iso(d.resolved_at),
});
