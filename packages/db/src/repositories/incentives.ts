import type { Insertable } from "kysely";
import { sql } from "kysely";
import type { Executor } from "../schema.ts";
import type {
  DisputeRow,
  IncentiveDisputesTable,
  IncentiveProgramRow,
  IncentiveProgramsTable,
  IncentiveProgramVersionsTable,
  IncentiveStatementLinesTable,
  IncentiveStatementsTable,
  SellerEventRow,
  SellerEventsTable,
  StatementLineRow,
  StatementRow,
} from "../schema-incentives.ts";
import { type Page, type PageParams, pageNewestFirst, toPage } from "./page.ts";

/** bigint columns arrive as strings; money is whole minor units, exact in a double up to 2^53. */
const num = (v: string | number | null | undefined) => (v === null || v === undefined ? 0 : Number(v));

export type Statement = Omit<StatementRow, "gross_minor" | "adjustments_minor"> & {
  gross_minor: number;
  adjustments_minor: number;
};
export type StatementLine = Omit<StatementLineRow, "amount_minor" | "gmv_minor"> & { amount_minor: number; gmv_minor: number };
export type Dispute = Omit<DisputeRow, "adjustment_minor"> & { adjustment_minor: number | null };
export type SellerEvent = Omit<SellerEventRow, "amount_minor"> & { amount_minor: number | null };

const statement = (r: StatementRow): Statement => ({
  ...r,
  gross_minor: num(r.gross_minor),
  adjustments_minor: num(r.adjustments_minor),
});
const line = (r: StatementLineRow): StatementLine => ({ ...r, amount_minor: num(r.amount_minor), gmv_minor: num(r.gmv_minor) });
const dispute = (r: DisputeRow): Dispute => ({
  ...r,
  adjustment_minor: r.adjustment_minor === null ? null : num(r.adjustment_minor),
});
const sellerEvent = (r: SellerEventRow): SellerEvent => ({
  ...r,
  amount_minor: r.amount_minor === null ? null : num(r.amount_minor),
});

// Programs and versions

export type ProgramWithRules = IncentiveProgramRow & { rules: Record<string, unknown>; note: string; version_created_at: Date };

const programWithRules = (db: Executor) =>
  db
    .selectFrom("incentive_programs as p")
    .innerJoin("incentive_program_versions as v", (j) =>
      j.onRef("v.program_id", "=", "p.id").onRef("v.version", "=", "p.current_version"),
    )
    .selectAll("p")
    .select(["v.rules", "v.note", "v.created_at as version_created_at"]);

export const findProgram = (db: Executor, id: string): Promise<ProgramWithRules | undefined> =>
  programWithRules(db).where("p.id", "=", id).executeTakeFirst();

export const lockProgram = (db: Executor, id: string) =>
  db.selectFrom("incentive_programs").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();

/** Every program with its current rules (staff-defined, a handful at a time). */
export const listAllPrograms = (db: Executor): Promise<ProgramWithRules[]> =>
  programWithRules(db).orderBy("p.id", "desc").execute();

export async function listPrograms(db: Executor, params: PageParams): Promise<Page<ProgramWithRules>> {
  const rows = await (params.cursor ? programWithRules(db).where("p.id", "<", params.cursor.id) : programWithRules(db))
    .orderBy("p.id", "desc")
    .limit(params.limit + 1)
    .execute();
  return toPage(rows, params.limit, (r) => ({ k: null, id: r.id }));
}

export const insertProgram = (db: Executor, row: Insertable<IncentiveProgramsTable>) =>
  db.insertInto("incentive_programs").values(row).returningAll().executeTakeFirstOrThrow();

export const insertProgramVersion = (db: Executor, row: Insertable<IncentiveProgramVersionsTable>) =>
  db.insertInto("incentive_program_versions").values(row).returningAll().executeTakeFirstOrThrow();

export const setProgramVersion = (db: Executor, id: string, version: number, at: Date) =>
  db
    .updateTable("incentive_programs")
    .set({ current_version: version, updated_at: at })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();

export const listProgramVersions = (db: Executor, programId: string) =>
  db
    .selectFrom("incentive_program_versions")
    .selectAll()
    .where("program_id", "=", programId)
    .orderBy("version", "desc")
    .execute();

/** Partners with an approved Shop registration application in one of `markets`. */
export async function approvedPartnersIn(db: Executor, markets: readonly string[]): Promise<string[]> {
  if (!markets.length) return [];
  const rows = await db
    .selectFrom("applications")
    .select("partner_id")
    .distinct()
    .where("category_id", "=", "shop_registration")
    .where("status", "=", "APPROVED")
    .where("target_market", "in", markets)
    .execute();
  return rows.map((r) => r.partner_id);
}

export async function partnerApprovedMarkets(db: Executor, partnerId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("applications")
    .select("target_market")
    .distinct()
    .where("partner_id", "=", partnerId)
    .where("category_id", "=", "shop_registration")
    .where("status", "=", "APPROVED")
    .execute();
  return rows.map((r) => r.target_market);
}

// Attributed sellers and their lifecycle events

export type AttributedRegistration = {
  registration_id: string;
  seller_id: string;
  seller_type: string;
  registered_at: Date;
  market: string | null;
  wrong_link: boolean;
  bot_click: boolean;
};

/** A partner's credited registrations (one registration's or one seller's when asked), with the market of the service and the click's bot flag. */
export async function attributedRegistrations(
  db: Executor,
  partnerId: string,
  opts: { registrationId?: string; sellerId?: string } = {},
): Promise<AttributedRegistration[]> {
  let q = db
    .selectFrom("conversions as c")
    .leftJoin("services as s", "s.id", "c.service_id")
    // The partner's own clicks: on Citus this keeps the clicks read on the partner's shard.
    .leftJoin("clicks as k", (j) => j.onRef("k.id", "=", "c.attributed_click_id").on("k.partner_id", "=", partnerId))
    .select([
      "c.id as registration_id",
      "c.seller_id",
      "c.seller_type",
      "c.occurred_at as registered_at",
      "s.target_market as market",
      "c.wrong_link",
      "k.is_bot",
    ])
    .where("c.partner_id", "=", partnerId)
    .where("c.event_type", "=", "seller.registered");
  if (opts.registrationId) q = q.where("c.id", "=", opts.registrationId);
  // One seller (an incremental update): conversions are indexed by (seller_id, event_type).
  if (opts.sellerId) q = q.where("c.seller_id", "=", opts.sellerId);
  const rows = await q.execute();
  return rows.map((r) => ({
    registration_id: r.registration_id,
    seller_id: r.seller_id,
    seller_type: r.seller_type,
    registered_at: r.registered_at,
    market: r.market ?? null,
    wrong_link: r.wrong_link === true,
    bot_click: r.is_bot === true,
  }));
}

export const findSellerEventByEventId = async (db: Executor, eventId: string) => {
  const r = await db.selectFrom("seller_events").selectAll().where("event_id", "=", eventId).executeTakeFirst();
  return r ? sellerEvent(r) : undefined;
};

export const insertSellerEvent = async (db: Executor, row: Insertable<SellerEventsTable>) =>
  sellerEvent(await db.insertInto("seller_events").values(row).returningAll().executeTakeFirstOrThrow());

/** A partner's seller events, of some sellers or (no list) of all. */
export async function sellerEventsOf(db: Executor, partnerId: string, sellerIds?: readonly string[]): Promise<SellerEvent[]> {
  if (sellerIds && sellerIds.length === 0) return [];
  let q = db.selectFrom("seller_events").selectAll().where("partner_id", "=", partnerId);
  if (sellerIds) q = q.where("seller_id", "in", sellerIds);
  return (await q.execute()).map(sellerEvent);
}

// Statements and their lines

export const insertStatement = async (db: Executor, row: Insertable<IncentiveStatementsTable>) =>
  statement(await db.insertInto("incentive_statements").values(row).returningAll().executeTakeFirstOrThrow());

/** The partner's latest statement of a program (the open one, if any, is always the latest). */
export const latestStatement = async (db: Executor, partnerId: string, programId: string, opts: { lock?: boolean } = {}) => {
  let q = db
    .selectFrom("incentive_statements")
    .selectAll()
    .where("partner_id", "=", partnerId)
    .where("program_id", "=", programId)
    .orderBy("sequence", "desc")
    .limit(1);
  if (opts.lock) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r ? statement(r) : undefined;
};

export const findStatement = async (db: Executor, partnerId: string, id: string, opts: { lock?: boolean } = {}) => {
  let q = db.selectFrom("incentive_statements").selectAll().where("partner_id", "=", partnerId).where("id", "=", id);
  if (opts.lock) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r ? statement(r) : undefined;
};

export const statementsOfPartner = async (db: Executor, partnerId: string, programId: string) =>
  (
    await db
      .selectFrom("incentive_statements")
      .selectAll()
      .where("partner_id", "=", partnerId)
      .where("program_id", "=", programId)
      .orderBy("sequence", "asc")
      .execute()
  ).map(statement);

export async function listStatements(
  db: Executor,
  params: PageParams & { programId?: string | undefined; partnerId?: string | undefined },
): Promise<Page<Statement>> {
  let q = db.selectFrom("incentive_statements").selectAll();
  if (params.programId) q = q.where("program_id", "=", params.programId);
  if (params.partnerId) q = q.where("partner_id", "=", params.partnerId);
  const page = await pageNewestFirst(q, params);
  return { data: page.data.map(statement), next_cursor: page.next_cursor };
}

/** Open statements, for the job: due ones (closes_at passed) first. */
export const openStatements = async (db: Executor, opts: { dueBy?: Date; programId?: string } = {}) => {
  let q = db.selectFrom("incentive_statements").selectAll().where("status", "=", "open");
  if (opts.dueBy) q = q.where("closes_at", "<=", opts.dueBy);
  if (opts.programId) q = q.where("program_id", "=", opts.programId);
  return (await q.orderBy("closes_at").execute()).map(statement);
};

/**
 * The columns an update may set: never the row's key. A caller may pass a whole row (the type
 * leaves the key out, a spread does not); Citus refuses any SET of the distribution column, even
 * to its own value ("modifying the partition value of rows is not allowed").
 */
function settable<T extends object>(set: T): T {
  const { id: _id, partner_id: _partner, ...rest } = set as T & { id?: unknown; partner_id?: unknown };
  return rest as T;
}

export const updateStatement = async (
  db: Executor,
  partnerId: string,
  id: string,
  set: Partial<Omit<Insertable<IncentiveStatementsTable>, "id" | "partner_id">>,
) =>
  statement(
    await db
      .updateTable("incentive_statements")
      .set(settable(set))
      .where("partner_id", "=", partnerId)
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow(),
  );

/** Moves a statement's running totals by a delta (one line changed). */
export const bumpStatement = (
  db: Executor,
  partnerId: string,
  id: string,
  d: { eligible: number; pending: number; excluded: number; gross: number; adjustments: number },
  at: Date,
) =>
  db
    .updateTable("incentive_statements")
    .set((eb) => ({
      eligible_count: eb("eligible_count", "+", d.eligible),
      pending_count: eb("pending_count", "+", d.pending),
      excluded_count: eb("excluded_count", "+", d.excluded),
      gross_minor: sql`gross_minor + ${d.gross}::bigint`,
      adjustments_minor: sql`adjustments_minor + ${d.adjustments}::bigint`,
      computed_at: at,
    }))
    .where("partner_id", "=", partnerId)
    .where("id", "=", id)
    .where("status", "=", "open")
    .execute();

export const findSellerLine = async (db: Executor, partnerId: string, statementId: string, registrationId: string) => {
  const r = await db
    .selectFrom("incentive_statement_lines")
    .selectAll()
    .where("partner_id", "=", partnerId)
    .where("statement_id", "=", statementId)
    .where("registration_id", "=", registrationId)
    .where("kind", "=", "seller")
    .executeTakeFirst();
  return r ? line(r) : undefined;
};

export const findLine = async (db: Executor, partnerId: string, id: string) => {
  const r = await db
    .selectFrom("incentive_statement_lines")
    .selectAll()
    .where("partner_id", "=", partnerId)
    .where("id", "=", id)
    .executeTakeFirst();
  return r ? line(r) : undefined;
};

export const insertLines = async (db: Executor, rows: Insertable<IncentiveStatementLinesTable>[]) => {
  // Chunked: a statement can have 100,000 lines and a statement has at most 65,535 parameters.
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto("incentive_statement_lines")
      .values(rows.slice(i, i + 1000))
      .execute();
  }
};

export const updateLine = (
  db: Executor,
  partnerId: string,
  id: string,
  set: Partial<Omit<Insertable<IncentiveStatementLinesTable>, "id" | "partner_id">>,
) =>
  db
    .updateTable("incentive_statement_lines")
    .set(settable(set))
    .where("partner_id", "=", partnerId)
    .where("id", "=", id)
    .execute();

export const deleteSellerLines = (db: Executor, partnerId: string, statementId: string) =>
  db
    .deleteFrom("incentive_statement_lines")
    .where("partner_id", "=", partnerId)
    .where("statement_id", "=", statementId)
    .where("kind", "=", "seller")
    .execute();

/** Pending lines whose decision date has passed: time alone decides them. */
export const dueLines = async (db: Executor, partnerId: string, statementId: string, now: Date) =>
  (
    await db
      .selectFrom("incentive_statement_lines")
      .selectAll()
      .where("partner_id", "=", partnerId)
      .where("statement_id", "=", statementId)
      .where("status", "=", "pending")
      .where("decision_at", "<=", now)
      .execute()
  ).map(line);

/** A page of a statement's lines in creation order (seller lines first, in registration order). */
export async function pageLines(
  db: Executor,
  partnerId: string,
  statementId: string,
  params: PageParams & { status?: string | undefined },
): Promise<Page<StatementLine>> {
  let q = db
    .selectFrom("incentive_statement_lines")
    .selectAll()
    .where("partner_id", "=", partnerId)
    .where("statement_id", "=", statementId);
  if (params.status) q = q.where("status", "=", params.status as StatementLine["status"]);
  if (params.cursor) q = q.where("id", ">", params.cursor.id);
  const rows = await q
    .orderBy("id", "asc")
    .limit(params.limit + 1)
    .execute();
  return toPage(rows.map(line), params.limit, (r) => ({ k: null, id: r.id }));
}

export const allLines = async (db: Executor, partnerId: string, statementId: string) =>
  (
    await db
      .selectFrom("incentive_statement_lines")
      .selectAll()
      .where("partner_id", "=", partnerId)
      .where("statement_id", "=", statementId)
      .orderBy("id", "asc")
      .execute()
  ).map(line);

// Disputes

export const insertDispute = async (db: Executor, row: Insertable<IncentiveDisputesTable>) =>
  dispute(await db.insertInto("incentive_disputes").values(row).returningAll().executeTakeFirstOrThrow());

export const findDispute = async (db: Executor, id: string, opts: { partnerId?: string; lock?: boolean } = {}) => {
  let q = db.selectFrom("incentive_disputes").selectAll().where("id", "=", id);
  if (opts.partnerId) q = q.where("partner_id", "=", opts.partnerId);
  if (opts.lock) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r ? dispute(r) : undefined;
};

export const updateDispute = async (
  db: Executor,
  partnerId: string,
  id: string,
  set: Partial<Omit<Insertable<IncentiveDisputesTable>, "id" | "partner_id">>,
) =>
  dispute(
    await db
      .updateTable("incentive_disputes")
      .set(settable(set))
      .where("partner_id", "=", partnerId)
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow(),
  );

export async function listDisputes(
  db: Executor,
  params: PageParams & { partnerId?: string | undefined; status?: Dispute["status"] | undefined; programId?: string | undefined },
): Promise<Page<Dispute>> {
  let q = db.selectFrom("incentive_disputes").selectAll();
  if (params.partnerId) q = q.where("partner_id", "=", params.partnerId);
  if (params.status) q = q.where("status", "=", params.status);
  if (params.programId) q = q.where("program_id", "=", params.programId);
  const page = await pageNewestFirst(q, params);
  return { data: page.data.map(dispute), next_cursor: page.next_cursor };
}

export const openDisputeOnLine = async (db: Executor, partnerId: string, lineId: string) => {
  const r = await db
    .selectFrom("incentive_disputes")
    .selectAll()
    .where("partner_id", "=", partnerId)
    .where("line_id", "=", lineId)
    .where("status", "=", "open")
    .executeTakeFirst();
  return r ? dispute(r) : undefined;
};
