import { CompiledQuery } from "kysely";
import type postgres from "postgres";
import type { Executor } from "../schema.ts";

/**
 * The rollups written by the writers themselves, in the transaction of the raw rows, where the
 * rollup triggers are gone: Citus cannot distribute a table that has triggers, so `distribute()`
 * drops `clicks_roll_up` and `conversions_roll_up` (docs/decisions/0007-rollups-under-citus.md).
 * The counts are the triggers' to the row: same groups, same "(other)" bound on campaign values,
 * same keys; the differential test (tests/differential) compares both engines' answers.
 */

/** One SQL round trip: a Kysely executor or a postgres.js transaction (the COPY path). */
export type Run = (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>;
export const kyselyRun =
  (db: Executor): Run =>
  async (text, params) =>
    (await db.executeQuery(CompiledQuery.raw(text, params))).rows as Record<string, unknown>[];
export const postgresRun =
  (tx: postgres.TransactionSql): Run =>
  async (text, params) =>
    (await tx.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as Record<string, unknown>[];

/** Writers of one partner's traffic (click batches, conversions) take this lock, so a partner's rollups and uniqueness see every earlier write. */
export const PARTNER_WRITE_LOCK = 7_263_001;

/**
 * Takes the partners' write locks (in one order, so two writers never wait on each other in a
 * circle; a hash collision only serialises two partners) and tells whether the writer must write
 * the rollups: true where the table has no rollup trigger (a distributed database).
 */
export async function lockPartners(run: Run, partnerIds: string[], table: "clicks" | "conversions"): Promise<boolean> {
  const rows = await run(
    `SELECT count(pg_advisory_xact_lock(${PARTNER_WRITE_LOCK}, k))::int AS locked,
       NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = $2::regclass AND tgname = $3) AS writer_rolls_up
     FROM (SELECT DISTINCT hashtext(p) AS k FROM json_array_elements_text(($1::text)::json) AS p ORDER BY 1) AS s`,
    [JSON.stringify([...new Set(partnerIds)]), table, `${table}_roll_up`],
  );
  return rows[0]?.writer_rolls_up === true;
}

export type RolledClick = {
  link_id: string;
  service_id: string;
  partner_id: string;
  audience: string;
  clicked_at: Date;
  country: string | null;
  device: string | null;
  browser: string | null;
  os: string | null;
  referrer_host: string | null;
  is_bot: boolean;
  link_active: boolean;
  is_unique: boolean;
  utm_source?: string | null | undefined;
  utm_medium?: string | null | undefined;
  utm_campaign?: string | null | undefined;
};

export type RolledConversion = {
  link_id: string | null;
  service_id: string | null;
  partner_id: string | null;
  event_type: string;
  occurred_at: Date;
  wrong_link: boolean | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
};

const HOUR_MS = 3_600_000;
/** At most this many named values of a campaign dimension per link and UTC day (migration 0008's bound). */
const CAMPAIGN_VALUES = 50;
const OTHER = "(other)";
const hourOf = (at: Date) => new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
const dayOf = (hour: Date) => hour.toISOString().slice(0, 10);
const tagsOf = (r: {
  utm_campaign?: string | null | undefined;
  utm_source?: string | null | undefined;
  utm_medium?: string | null | undefined;
}) =>
  [
    ["campaign", r.utm_campaign ?? null],
    ["source", r.utm_source ?? null],
    ["medium", r.utm_medium ?? null],
  ] as const;

type Tagged = { link_id: string; partner_id: string; day: string; dimension: string; value: string };
const tagKey = (t: { link_id: string; day: string; dimension: string; value: string }) =>
  `${t.link_id}|${t.day}|${t.dimension}|${t.value}`;

/**
 * Which new campaign values go to "(other)": values not yet in the daily table for their link, day
 * and dimension, beyond CAMPAIGN_VALUES, admitted in the database's order of the values (as the
 * trigger did); records the admitted ones in campaign_values_daily. Returns the overflowing keys.
 */
async function boundCampaignValues(run: Run, tagged: Tagged[]): Promise<Set<string>> {
  const overflow = new Set<string>();
  if (tagged.length === 0) return overflow;
  // One lookup per partner ($2), so that on Citus each goes to that partner's shard alone.
  const perPartner = async <T extends { partner_id: string }>(items: T[], text: string) => {
    const byPartner = new Map<string, { i: number; item: T }[]>();
    items.forEach((item, i) => {
      byPartner.set(item.partner_id, [...(byPartner.get(item.partner_id) ?? []), { i, item }]);
    });
    const answers = await Promise.all(
      [...byPartner.entries()].map(([partner, list]) =>
        run(text, [JSON.stringify(list.map(({ i, item }) => ({ ...item, i }))), partner]),
      ),
    );
    return answers.flat();
  };
  const existing = await perPartner(
    tagged,
    `SELECT t.i FROM json_to_recordset(($1::text)::json) AS t(i int, link_id uuid, day date, dimension text, value text)
     JOIN click_rollups_daily_dims r ON r.partner_id = $2::uuid AND r.link_id = t.link_id AND r.day = t.day
       AND r.dimension = t.dimension AND r.value = t.value`,
  );
  const known = new Set(existing.map((r) => Number(r.i)));
  const fresh = tagged.filter((_, i) => !known.has(i));
  if (fresh.length === 0) return overflow;
  const groups = new Map<string, { key: Omit<Tagged, "value">; values: string[]; named: number }>();
  for (const t of fresh) {
    const k = `${t.link_id}|${t.day}|${t.dimension}`;
    const g = groups.get(k) ?? {
      key: { link_id: t.link_id, partner_id: t.partner_id, day: t.day, dimension: t.dimension },
      values: [],
      named: 0,
    };
    g.values.push(t.value);
    groups.set(k, g);
  }
  const list = [...groups.values()];
  const named = await perPartner(
    list.map((g) => g.key),
    `SELECT t.i, c.named FROM json_to_recordset(($1::text)::json) AS t(i int, link_id uuid, day date, dimension text)
     JOIN campaign_values_daily c ON c.partner_id = $2::uuid AND c.link_id = t.link_id AND c.day = t.day AND c.dimension = t.dimension`,
  );
  for (const r of named) (list[Number(r.i)] as (typeof list)[number]).named = Number(r.named);
  const admitted: (Omit<Tagged, "value"> & { n: number })[] = [];
  for (const g of list) {
    if (g.named + g.values.length > CAMPAIGN_VALUES) {
      // Only now does the order matter: ask the database for it (its collation, as the trigger's ORDER BY).
      const sorted = await run(`SELECT v FROM json_array_elements_text(($1::text)::json) AS v ORDER BY v`, [
        JSON.stringify(g.values),
      ]);
      const room = Math.max(0, CAMPAIGN_VALUES - g.named);
      sorted.slice(room).forEach((r) => {
        overflow.add(tagKey({ ...g.key, value: String(r.v) }));
      });
      if (room > 0) admitted.push({ ...g.key, n: Math.min(room, g.values.length) });
    } else admitted.push({ ...g.key, n: g.values.length });
  }
  if (admitted.length > 0) {
    await run(
      `INSERT INTO campaign_values_daily AS c (link_id, day, dimension, partner_id, named)
       SELECT link_id, day, dimension, partner_id, n FROM json_to_recordset(($1::text)::json)
         AS t(link_id uuid, day date, dimension text, partner_id uuid, n int)
       ON CONFLICT (link_id, day, dimension, partner_id) DO UPDATE SET named = c.named + excluded.named`,
      [JSON.stringify(admitted)],
    );
  }
  return overflow;
}

/** Adds `counts` to the row of `key` in `map`, creating it from `base`. */
function add<T extends Record<string, unknown>>(map: Map<string, T>, key: string, base: () => T, counts: Record<string, number>) {
  let row = map.get(key);
  if (!row) {
    row = base();
    map.set(key, row);
  }
  const r = row as Record<string, unknown>;
  for (const [c, n] of Object.entries(counts)) r[c] = (r[c] as number) + n;
}

type DimRow = {
  link_id: string;
  hour: string;
  dimension: string;
  value: string;
  partner_id: string;
  service_id: string;
} & Record<string, unknown>;

/** The hourly and daily dims rows for `rows` (one per link, hour or day, dimension, value), each count column summed. */
async function upsertDims(run: Run, hourly: Map<string, DimRow>, counts: readonly string[]) {
  if (hourly.size === 0) return;
  const daily = new Map<string, DimRow>();
  for (const h of hourly.values()) {
    const day = dayOf(new Date(h.hour));
    add(
      daily,
      `${h.link_id}|${day}|${h.dimension}|${h.value}|${h.partner_id}`,
      () => ({ ...h, hour: day, ...Object.fromEntries(counts.map((c) => [c, 0])) }),
      Object.fromEntries(counts.map((c) => [c, h[c] as number])),
    );
  }
  const cols = counts.join(", ");
  const types = counts.map((c) => `${c} int`).join(", ");
  const sets = counts.map((c) => `${c} = r.${c} + excluded.${c}`).join(", ");
  for (const [table, at, rows] of [
    ["click_rollups_hourly_dims", "hour timestamptz", hourly],
    ["click_rollups_daily_dims", "day date", daily],
  ] as const) {
    const column = at.split(" ")[0] as string;
    await run(
      `INSERT INTO ${table} AS r (link_id, ${column}, dimension, value, partner_id, service_id, ${cols})
       SELECT link_id, ${column}, dimension, value, partner_id, service_id, ${cols}
       FROM json_to_recordset(($1::text)::json) AS v(link_id uuid, ${at}, dimension text, value text, partner_id uuid, service_id uuid, ${types})
       ON CONFLICT (link_id, ${column}, dimension, value, partner_id) DO UPDATE SET ${sets}`,
      [JSON.stringify([...rows.values()].map((r) => (column === "day" ? { ...r, day: r.hour } : r)))],
    );
  }
}

/** The rollups of clicks just written (the ones that were new): hourly, hourly and daily dims, campaign values. */
export async function rollUpClicks(run: Run, clicks: RolledClick[]): Promise<void> {
  if (clicks.length === 0) return;
  const tagged = new Map<string, Tagged>();
  for (const c of clicks) {
    const day = dayOf(hourOf(c.clicked_at));
    for (const [dimension, value] of tagsOf(c)) {
      if (value === null) continue;
      const t = { link_id: c.link_id, partner_id: c.partner_id, day, dimension, value };
      tagged.set(tagKey(t), t);
    }
  }
  const overflow = await boundCampaignValues(run, [...tagged.values()]);

  const hourly = new Map<string, Record<string, unknown>>();
  const dims = new Map<string, DimRow>();
  const zero = { clicks: 0, unique_clicks: 0, bot_clicks: 0 };
  for (const c of clicks) {
    const hour = hourOf(c.clicked_at);
    const at = hour.toISOString();
    const counted = {
      clicks: !c.is_bot && c.link_active ? 1 : 0,
      unique_clicks: !c.is_bot && c.link_active && c.is_unique ? 1 : 0,
      bot_clicks: c.is_bot ? 1 : 0,
    };
    add(
      hourly,
      `${c.link_id}|${at}|${c.partner_id}`,
      () => ({
        link_id: c.link_id,
        hour: at,
        partner_id: c.partner_id,
        service_id: c.service_id,
        audience: c.audience,
        ...zero,
        inactive_clicks: 0,
      }),
      { ...counted, inactive_clicks: !c.is_bot && !c.link_active ? 1 : 0 },
    );
    const values: [string, string][] = [
      ["country", c.country ?? "unknown"],
      ["device", c.device ?? "unknown"],
      ["browser", c.browser ?? "unknown"],
      ["os", c.os ?? "unknown"],
      ["referrer", c.referrer_host ?? "direct"],
    ];
    const day = dayOf(hour);
    for (const [dimension, value] of tagsOf(c)) {
      if (value === null) continue;
      values.push([dimension, overflow.has(tagKey({ link_id: c.link_id, day, dimension, value })) ? OTHER : value]);
    }
    for (const [dimension, value] of values) {
      add(
        dims,
        `${c.link_id}|${at}|${dimension}|${value}|${c.partner_id}`,
        () => ({ link_id: c.link_id, hour: at, dimension, value, partner_id: c.partner_id, service_id: c.service_id, ...zero }),
        counted,
      );
    }
  }
  await run(
    `INSERT INTO click_rollups_hourly AS r (link_id, hour, partner_id, service_id, audience, clicks, unique_clicks, bot_clicks, inactive_clicks)
     SELECT link_id, hour, partner_id, service_id, audience, clicks, unique_clicks, bot_clicks, inactive_clicks
     FROM json_to_recordset(($1::text)::json) AS v(link_id uuid, hour timestamptz, partner_id uuid, service_id uuid, audience text,
       clicks int, unique_clicks int, bot_clicks int, inactive_clicks int)
     ON CONFLICT (link_id, hour, partner_id) DO UPDATE SET
       clicks = r.clicks + excluded.clicks, unique_clicks = r.unique_clicks + excluded.unique_clicks,
       bot_clicks = r.bot_clicks + excluded.bot_clicks, inactive_clicks = r.inactive_clicks + excluded.inactive_clicks`,
    [JSON.stringify([...hourly.values()])],
  );
  await upsertDims(run, dims, ["clicks", "unique_clicks", "bot_clicks"]);
}

/** The rollups of conversions just written: only credited ones count (partner and link known). */
export async function rollUpConversions(run: Run, conversions: RolledConversion[]): Promise<void> {
  const credited = conversions.filter(
    (c): c is RolledConversion & { partner_id: string; link_id: string; service_id: string } =>
      c.partner_id !== null && c.link_id !== null && c.service_id !== null,
  );
  if (credited.length === 0) return;
  const hourly = new Map<string, Record<string, unknown>>();
  const tagged = new Map<string, Tagged>();
  const zero = { registrations: 0, approved_shops: 0, wrong_link_registrations: 0 };
  const countsOf = (c: RolledConversion) => ({
    registrations: c.event_type === "seller.registered" ? 1 : 0,
    approved_shops: c.event_type === "shop.approved" ? 1 : 0,
    wrong_link_registrations: c.event_type === "seller.registered" && c.wrong_link === true ? 1 : 0,
  });
  for (const c of credited) {
    const at = hourOf(c.occurred_at).toISOString();
    add(
      hourly,
      `${c.link_id}|${at}|${c.partner_id}`,
      () => ({ link_id: c.link_id, hour: at, partner_id: c.partner_id, service_id: c.service_id, ...zero }),
      countsOf(c),
    );
    for (const [dimension, value] of tagsOf(c)) {
      if (value === null) continue;
      const t = { link_id: c.link_id, partner_id: c.partner_id, day: dayOf(new Date(at)), dimension, value };
      tagged.set(tagKey(t), t);
    }
  }
  await run(
    `INSERT INTO conversion_rollups_hourly AS r (link_id, hour, partner_id, service_id, registrations, approved_shops, wrong_link_registrations)
     SELECT link_id, hour, partner_id, service_id, registrations, approved_shops, wrong_link_registrations
     FROM json_to_recordset(($1::text)::json) AS v(link_id uuid, hour timestamptz, partner_id uuid, service_id uuid,
       registrations int, approved_shops int, wrong_link_registrations int)
     ON CONFLICT (link_id, hour, partner_id) DO UPDATE SET
       registrations = r.registrations + excluded.registrations, approved_shops = r.approved_shops + excluded.approved_shops,
       wrong_link_registrations = r.wrong_link_registrations + excluded.wrong_link_registrations`,
    [JSON.stringify([...hourly.values()])],
  );
  if (tagged.size === 0) return;
  const overflow = await boundCampaignValues(run, [...tagged.values()]);
  const dims = new Map<string, DimRow>();
  for (const c of credited) {
    const hour = hourOf(c.occurred_at);
    const at = hour.toISOString();
    const day = dayOf(hour);
    for (const [dimension, raw] of tagsOf(c)) {
      if (raw === null) continue;
      const value = overflow.has(tagKey({ link_id: c.link_id, day, dimension, value: raw })) ? OTHER : raw;
      add(
        dims,
        `${c.link_id}|${at}|${dimension}|${value}|${c.partner_id}`,
        () => ({ link_id: c.link_id, hour: at, dimension, value, partner_id: c.partner_id, service_id: c.service_id, ...zero }),
        countsOf(c),
      );
    }
  }
  await upsertDims(run, dims, ["registrations", "approved_shops", "wrong_link_registrations"]);
}
