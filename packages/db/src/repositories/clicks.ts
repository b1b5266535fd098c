import type { Audience } from "@shopreg/domain";
import { sql } from "kysely";
import type { Executor } from "../schema.ts";

/** A click as the gateway records it; `is_unique` is decided here, at write time, not by the caller. */
export type ClickToRecord = {
  id: string;
  link_id: string;
  service_id: string;
  partner_id: string;
  audience: Audience;
  clicked_at: Date;
  visitor_hash: string;
  country: string | null;
  device: string | null;
  browser: string | null;
  os: string | null;
  referrer_host: string | null;
  is_bot: boolean;
  link_active: boolean;
};

/** Serialises writers of clicks across processes so "first click within the hour" sees every earlier flush. */
const CLICK_WRITER_LOCK = 7_263_001;

/**
 * Writes a batch of clicks exactly once: the primary key (id, clicked_at) makes a replayed click a
 * no-op. A click is unique when it is not a bot and no earlier non-bot click of the same visitor on
 * the same link exists within the hour before it, in the table or earlier in this batch. Writers
 * take one transaction-scoped advisory lock, so two gateway instances flushing at once still see
 * each other's clicks. Returns how many rows were new.
 */
export async function insertClicks(db: Executor, clicks: ClickToRecord[]): Promise<number> {
  if (clicks.length === 0) return 0;
  const rows = markUniqueCandidates(clicks).map((c) => ({ ...c, clicked_at: c.clicked_at.toISOString() }));
  const run = async (trx: Executor) => {
    await sql`SELECT pg_advisory_xact_lock(${CLICK_WRITER_LOCK})`.execute(trx);
    const result = await sql`
      INSERT INTO clicks (id, link_id, service_id, partner_id, audience, clicked_at, visitor_hash, country, device,
        browser, os, referrer_host, is_bot, link_active, is_unique)
      SELECT v.id, v.link_id, v.service_id, v.partner_id, v.audience, v.clicked_at, v.visitor_hash, v.country, v.device,
        v.browser, v.os, v.referrer_host, v.is_bot, v.link_active,
        v.candidate AND NOT EXISTS (
          SELECT 1 FROM clicks c
          WHERE c.link_id = v.link_id AND c.visitor_hash = v.visitor_hash AND NOT c.is_bot
            AND c.clicked_at >= v.clicked_at - interval '1 hour'
            AND (c.clicked_at < v.clicked_at OR (c.clicked_at = v.clicked_at AND c.id < v.id))
        )
      FROM json_to_recordset((${JSON.stringify(rows)}::text)::json) AS v(id uuid, link_id uuid, service_id uuid, partner_id uuid,
        audience text, clicked_at timestamptz, visitor_hash text, country text, device text, browser text, os text,
        referrer_host text, is_bot boolean, link_active boolean, candidate boolean)
      ON CONFLICT (id, clicked_at) DO NOTHING`.execute(trx);
    return Number(result.numAffectedRows ?? 0n);
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

/** Within one batch the table cannot see its own rows: the first click of a visitor on a link in the hour is the only candidate. */
function markUniqueCandidates(clicks: ClickToRecord[]) {
  const sorted = [...clicks].sort((a, b) => a.clicked_at.getTime() - b.clicked_at.getTime() || (a.id < b.id ? -1 : 1));
  const lastSeen = new Map<string, number>();
  return sorted.map((c) => {
    if (c.is_bot) return { ...c, candidate: false };
    const key = `${c.link_id}|${c.visitor_hash}`;
    const t = c.clicked_at.getTime();
    const prev = lastSeen.get(key);
    lastSeen.set(key, t);
    return { ...c, candidate: prev === undefined || t - prev > 3_600_000 };
  });
}

/** Makes the clicks partitions for this month and `monthsAhead` more (months already in DEFAULT are skipped). */
export async function createClickPartitions(db: Executor, monthsAhead = 2): Promise<number> {
  const { rows } = await sql<{ created: number }>`SELECT create_click_partitions(${monthsAhead}) AS created`.execute(db);
  return Number(rows[0]?.created ?? 0);
}
