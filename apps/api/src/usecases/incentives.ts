import type { z } from "@hono/zod-openapi";
import {
  allLines,
  approvedPartnersIn,
  attributedRegistrations,
  bumpStatement,
  type Conversion,
  type Dispute,
  deleteSellerLines,
  dueLines,
  type Executor,
  existingPartnerIds,
  findDispute,
  findLine,
  findProgram,
  findSellerConversion,
  findSellerEventByEventId,
  findSellerLine,
  findStatement,
  insertDispute,
  insertLines,
  insertProgram,
  insertProgramVersion,
  insertSellerEvent,
  insertStatement,
  latestStatement,
  listAllPrograms,
  listDisputes,
  listPrograms,
  listProgramVersions,
  listStatements,
  lockProgram,
  newId,
  openDisputeOnLine,
  openStatements,
  type PageParams,
  type ProgramWithRules,
  pageLines,
  partnerApprovedMarkets,
  type SellerEvent,
  type Statement,
  type StatementLine,
  sellerEventsOf,
  setProgramVersion,
  statementsOfPartner,
  updateDispute,
  updateLine,
  updateStatement,
} from "@shopreg/db";
import {
  type AttributedSeller,
  Conflict,
  closesAt,
  type DISPUTE_STATUSES,
  type StatementLine as DomainLine,
  duplicateRegistrations,
  evaluateProgram,
  evaluateSeller,
  InvalidTransition,
  NotFound,
  type ProgramRules,
  type programCreateInput,
  type programVersionInput,
  type SellerLifecycleEvent,
  Validation,
} from "@shopreg/domain";
import { signStatement, statementSigner } from "../auth/statement-signing.ts";
import type { AppServices, PartnerPrincipal, StaffPrincipal, UseCaseContext } from "../context.ts";
import { rulesOf, toDispute, toLine, toStatement } from "../schemas/incentives.ts";
import { actingUserId, audit } from "./audit.ts";
import { emit } from "./events.ts";

/** docs/incentives.md: programs, statements computed one seller at a time, closing and signing, disputes. */

const DAY_MS = 86_400_000;
type Ctx = Pick<AppServices, "db" | "clock" | "jobs" | "config"> & { requestId: string };

// Signers are built once per key.
const signers = new Map<string, ReturnType<typeof statementSigner>>();
export function signerOf(config: Pick<AppServices["config"], "incentiveSigningKey">) {
  const k = config.incentiveSigningKey.toString("hex");
  let s = signers.get(k);
  if (!s) {
    s = statementSigner(config.incentiveSigningKey);
    signers.set(k, s);
  }
  return s;
}

// Who takes part

async function participates(db: Executor, rules: ProgramRules, partnerId: string): Promise<boolean> {
  if (rules.participation.kind === "partners") return rules.participation.partner_ids.includes(partnerId);
  const markets = await partnerApprovedMarkets(db, partnerId);
  return markets.some((m) => rules.markets.includes(m));
}

/** A listed partner that does not exist is the caller's mistake, named by its place in the list (422). */
async function checkListedPartners(db: Executor, rules: ProgramRules) {
  if (rules.participation.kind !== "partners") return;
  const ids = rules.participation.partner_ids;
  const found = await existingPartnerIds(db, ids);
  const issues = ids.flatMap((id, i) =>
    found.has(id) ? [] : [{ path: `rules.participation.partner_ids.${i}`, message: "No partner has this id." }],
  );
  if (issues.length) throw new Validation("Some listed partners do not exist.", issues);
}

async function participants(db: Executor, rules: ProgramRules): Promise<string[]> {
  if (rules.participation.kind === "partners") return [...rules.participation.partner_ids];
  return approvedPartnersIn(db, rules.markets);
}

// Evaluation input from the database

const toLifecycle = (e: SellerEvent): SellerLifecycleEvent =>
  e.event_type === "seller.first_order"
    ? { event_id: e.event_id, type: e.event_type, occurred_at: e.occurred_at }
    : e.event_type === "seller.gmv"
      ? {
          event_id: e.event_id,
          type: e.event_type,
          occurred_at: e.occurred_at,
          amount_minor: e.amount_minor ?? 0,
          currency: e.currency ?? "",
        }
      : { event_id: e.event_id, type: e.event_type, occurred_at: e.occurred_at, risk: e.risk ?? "cleared" };

async function sellersOf(db: Executor, partnerId: string, sellerId?: string): Promise<AttributedSeller[]> {
  const regs = await attributedRegistrations(db, partnerId, sellerId ? { sellerId } : {});
  const events = await sellerEventsOf(db, partnerId, sellerId ? [sellerId] : undefined);
  const bySeller = new Map<string, SellerLifecycleEvent[]>();
  for (const e of events) {
    const list = bySeller.get(e.seller_id) ?? [];
    list.push(toLifecycle(e));
    bySeller.set(e.seller_id, list);
  }
  return regs.map((r) => ({ ...r, events: bySeller.get(r.seller_id) ?? [] }));
}

const lineRow = (partnerId: string, statementId: string, l: DomainLine, at: Date) => ({
  partner_id: partnerId,
  statement_id: statementId,
  kind: "seller" as const,
  seller_id: l.seller_id,
  registration_id: l.registration_id,
  registered_at: l.registered_at,
  status: l.status,
  reason_code: l.reason_code,
  rule: l.rule,
  decision_at: l.decision_at,
  waiting_on: l.waiting_on,
  risk_level: l.risk_level,
  reduction_percent: l.reduction_percent,
  amount_minor: l.amount_minor,
  first_order_at: l.first_order_at,
  gmv_minor: l.gmv_minor,
  updated_at: at,
});

/** Recomputes a whole period statement (creation, a new version, the close): every line replaced. */
async function recomputeStatement(trx: Executor, ctx: Ctx, rules: ProgramRules, version: number, s: Statement, final = false) {
  const now = ctx.clock();
  const { lines, totals } = evaluateProgram(rules, await sellersOf(trx, s.partner_id), now, 0, final);
  await deleteSellerLines(trx, s.partner_id, s.id);
  // Ids are time-ordered, so a page in id order is registration order.
  await insertLines(
    trx,
    lines.map((l) => ({ id: newId(), ...lineRow(s.partner_id, s.id, l, now) })),
  );
  return updateStatement(trx, s.partner_id, s.id, {
    program_version: version,
    eligible_count: totals.eligible,
    pending_count: totals.pending,
    excluded_count: totals.excluded,
    gross_minor: totals.gross_minor,
    computed_at: now,
  });
}

/** The partner's period statement for a program (sequence 1), made and computed on first need. */
async function ensurePeriodStatement(trx: Executor, ctx: Ctx, program: ProgramWithRules, partnerId: string) {
  const existing = (await statementsOfPartner(trx, partnerId, program.id))[0];
  if (existing) return { statement: existing, created: false };
  const rules = rulesOf(program);
  const now = ctx.clock();
  const s = await insertStatement(trx, {
    id: newId(),
    partner_id: partnerId,
    program_id: program.id,
    sequence: 1,
    program_version: program.current_version,
    status: "open",
    currency: rules.reward.currency,
    closes_at: closesAt(rules),
    computed_at: now,
    created_at: now,
  });
  return { statement: await recomputeStatement(trx, ctx, rules, program.current_version, s), created: true };
}

const delta = (l: Pick<DomainLine, "status" | "amount_minor"> | undefined, sign: 1 | -1) => ({
  eligible: l?.status === "eligible" ? sign : 0,
  pending: l?.status === "pending" ? sign : 0,
  excluded: l?.status === "excluded" ? sign : 0,
  gross: l?.status === "eligible" ? sign * l.amount_minor : 0,
});

/**
 * Incremental recomputation: one seller's lines on one open statement, and the statement's running
 * totals moved by the difference. The statement row is locked, so concurrent events serialise.
 */
async function refreshSeller(trx: Executor, ctx: Ctx, rules: ProgramRules, s: Statement, sellerId: string) {
  // Closed meanwhile (the job holds the same lock while closing): a closed statement never changes.
  const locked = await findStatement(trx, s.partner_id, s.id, { lock: true });
  if (locked?.status !== "open") return 0;
  const now = ctx.clock();
  const sellers = await sellersOf(trx, s.partner_id, sellerId);
  const dup = duplicateRegistrations(sellers);
  let touched = 0;
  for (const seller of sellers) {
    const next = evaluateSeller(rules, seller, now, dup.has(seller.registration_id));
    const old = await findSellerLine(trx, s.partner_id, s.id, seller.registration_id);
    if (old) await updateLine(trx, s.partner_id, old.id, lineRow(s.partner_id, s.id, next, now));
    else await insertLines(trx, [{ id: newId(), ...lineRow(s.partner_id, s.id, next, now) }]);
    const before = old ? { status: old.status as DomainLine["status"], amount_minor: old.amount_minor } : undefined;
    const a = delta(next, 1);
    const b = delta(before, -1);
    await bumpStatement(
      trx,
      s.partner_id,
      s.id,
      {
        eligible: a.eligible + b.eligible,
        pending: a.pending + b.pending,
        excluded: a.excluded + b.excluded,
        gross: a.gross + b.gross,
        adjustments: 0,
      },
      now,
    );
    touched++;
  }
  return touched;
}

/** A seller changed (a registration or a lifecycle event): its line on every open program statement of its partner. */
export async function onSellerChanged(trx: Executor, ctx: Ctx, partnerId: string, sellerId: string): Promise<number> {
  let touched = 0;
  for (const program of await listAllPrograms(trx)) {
    const rules = rulesOf(program);
    if (!(await participates(trx, rules, partnerId))) continue;
    const { statement, created } = await ensurePeriodStatement(trx, ctx, program, partnerId);
    // A closed statement never changes; corrections go through disputes.
    if (created || statement.status !== "open") continue;
    touched += await refreshSeller(trx, ctx, rules, statement, sellerId);
  }
  return touched;
}

// Seller lifecycle events (Seller Center, signed)

export type SellerEventInput =
  | { event_id: string; event_type: "seller.first_order"; occurred_at: Date; seller_id: string }
  | {
      event_id: string;
      event_type: "seller.gmv";
      occurred_at: Date;
      seller_id: string;
      gmv: { amount_minor: number; currency: string };
    }
  | {
      event_id: string;
      event_type: "seller.governance_flag";
      occurred_at: Date;
      seller_id: string;
      risk_level: "low" | "medium" | "high" | "cleared";
    };

export type SellerEventResult = {
  event_id: string;
  event_type: SellerEventInput["event_type"];
  seller_id: string;
  outcome: "recorded" | "replayed" | "unattributed";
  attributed: boolean;
  registration_id: string | null;
  lines_updated: number;
};

/**
 * Idempotent by event id. Attached to the seller's attributed registration; a seller Seller Center
 * has not reported as registered is a 409 (send seller.registered first, then retry); a registration
 * credited to no partner is accepted and not stored (nobody's statement can change: credit binds at
 * registration). Events may come late or in any order: the line is recomputed from all of them.
 */
export async function recordSellerEvent(services: AppServices & { requestId: string }, e: SellerEventInput) {
  const run = () =>
    services.db.transaction().execute(async (trx): Promise<SellerEventResult> => {
      const seen = await findSellerEventByEventId(trx, e.event_id);
      if (seen) {
        if (seen.event_type !== e.event_type || seen.seller_id !== e.seller_id) {
          throw new Conflict("This event_id was already used for a different event.", { event_id: e.event_id }).because(
            "event_id_reused",
          );
        }
        return {
          event_id: e.event_id,
          event_type: e.event_type,
          seller_id: e.seller_id,
          outcome: "replayed",
          attributed: true,
          registration_id: seen.registration_id,
          lines_updated: 0,
        };
      }
      const registration: Conversion | undefined = await findSellerConversion(trx, e.seller_id, "seller.registered");
      if (!registration) {
        throw new Conflict(
          "Seller Center has not reported this seller as registered; send seller.registered first, then retry this event.",
          { seller_id: e.seller_id, reason: "seller_not_registered" },
        ).because("seller_not_registered");
      }
      if (!registration.partner_id) {
        return {
          event_id: e.event_id,
          event_type: e.event_type,
          seller_id: e.seller_id,
          outcome: "unattributed",
          attributed: false,
          registration_id: registration.id,
          lines_updated: 0,
        };
      }
      const partnerId = registration.partner_id;
      await insertSellerEvent(trx, {
        partner_id: partnerId,
        event_id: e.event_id,
        event_type: e.event_type,
        seller_id: e.seller_id,
        registration_id: registration.id,
        occurred_at: e.occurred_at,
        received_at: services.clock(),
        amount_minor: e.event_type === "seller.gmv" ? e.gmv.amount_minor : null,
        currency: e.event_type === "seller.gmv" ? e.gmv.currency : null,
        risk: e.event_type === "seller.governance_flag" ? e.risk_level : null,
      });
      await audit(
        trx,
        { clock: services.clock, requestId: services.requestId },
        {
          actor_type: "seller_center",
          actor_id: null,
          actor_label: "Seller Center",
          partner_id: partnerId,
          entity_type: "seller_event",
          entity_id: registration.id,
          action: e.event_type,
          data: {
            event_id: e.event_id,
            seller_id: e.seller_id,
            ...(e.event_type === "seller.gmv" ? { gmv: e.gmv } : {}),
            ...(e.event_type === "seller.governance_flag" ? { risk_level: e.risk_level } : {}),
          },
        },
      );
      const lines = await onSellerChanged(trx, services, partnerId, e.seller_id);
      return {
        event_id: e.event_id,
        event_type: e.event_type,
        seller_id: e.seller_id,
        outcome: "recorded",
        attributed: true,
        registration_id: registration.id,
        lines_updated: lines,
      };
    });
  try {
    return await run();
  } catch (err) {
    // Two deliveries of one event racing: the key lets one in; the other reads its result.
    if ((err as { code?: string }).code === "23505") return run();
    throw err;
  }
}

// Programs (staff)

export async function createProgram(ctx: UseCaseContext<StaffPrincipal>, input: z.output<typeof programCreateInput>) {
  await checkListedPartners(ctx.db, input.rules);
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock();
    const id = newId();
    await insertProgram(trx, {
      id,
      name: input.name,
      name_zh: input.name_zh,
      current_version: 1,
      created_by: ctx.principal.userId,
      created_at: now,
      updated_at: now,
    });
    await insertProgramVersion(trx, {
      program_id: id,
      version: 1,
      rules: input.rules as unknown as Record<string, unknown>,
      note: "",
      created_by: ctx.principal.userId,
      created_at: now,
    });
    await audit(trx, ctx, {
      partner_id: null,
      entity_type: "incentive_program",
      entity_id: id,
      action: "create",
      to_status: "v1",
      data: { name: input.name, rules: input.rules },
    });
    const program = (await findProgram(trx, id)) as ProgramWithRules;
    for (const partnerId of await participants(trx, input.rules)) await ensurePeriodStatement(trx, ctx, program, partnerId);
    return program;
  });
}

/** A running program's rules change only here: a new version, audited; open statements are recomputed under it. */
export async function createProgramVersion(
  ctx: UseCaseContext<StaffPrincipal>,
  id: string,
  input: z.output<typeof programVersionInput>,
) {
  await checkListedPartners(ctx.db, input.rules);
  return ctx.db.transaction().execute(async (trx) => {
    const locked = await lockProgram(trx, id);
    if (!locked) throw new NotFound("No such program.");
    const now = ctx.clock();
    const version = locked.current_version + 1;
    await insertProgramVersion(trx, {
      program_id: id,
      version,
      rules: input.rules as unknown as Record<string, unknown>,
      note: input.note,
      created_by: ctx.principal.userId,
      created_at: now,
    });
    await setProgramVersion(trx, id, version, now);
    await audit(trx, ctx, {
      partner_id: null,
      entity_type: "incentive_program",
      entity_id: id,
      action: "create_version",
      from_status: `v${locked.current_version}`,
      to_status: `v${version}`,
      reason: input.note,
      data: { rules: input.rules },
    });
    const program = (await findProgram(trx, id)) as ProgramWithRules;
    const rules = rulesOf(program);
    for (const s of await openStatements(trx, { programId: id })) {
      if (s.sequence === 1) {
        await recomputeStatement(trx, ctx, rules, version, s);
        await updateStatement(trx, s.partner_id, s.id, { closes_at: closesAt(rules), currency: rules.reward.currency });
      }
    }
    for (const partnerId of await participants(trx, rules)) await ensurePeriodStatement(trx, ctx, program, partnerId);
    return program;
  });
}

export async function getProgram(ctx: Pick<AppServices, "db">, id: string) {
  const program = await findProgram(ctx.db, id);
  if (!program) throw new NotFound("No such program.");
  return { program, versions: await listProgramVersions(ctx.db, id) };
}

export const pagePrograms = (ctx: Pick<AppServices, "db">, params: PageParams) => listPrograms(ctx.db, params);

export async function pageAllStatements(
  ctx: Pick<AppServices, "db">,
  params: PageParams & { programId?: string | undefined; partnerId?: string | undefined },
) {
  const page = await listStatements(ctx.db, params);
  const programs = new Map<string, ProgramRules>();
  const data = [];
  for (const s of page.data) {
    if (!programs.has(s.program_id)) {
      const p = await findProgram(ctx.db, s.program_id);
      if (p) programs.set(s.program_id, rulesOf(p));
    }
    data.push(toStatement(s, programs.get(s.program_id) as ProgramRules));
  }
  return { data, next_cursor: page.next_cursor };
}

// The partner's view

/** The programs the partner takes part in, with their statements (made on first sight). */
export async function partnerPrograms(ctx: UseCaseContext<PartnerPrincipal>) {
  const partnerId = ctx.principal.partnerId;
  const out = [];
  for (const program of await listAllPrograms(ctx.db)) {
    const rules = rulesOf(program);
    if (!(await participates(ctx.db, rules, partnerId))) continue;
    await materialize(ctx, program, partnerId);
    const statements = await statementsOfPartner(ctx.db, partnerId, program.id);
    out.push({ program, statements: statements.map((s) => toStatement(s, rules)) });
  }
  return out;
}

/**
 * A partner's statement is made on first sight when no event made it yet (a partner approved after
 * the program started). Two first reads racing: the unique key lets one in; the other reads its row.
 */
async function materialize(ctx: Ctx, program: ProgramWithRules, partnerId: string) {
  try {
    await ctx.db.transaction().execute((trx) => ensurePeriodStatement(trx, ctx, program, partnerId));
  } catch (err) {
    if ((err as { code?: string }).code !== "23505") throw err;
  }
}

/** A program the partner is in, or 404 (another partner's program is not theirs to know about). */
async function partnerProgram(ctx: UseCaseContext<PartnerPrincipal>, programId: string) {
  const program = await findProgram(ctx.db, programId);
  if (!program || !(await participates(ctx.db, rulesOf(program), ctx.principal.partnerId))) {
    throw new NotFound("No such program, or your account does not take part in it.");
  }
  return program;
}

export async function partnerStatement(
  ctx: UseCaseContext<PartnerPrincipal>,
  programId: string,
  params: PageParams & { sequence?: number | undefined; status?: string | undefined },
) {
  const program = await partnerProgram(ctx, programId);
  const partnerId = ctx.principal.partnerId;
  await materialize(ctx, program, partnerId);
  const statements = await statementsOfPartner(ctx.db, partnerId, programId);
  const s = params.sequence ? statements.find((x) => x.sequence === params.sequence) : statements[0];
  if (!s) throw new NotFound("No statement with that sequence.");
  const page = await pageLines(ctx.db, partnerId, s.id, params);
  return { ...toStatement(s, rulesOf(program)), lines: page.data.map(toLine), next_cursor: page.next_cursor };
}

const CSV_HEADER = [
  "line_id",
  "kind",
  "seller_id",
  "registered_at",
  "status",
  "reason_code",
  "rule",
  "decision_at",
  "waiting_on",
  "risk_level",
  "reduction_percent",
  "amount_minor",
  "first_order_at",
  "gmv_minor",
  "dispute_id",
  "note",
];
/** A cell that a spreadsheet would read as a formula is prefixed with ' (CSV injection). */
const cell = (v: unknown) => {
  let s = v === null || v === undefined ? "" : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

export async function partnerStatementCsv(ctx: UseCaseContext<PartnerPrincipal>, programId: string, sequence?: number) {
  const program = await partnerProgram(ctx, programId);
  const partnerId = ctx.principal.partnerId;
  await materialize(ctx, program, partnerId);
  const statements = await statementsOfPartner(ctx.db, partnerId, programId);
  const s = sequence ? statements.find((x) => x.sequence === sequence) : statements[0];
  if (!s) throw new NotFound("No statement with that sequence.");
  const rows = (await allLines(ctx.db, partnerId, s.id)).map(toLine);
  const body = rows.map((l) =>
    [
      l.id,
      l.kind,
      l.seller_id,
      l.registered_at,
      l.status,
      l.reason_code,
      l.rule,
      l.decision_at,
      l.waiting_on.join(" "),
      l.risk_level,
      l.reduction_percent,
      l.amount_minor,
      l.first_order_at,
      l.gmv_minor,
      l.dispute_id,
      l.note,
    ]
      .map(cell)
      .join(","),
  );
  return { csv: `${[CSV_HEADER.join(","), ...body].join("\r\n")}\r\n`, sequence: s.sequence };
}

/** A closed statement's signed document, exactly as signed. */
export async function signedStatement(ctx: UseCaseContext<PartnerPrincipal>, statementId: string) {
  const s = await findStatement(ctx.db, ctx.principal.partnerId, statementId);
  if (!s) throw new NotFound("No such statement.");
  if (s.status !== "closed" || !s.signed_document) {
    throw new InvalidTransition(
      "incentive statement",
      "open",
      "download_signed",
      "The statement is still open; it is signed when it closes.",
    );
  }
  return s.signed_document;
}

// Closing (the job)

/** The content a closed statement's signature covers (docs/incentives.md, "Signature format"). */
function signedContent(program: ProgramWithRules, s: Statement, lines: StatementLine[], rules: ProgramRules, at: Date) {
  return {
    statement_id: s.id,
    partner_id: s.partner_id,
    program: { id: program.id, name: program.name, name_zh: program.name_zh, version: s.program_version },
    sequence: s.sequence,
    period: { start: new Date(rules.period_start).toISOString(), end: new Date(rules.period_end).toISOString() },
    closed_at: at.toISOString(),
    totals: toStatement(s, rules).totals,
    lines: lines.map((l) => {
      const w = toLine(l);
      return {
        id: w.id,
        kind: w.kind,
        seller_id: w.seller_id,
        registered_at: w.registered_at,
        status: w.status,
        reason_code: w.reason_code,
        rule: w.rule,
        decision_at: w.decision_at,
        risk_level: w.risk_level,
        reduction_percent: w.reduction_percent,
        amount_minor: w.amount_minor,
        first_order_at: w.first_order_at,
        gmv_minor: w.gmv_minor,
        dispute_id: w.dispute_id,
        note: w.note,
      };
    }),
  };
}

/** Closes one due statement: final lines (nothing left pending), totals, hash and signature; audited, with its event. */
async function closeStatement(ctx: Ctx, partnerId: string, id: string) {
  return ctx.db.transaction().execute(async (trx) => {
    let s = await findStatement(trx, partnerId, id, { lock: true });
    if (!s || s.status !== "open") return null;
    const program = (await findProgram(trx, s.program_id)) as ProgramWithRules;
    const rules = rulesOf(program);
    if (s.sequence === 1) s = await recomputeStatement(trx, ctx, rules, program.current_version, s, true);
    const now = ctx.clock();
    const lines = await allLines(trx, partnerId, s.id);
    const doc = signStatement(signerOf(ctx.config), signedContent(program, s, lines, rules, now));
    s = await updateStatement(trx, partnerId, s.id, {
      status: "closed",
      closed_at: now,
      content_hash: doc.content_hash,
      signature: doc.signature.value,
      signed_document: doc as unknown as Record<string, unknown>,
    });
    await audit(
      trx,
      { ...ctx, principal: undefined },
      {
        partner_id: partnerId,
        entity_type: "incentive_statement",
        entity_id: s.id,
        action: "close",
        from_status: "open",
        to_status: "closed",
        data: { program_id: program.id, sequence: s.sequence, content_hash: doc.content_hash },
      },
    );
    const wire = toStatement(s, rules);
    await emit(trx, ctx, "incentive.statement_closed", partnerId, {
      ...wire,
      program_name: program.name,
      program_name_zh: program.name_zh,
    });
    return wire;
  });
}

/**
 * The incentive job (run by the maintenance loop): decides pending lines whose date has passed
 * (time alone decides them, no event comes), then closes every statement past its closing time.
 */
export async function runIncentiveJob(ctx: Ctx) {
  const now = ctx.clock();
  let decided = 0;
  for (const s of await openStatements(ctx.db)) {
    if (s.sequence !== 1) continue;
    const program = await findProgram(ctx.db, s.program_id);
    if (!program) continue;
    const rules = rulesOf(program);
    const due = await dueLines(ctx.db, s.partner_id, s.id, now);
    const sellers = [...new Set(due.map((l) => l.seller_id as string))];
    for (const sellerId of sellers) {
      await ctx.db.transaction().execute(async (trx) => {
        decided += await refreshSeller(trx, ctx, rules, s, sellerId);
      });
    }
  }
  const closed = [];
  for (const s of await openStatements(ctx.db, { dueBy: now })) {
    const c = await closeStatement(ctx, s.partner_id, s.id);
    if (c) closed.push(c);
  }
  return { decided, closed: closed.length };
}

// Disputes

export async function createDispute(
  ctx: UseCaseContext<PartnerPrincipal>,
  input: { line_id: string; message: string; seller_reference?: string | undefined },
) {
  const partnerId = ctx.principal.partnerId;
  return ctx.db.transaction().execute(async (trx) => {
    const line = await findLine(trx, partnerId, input.line_id);
    if (!line) throw new NotFound("No such statement line.", { line_id: input.line_id });
    const s = (await findStatement(trx, partnerId, line.statement_id)) as Statement;
    if (await openDisputeOnLine(trx, partnerId, line.id)) {
      throw new Conflict("This line already has a dispute under review.", { line_id: line.id }).because("dispute_open");
    }
    const now = ctx.clock();
    const d = await insertDispute(trx, {
      id: newId(),
      partner_id: partnerId,
      program_id: s.program_id,
      statement_id: s.id,
      line_id: line.id,
      seller_reference: input.seller_reference ?? null,
      message: input.message,
      status: "open",
      created_by: actingUserId(ctx.principal),
      created_at: now,
    });
    await audit(trx, ctx, {
      partner_id: partnerId,
      entity_type: "incentive_dispute",
      entity_id: d.id,
      action: "dispute",
      to_status: "open",
      data: { line_id: line.id, statement_id: s.id, seller_id: line.seller_id },
    });
    return d;
  });
}

export const partnerDisputes = (ctx: UseCaseContext<PartnerPrincipal>, params: PageParams) =>
  listDisputes(ctx.db, { ...params, partnerId: ctx.principal.partnerId });

export const staffDisputes = (
  ctx: Pick<AppServices, "db">,
  params: PageParams & { status?: (typeof DISPUTE_STATUSES)[number] | undefined; programId?: string | undefined },
) => listDisputes(ctx.db, params);

/** Where an accepted dispute's adjustment goes: the open period statement, else the open adjustment statement, else a new one. */
async function statementForAdjustment(trx: Executor, ctx: Ctx, d: Dispute, rules: ProgramRules, version: number) {
  const latest = (await latestStatement(trx, d.partner_id, d.program_id, { lock: true })) as Statement;
  if (latest.status === "open") return latest;
  const now = ctx.clock();
  return insertStatement(trx, {
    id: newId(),
    partner_id: d.partner_id,
    program_id: d.program_id,
    sequence: latest.sequence + 1,
    program_version: version,
    status: "open",
    currency: rules.reward.currency,
    closes_at: new Date(now.getTime() + Math.max(1, rules.grace_days) * DAY_MS),
    computed_at: now,
    created_at: now,
  });
}

export async function resolveDispute(
  ctx: UseCaseContext<StaffPrincipal>,
  id: string,
  decision: { accept: true; adjustment_minor: number; reason: string } | { accept: false; reason: string },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const found = await findDispute(trx, id);
    if (!found) throw new NotFound("No such dispute.");
    const d = (await findDispute(trx, id, { partnerId: found.partner_id, lock: true })) as Dispute;
    if (d.status !== "open") {
      throw new Conflict(`This dispute was already ${d.status}.`, { status: d.status }).because("dispute_resolved");
    }
    const now = ctx.clock();
    let adjustmentLineId: string | null = null;
    if (decision.accept) {
      const program = (await findProgram(trx, d.program_id)) as ProgramWithRules;
      const rules = rulesOf(program);
      const target = await statementForAdjustment(trx, ctx, d, rules, program.current_version);
      const original = await findLine(trx, d.partner_id, d.line_id);
      adjustmentLineId = newId();
      await insertLines(trx, [
        {
          id: adjustmentLineId,
          partner_id: d.partner_id,
          statement_id: target.id,
          kind: "adjustment",
          seller_id: original?.seller_id ?? null,
          registration_id: null,
          registered_at: null,
          status: "adjustment",
          waiting_on: [],
          reduction_percent: 0,
          amount_minor: decision.adjustment_minor,
          gmv_minor: 0,
          dispute_id: d.id,
          note: decision.reason,
          updated_at: now,
        },
      ]);
      await bumpStatement(
        trx,
        d.partner_id,
        target.id,
        { eligible: 0, pending: 0, excluded: 0, gross: 0, adjustments: decision.adjustment_minor },
        now,
      );
    }
    const resolved = await updateDispute(trx, d.partner_id, d.id, {
      status: decision.accept ? "accepted" : "rejected",
      resolution_reason: decision.reason,
      adjustment_minor: decision.accept ? decision.adjustment_minor : null,
      adjustment_line_id: adjustmentLineId,
      resolved_by: ctx.principal.userId,
      resolved_at: now,
    });
    await audit(trx, ctx, {
      partner_id: d.partner_id,
      entity_type: "incentive_dispute",
      entity_id: d.id,
      action: decision.accept ? "accept_dispute" : "reject_dispute",
      from_status: "open",
      to_status: resolved.status,
      reason: decision.reason,
      data: decision.accept ? { adjustment_minor: decision.adjustment_minor, adjustment_line_id: adjustmentLineId } : {},
    });
    await emit(trx, ctx, "incentive.dispute_resolved", d.partner_id, toDispute(resolved));
    return resolved;
  });
}

/**
 * What rules would give, before publishing them (a new program or version): every participating
 * partner's totals evaluated now against the sellers and events already recorded, written nowhere.
 * Rules whose period is the last one preview against last period's data.
 */
export async function previewRules(ctx: Pick<AppServices, "db" | "clock">, rules: ProgramRules, at?: Date) {
  const now = at ?? ctx.clock();
  const partners = [];
  for (const partnerId of await participants(ctx.db, rules)) {
    const { totals, lines } = evaluateProgram(rules, await sellersOf(ctx.db, partnerId), now);
    const reasons: Record<string, number> = {};
    for (const l of lines) if (l.reason_code) reasons[l.reason_code] = (reasons[l.reason_code] ?? 0) + 1;
    partners.push({ partner_id: partnerId, totals, excluded_by_reason: reasons });
  }
  return { evaluated_at: now.toISOString(), partners };
}
