import type { Insertable } from "kysely";
import { sql } from "kysely";
import type { Conversion, ConversionsTable, Executor } from "../schema.ts";
import { type Page, type PageParams, pageNewestFirst } from "./page.ts";
import { kyselyRun, lockPartners, rollUpConversions } from "./rollups.ts";

export const findConversionByEventId = (db: Executor, eventId: string) =>
  db.selectFrom("conversions").selectAll().where("event_id", "=", eventId).executeTakeFirst();

export const findSellerConversion = (db: Executor, sellerId: string, eventType: Conversion["event_type"]) =>
  db
    .selectFrom("conversions")
    .selectAll()
    .where("seller_id", "=", sellerId)
    .where("event_type", "=", eventType)
    .executeTakeFirst();

/**
 * Inserts a conversion and, where the rollup trigger is gone (a distributed database), writes its
 * rollups in the same transaction; a credited one first takes its partner's write lock, as the
 * click writer does, so the campaign-value bound sees every earlier write of that partner.
 */
export async function insertConversion(db: Executor, row: Insertable<ConversionsTable>): Promise<Conversion> {
  const run = async (trx: Executor) => {
    const q = kyselyRun(trx);
    const rollUp = await lockPartners(q, row.partner_id ? [row.partner_id] : [], "conversions");
    const conversion = await trx.insertInto("conversions").values(row).returningAll().executeTakeFirstOrThrow();
    if (rollUp) await rollUpConversions(q, [conversion]);
    return conversion;
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

/** What attribution reads of a click: its link, its time and the campaign it carries. */
const ATTRIBUTABLE = [
  "id",
  "link_id",
  "service_id",
  "partner_id",
  "audience",
  "clicked_at",
  "is_bot",
  "utm_source",
  "utm_medium",
  "utm_campaign",
  "utm_content",
] as const;

/** A click by id (any partition), for attribution. */
export const findClickById = (db: Executor, id: string) =>
  db.selectFrom("clicks").select(ATTRIBUTABLE).where("id", "=", id).executeTakeFirst();

/**
 * The last non-bot click on a link in [from, to]: the attributable click when only the channel is
 * known. The link's partner, when given, sends the query to that partner's shard alone on a
 * distributed database (otherwise it asks every shard).
 */
export const lastHumanClickOnLink = (db: Executor, linkId: string, from: Date, to: Date, partnerId?: string) =>
  db
    .selectFrom("clicks")
    .select(ATTRIBUTABLE)
    .$if(partnerId !== undefined, (q) => q.where("partner_id", "=", partnerId as string))
    .where("link_id", "=", linkId)
    .where("is_bot", "=", false)
    .where("clicked_at", ">=", from)
    .where("clicked_at", "<=", to)
    .orderBy("clicked_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();

/** Records a signature as used; false when it was already seen (a replayed request). */
export async function claimConversionSignature(db: Executor, signature: string, at: Date): Promise<boolean> {
  const res = await db
    .insertInto("conversion_signatures")
    .values({ signature, received_at: at })
    .onConflict((oc) => oc.column("signature").doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export const pruneConversionSignatures = (db: Executor, before: Date) =>
  db.deleteFrom("conversion_signatures").where("received_at", "<", before).execute();

export async function listConversions(
  db: Executor,
  params: PageParams & {
    partnerId?: string | undefined;
    serviceId?: string | undefined;
    linkId?: string | undefined;
    attributed?: boolean | undefined;
    from?: Date | undefined;
    to?: Date | undefined;
  },
): Promise<Page<Conversion>> {
  let query = db.selectFrom("conversions").selectAll();
  if (params.partnerId) query = query.where("partner_id", "=", params.partnerId);
  if (params.serviceId) query = query.where("service_id", "=", params.serviceId);
  if (params.linkId) query = query.where("link_id", "=", params.linkId);
  if (params.attributed === true) query = query.where("partner_id", "is not", null);
  if (params.attributed === false) query = query.where("partner_id", "is", null);
  if (params.from) query = query.where("occurred_at", ">=", params.from);
  if (params.to) query = query.where("occurred_at", "<", params.to);
  return pageNewestFirst(query, params);
}

/** Raw-click counts with the rollups' definitions: what tests compare the rollups against. */
export async function countClicksRaw(db: Executor, partnerId: string, from: Date, to: Date) {
  const { rows } = await sql<Record<string, unknown>>`
    SELECT count(*) FILTER (WHERE NOT is_bot AND link_active)::int AS clicks,
      count(*) FILTER (WHERE NOT is_bot AND link_active AND is_unique)::int AS unique_clicks,
      count(*) FILTER (WHERE is_bot)::int AS bot_clicks,
      count(*) FILTER (WHERE NOT is_bot AND NOT link_active)::int AS inactive_clicks
    FROM clicks WHERE partner_id = ${partnerId}::uuid AND clicked_at >= ${from} AND clicked_at < ${to}`.execute(db);
  const r = rows[0] ?? {};
  return {
    clicks: Number(r.clicks ?? 0),
    unique_clicks: Number(r.unique_clicks ?? 0),
    bot_clicks: Number(r.bot_clicks ?? 0),
    inactive_clicks: Number(r.inactive_clicks ?? 0),
  };
}
