import type { Audience } from "@shopreg/domain";
import type { Selectable } from "kysely";
import { sql } from "kysely";
import type postgres from "postgres";
import type { ClicksTable, Executor, NewClick } from "../schema.ts";
import { kyselyRun, lockPartners, postgresRun, type Run, rollUpClicks } from "./rollups.ts";

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
  /** Campaign tags (docs/architecture.md, "Campaign tags"), already allow-listed and capped by the gateway; absent means none. */
  utm_source?: string | null;
  utm_medium?: string | null;
  utm_campaign?: string | null;
  utm_content?: string | null;
};

/**
 * Writes a batch of clicks exactly once: the primary key (id, clicked_at, partner_id) makes a replayed click a
 * no-op. A click is unique when it is not a bot and no earlier non-bot click of the same visitor on
 * the same link exists within the hour before it, in the table or earlier in this batch. Writers
 * take a transaction-scoped lock per partner of the batch (a link is one partner's), so two
 * gateway instances flushing one partner's clicks at once still see each other's, and writers of
 * other partners do not wait. Where the rollup trigger is gone (a distributed database) the rollups
 * of the new rows are written here, in the same transaction. Returns how many rows were new.
 */
export async function insertClicks(db: Executor, clicks: ClickToRecord[]): Promise<number> {
  if (clicks.length === 0) return 0;
  const run = async (trx: Executor) => {
    const q = kyselyRun(trx);
    const rollUp = await lockPartners(
      q,
      clicks.map((c) => c.partner_id),
      "clicks",
    );
    const unique = await decideUnique(q, clicks, false);
    const rows = clicks.map((c, i) => ({
      ...c,
      country: noNul(c.country),
      device: noNul(c.device),
      browser: noNul(c.browser),
      os: noNul(c.os),
      referrer_host: noNul(c.referrer_host),
      utm_source: noNul(c.utm_source ?? null),
      utm_medium: noNul(c.utm_medium ?? null),
      utm_campaign: noNul(c.utm_campaign ?? null),
      utm_content: noNul(c.utm_content ?? null),
      clicked_at: c.clicked_at.toISOString(),
      is_unique: unique[i],
    }));
    const inserted = await q(
      `INSERT INTO clicks (id, link_id, service_id, partner_id, audience, clicked_at, visitor_hash, country, device,
        browser, os, referrer_host, is_bot, link_active, utm_source, utm_medium, utm_campaign, utm_content, is_unique)
      SELECT v.id, v.link_id, v.service_id, v.partner_id, v.audience, v.clicked_at, v.visitor_hash, v.country, v.device,
        v.browser, v.os, v.referrer_host, v.is_bot, v.link_active, v.utm_source, v.utm_medium, v.utm_campaign, v.utm_content,
        v.is_unique
      FROM json_to_recordset(($1::text)::json) AS v(id uuid, link_id uuid, service_id uuid, partner_id uuid,
        audience text, clicked_at timestamptz, visitor_hash text, country text, device text, browser text, os text,
        referrer_host text, is_bot boolean, link_active boolean, utm_source text, utm_medium text, utm_campaign text,
        utm_content text, is_unique boolean)
      ON CONFLICT (id, clicked_at, partner_id) DO NOTHING
      RETURNING id`,
      [JSON.stringify(rows)],
    );
    if (rollUp && inserted.length > 0) {
      const fresh = new Set(inserted.map((r) => String(r.id)));
      await rollUpClicks(
        q,
        rows
          .filter((r) => fresh.has(r.id))
          .map((r) => ({ ...r, clicked_at: new Date(r.clicked_at), is_unique: r.is_unique === true })),
      );
    }
    return inserted.length;
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

/**
 * The gateway's batch writer. On a PostgreSQL server a batch goes in with COPY, a third of the cost
 * of an INSERT over a parameter; COPY cannot skip a row that exists, so a batch that repeats a click
 * already written (a replay of a batch that was in fact committed) is rolled back whole and written
 * again through insertClicks, which skips it. PGlite always takes insertClicks. Same rows, same
 * uniqueness, same rollups either way. Returns how many rows were new.
 */
export async function writeClicks(
  target: { db: Executor; pg?: postgres.Sql | undefined },
  clicks: ClickToRecord[],
): Promise<number> {
  if (clicks.length === 0) return 0;
  if (!target.pg) return insertClicks(target.db, clicks);
  try {
    return await copyClicks(target.pg, clicks);
  } catch (error) {
    if (!isDuplicateClick(error)) throw error;
    return insertClicks(target.db, clicks);
  }
}

/** A click already written. Citus reports a shard's unique violation during COPY as XX000 with PostgreSQL's message. */
const isDuplicateClick = (error: unknown) => {
  const { code, message } = error as { code?: string; message?: string };
  return code === "23505" || (code === "XX000" && /^duplicate key value violates unique constraint "clicks_/.test(message ?? ""));
};

/**
 * The candidates that an earlier non-bot click of the same visitor on the same link, within the
 * hour, makes not unique; one statement per partner ($2), so that on a distributed database each
 * goes to the one shard holding that partner's clicks. Written as a LATERAL ... LIMIT 1 so that
 * every plan probes the (link_id, visitor_hash, clicked_at) index once per candidate: as
 * `WHERE EXISTS`, the writer's prepared statement kept a generic plan made while the month's
 * partition was nearly empty (a hash semi-join over a sequential scan of the partition), so each
 * batch read every click of the month and a batch's cost grew with the table (bench/README.md,
 * "2026-12-01 (2)").
 */
export const EARLIER_CLICK_PROBE = `
  SELECT v.i FROM json_to_recordset(($1::text)::json)
    AS v(i int, id uuid, link_id uuid, visitor_hash text, clicked_at timestamptz)
  CROSS JOIN LATERAL (
    SELECT 1 FROM clicks c
    WHERE c.partner_id = $2::uuid AND c.link_id = v.link_id AND c.visitor_hash = v.visitor_hash AND NOT c.is_bot
      AND c.clicked_at >= v.clicked_at - interval '1 hour' AND c.clicked_at <= v.clicked_at
      AND (c.clicked_at < v.clicked_at OR c.id < v.id)
    LIMIT 1
  ) AS earlier`;

/**
 * is_unique for each click of the batch: a candidate (uniqueCandidates) that no earlier click in
 * the table makes not unique. With `pipelined` (one postgres.js connection), the per-partner
 * probes are sent together rather than one round trip each.
 */
async function decideUnique(run: Run, clicks: ClickToRecord[], pipelined: boolean): Promise<boolean[]> {
  const unique = uniqueCandidates(clicks);
  const byPartner = new Map<string, { i: number; id: string; link_id: string; visitor_hash: string; clicked_at: string }[]>();
  for (let i = 0; i < clicks.length; i++) {
    if (!unique[i]) continue;
    const c = clicks[i] as ClickToRecord;
    const probes = byPartner.get(c.partner_id) ?? [];
    probes.push({ i, id: c.id, link_id: c.link_id, visitor_hash: c.visitor_hash, clicked_at: c.clicked_at.toISOString() });
    byPartner.set(c.partner_id, probes);
  }
  const probe = ([partner, probes]: [string, unknown[]]) => run(EARLIER_CLICK_PROBE, [JSON.stringify(probes), partner]);
  const entries = [...byPartner.entries()];
  const answers = pipelined ? await Promise.all(entries.map(probe)) : [];
  if (!pipelined) for (const e of entries) answers.push(await probe(e));
  for (const seen of answers) for (const r of seen) unique[Number(r.i)] = false;
  return unique;
}

async function copyClicks(pg: postgres.Sql, clicks: ClickToRecord[]): Promise<number> {
  return pg.begin(async (tx) => {
    const q = postgresRun(tx);
    const rollUp = await lockPartners(
      q,
      clicks.map((c) => c.partner_id),
      "clicks",
    );
    const unique = await decideUnique(q, clicks, true);
    const copy = await tx`COPY clicks (id, link_id, service_id, partner_id, audience, clicked_at, visitor_hash, country,
      device, browser, os, referrer_host, is_bot, link_active, is_unique, utm_source, utm_medium, utm_campaign, utm_content)
      FROM STDIN WITH (FORMAT binary)`.writable();
    await new Promise<void>((done, fail) => {
      copy.once("error", fail);
      copy.once("finish", done);
      copy.end(binaryCopy(clicks, unique));
    });
    if (rollUp) {
      await rollUpClicks(
        q,
        clicks.map((c, i) => ({
          ...c,
          country: noNul(c.country),
          device: noNul(c.device),
          browser: noNul(c.browser),
          os: noNul(c.os),
          referrer_host: noNul(c.referrer_host),
          utm_source: noNul(c.utm_source ?? null),
          utm_medium: noNul(c.utm_medium ?? null),
          utm_campaign: noNul(c.utm_campaign ?? null),
          is_unique: unique[i] === true,
        })),
      );
    }
    return clicks.length;
  });
}

/**
 * Clicks exactly as given (is_unique included, nothing decided), with their rollups: for seeds,
 * imports and tests that set up traffic directly. A plain INSERT INTO clicks rolls up through the
 * trigger on one server but not on a distributed database, where the trigger is gone; this does
 * both. Returns how many rows were new.
 */
export async function insertClickRows(db: Executor, rows: NewClick[]): Promise<number> {
  if (rows.length === 0) return 0;
  const run = async (trx: Executor) => {
    const q = kyselyRun(trx);
    const rollUp = await lockPartners(
      q,
      rows.map((r) => r.partner_id),
      "clicks",
    );
    let inserted: Selectable<ClicksTable>[] = [];
    // A few thousand rows per statement keeps it under PostgreSQL's 65,535 parameters.
    for (let i = 0; i < rows.length; i += 2_000) {
      const chunk = rows.slice(i, i + 2_000);
      inserted = inserted.concat(
        await trx
          .insertInto("clicks")
          .values(chunk)
          .onConflict((oc) => oc.columns(["id", "clicked_at", "partner_id"]).doNothing())
          .returningAll()
          .execute(),
      );
    }
    if (rollUp) await rollUpClicks(q, inserted);
    return inserted.length;
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

/** PostgreSQL text cannot hold NUL: a user agent or referer carrying one loses it. */
const noNul = <T extends string | null>(v: T): T => (v?.includes("\0") ? (v.replaceAll("\0", "") as T) : v);

const COPY_SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);

/** Hex digit values by character code (-1: not a hex digit). */
const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX["0123456789abcdef".charCodeAt(i)] = i;
  HEX["0123456789ABCDEF".charCodeAt(i)] = i;
}

/**
 * The batch in COPY's binary format: PostgreSQL parses no text (uuids, times, booleans arrive as
 * they are stored), which is most of what a COPY of clicks costs it. Fields in the column order of
 * copyClicks; text cannot hold NUL, so NUL characters are dropped. Bytes are written from
 * JavaScript: Buffer's hex and utf8 writers cross into C++ per call, which cost more than the
 * short values themselves (~3 µs of a click's ~4 µs here; bench/README.md).
 */
function binaryCopy(clicks: ClickToRecord[], unique: boolean[]): Buffer {
  let buf = Buffer.allocUnsafe(19 + clicks.length * 400);
  let at = COPY_SIGNATURE.copy(buf, 0);
  const ensure = (bytes: number) => {
    if (at + bytes <= buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(buf.length * 2, at + bytes));
    buf.copy(bigger, 0, 0, at);
    buf = bigger;
  };
  const int32 = (v: number) => {
    buf[at] = v >>> 24;
    buf[at + 1] = v >>> 16;
    buf[at + 2] = v >>> 8;
    buf[at + 3] = v;
    at += 4;
  };
  int32(0); // flags
  int32(0); // header extension length
  const uuids = new Map<string, Uint8Array>();
  const hex = (id: string, out: Uint8Array, offset: number) => {
    if (id.length !== 36) throw new Error(`not a uuid: ${id}`);
    for (let i = 0, o = offset; i < 36; i += 2, o++) {
      if (i === 8 || i === 13 || i === 18 || i === 23) i++;
      const h = HEX[id.charCodeAt(i)] ?? -1;
      const l = HEX[id.charCodeAt(i + 1)] ?? -1;
      if (h < 0 || l < 0) throw new Error(`not a uuid: ${id}`);
      out[o] = (h << 4) | l;
    }
  };
  const uuid = (id: string, repeats: boolean) => {
    int32(16);
    if (repeats) {
      let bytes = uuids.get(id);
      if (!bytes) {
        bytes = new Uint8Array(16);
        hex(id, bytes, 0);
        uuids.set(id, bytes);
      }
      buf.set(bytes, at);
    } else {
      hex(id, buf, at);
    }
    at += 16;
  };
  const text = (v: string | null) => {
    if (v === null) {
      int32(-1);
      return;
    }
    const n = v.length;
    ensure(4 + n * 3);
    const start = at + 4;
    let len = n;
    for (let i = 0; i < n; i++) {
      const c = v.charCodeAt(i);
      if (c === 0 || c >= 0x80) {
        len = buf.write(noNul(v), start, "utf8"); // not plain ASCII: let Buffer encode it
        break;
      }
      buf[start + i] = c;
    }
    int32(len);
    at += len;
  };
  const bool = (v: boolean) => {
    int32(1);
    buf[at++] = v ? 1 : 0;
  };
  for (let i = 0; i < clicks.length; i++) {
    const c = clicks[i] as ClickToRecord;
    ensure(200);
    buf[at++] = 0;
    buf[at++] = 19; // fields
    uuid(c.id, false);
    uuid(c.link_id, true);
    uuid(c.service_id, true);
    uuid(c.partner_id, true);
    text(c.audience);
    // timestamptz: microseconds since 2000-01-01 UTC, as a big-endian int64.
    const micros = (c.clicked_at.getTime() - PG_EPOCH_MS) * 1000;
    const high = Math.floor(micros / 2 ** 32);
    int32(8);
    int32(high);
    int32(micros - high * 2 ** 32);
    text(c.visitor_hash);
    text(c.country);
    text(c.device);
    text(c.browser);
    text(c.os);
    text(c.referrer_host);
    bool(c.is_bot);
    bool(c.link_active);
    bool(unique[i] as boolean);
    text(c.utm_source ?? null);
    text(c.utm_medium ?? null);
    text(c.utm_campaign ?? null);
    text(c.utm_content ?? null);
  }
  ensure(2);
  buf[at++] = 0xff;
  buf[at++] = 0xff; // end of data: field count -1
  return buf.subarray(0, at);
}

/**
 * Within one batch the table cannot see its own rows: a non-bot click is a candidate for unique
 * when no earlier click of its visitor on its link in this batch is within the hour before it.
 * Returns one flag per click, in the batch's order.
 */
function uniqueCandidates(clicks: ClickToRecord[]): boolean[] {
  const before = (a: ClickToRecord, b: ClickToRecord) =>
    a.clicked_at.getTime() - b.clicked_at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  // Batches arrive in time order; sort only when one does not.
  const order = clicks.map((_, i) => i);
  for (let i = 1; i < clicks.length; i++) {
    if (before(clicks[i - 1] as ClickToRecord, clicks[i] as ClickToRecord) > 0) {
      order.sort((x, y) => before(clicks[x] as ClickToRecord, clicks[y] as ClickToRecord));
      break;
    }
  }
  const flags = new Array<boolean>(clicks.length).fill(false);
  const lastSeen = new Map<string, number>();
  for (const i of order) {
    const c = clicks[i] as ClickToRecord;
    if (c.is_bot) continue;
    const key = `${c.link_id}|${c.visitor_hash}`;
    const t = c.clicked_at.getTime();
    const prev = lastSeen.get(key);
    lastSeen.set(key, t);
    flags[i] = prev === undefined || t - prev > 3_600_000;
  }
  return flags;
}

/** Makes the clicks partitions for this month and `monthsAhead` more (months already in DEFAULT are skipped). */
export async function createClickPartitions(db: Executor, monthsAhead = 2): Promise<number> {
  const { rows } = await sql<{ created: number }>`SELECT create_click_partitions(${monthsAhead}) AS created`.execute(db);
  return Number(rows[0]?.created ?? 0);
}
