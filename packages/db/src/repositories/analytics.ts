import { BREAKDOWN_DIMENSIONS, type BreakdownDimension } from "@shopreg/domain";
import { type RawBuilder, sql } from "kysely";
import type { Executor } from "../schema.ts";

/** What an analytics query covers: a time range [from, to) and optionally one partner, service or link. */
export type AnalyticsScope = {
  from: Date;
  to: Date;
  partnerId?: string | undefined;
  serviceId?: string | undefined;
  linkId?: string | undefined;
};

export type Totals = {
  clicks: number;
  unique_clicks: number;
  bot_clicks: number;
  inactive_clicks: number;
  registrations: number;
  approved_shops: number;
};
export type Bucket = Totals & { bucket_start: Date };
// The dimensions are a domain rule (the API and both web apps read them there).
export { BREAKDOWN_DIMENSIONS, type BreakdownDimension };

const where = (alias: string, s: AnalyticsScope): RawBuilder<unknown> => {
  const parts: RawBuilder<unknown>[] = [
    sql`${sql.ref(`${alias}.hour`)} >= ${s.from}`,
    sql`${sql.ref(`${alias}.hour`)} < ${s.to}`,
  ];
  if (s.partnerId) parts.push(sql`${sql.ref(`${alias}.partner_id`)} = ${s.partnerId}::uuid`);
  if (s.serviceId) parts.push(sql`${sql.ref(`${alias}.service_id`)} = ${s.serviceId}::uuid`);
  if (s.linkId) parts.push(sql`${sql.ref(`${alias}.link_id`)} = ${s.linkId}::uuid`);
  return sql.join(parts, sql` AND `);
};

const int = (v: unknown) => Number(v ?? 0);
const totalsOf = (r: Record<string, unknown> | undefined): Totals => ({
  clicks: int(r?.clicks),
  unique_clicks: int(r?.unique_clicks),
  bot_clicks: int(r?.bot_clicks),
  inactive_clicks: int(r?.inactive_clicks),
  registrations: int(r?.registrations),
  approved_shops: int(r?.approved_shops),
});

export async function analyticsTotals(db: Executor, s: AnalyticsScope): Promise<Totals> {
  const { rows } = await sql<Record<string, unknown>>`
    SELECT
      (SELECT coalesce(sum(clicks), 0)::bigint FROM click_rollups_hourly c WHERE ${where("c", s)}) AS clicks,
      (SELECT coalesce(sum(unique_clicks), 0)::bigint FROM click_rollups_hourly c WHERE ${where("c", s)}) AS unique_clicks,
      (SELECT coalesce(sum(bot_clicks), 0)::bigint FROM click_rollups_hourly c WHERE ${where("c", s)}) AS bot_clicks,
      (SELECT coalesce(sum(inactive_clicks), 0)::bigint FROM click_rollups_hourly c WHERE ${where("c", s)}) AS inactive_clicks,
      (SELECT coalesce(sum(registrations), 0)::bigint FROM conversion_rollups_hourly v WHERE ${where("v", s)}) AS registrations,
      (SELECT coalesce(sum(approved_shops), 0)::bigint FROM conversion_rollups_hourly v WHERE ${where("v", s)}) AS approved_shops
  `.execute(db);
  return totalsOf(rows[0]);
}

/** Hour or day buckets in a time zone, every bucket of the range present (zeros included). */
export async function analyticsTimeseries(
  db: Executor,
  s: AnalyticsScope,
  interval: "hour" | "day",
  timeZone: string,
): Promise<Bucket[]> {
  const { rows } = await sql<Record<string, unknown>>`
    WITH buckets AS (
      SELECT generate_series(
        date_trunc(${interval}::text, ${s.from}::timestamptz AT TIME ZONE ${timeZone}::text),
        (${s.to}::timestamptz - interval '1 microsecond') AT TIME ZONE ${timeZone}::text,
        ('1 ' || ${interval}::text)::interval
      ) AS local_bucket
    ), c AS (
      SELECT date_trunc(${interval}::text, c.hour AT TIME ZONE ${timeZone}::text) AS local_bucket,
        sum(clicks) AS clicks, sum(unique_clicks) AS unique_clicks, sum(bot_clicks) AS bot_clicks, sum(inactive_clicks) AS inactive_clicks
      FROM click_rollups_hourly c WHERE ${where("c", s)} GROUP BY 1
    ), v AS (
      SELECT date_trunc(${interval}::text, v.hour AT TIME ZONE ${timeZone}::text) AS local_bucket,
        sum(registrations) AS registrations, sum(approved_shops) AS approved_shops
      FROM conversion_rollups_hourly v WHERE ${where("v", s)} GROUP BY 1
    )
    SELECT b.local_bucket AT TIME ZONE ${timeZone}::text AS bucket_start,
      coalesce(c.clicks, 0)::bigint AS clicks, coalesce(c.unique_clicks, 0)::bigint AS unique_clicks,
      coalesce(c.bot_clicks, 0)::bigint AS bot_clicks, coalesce(c.inactive_clicks, 0)::bigint AS inactive_clicks,
      coalesce(v.registrations, 0)::bigint AS registrations, coalesce(v.approved_shops, 0)::bigint AS approved_shops
    FROM buckets b LEFT JOIN c USING (local_bucket) LEFT JOIN v USING (local_bucket)
    ORDER BY b.local_bucket
  `.execute(db);
  return rows.map((r) => ({ bucket_start: new Date(r.bucket_start as Date), ...totalsOf(r) }));
}

export type BreakdownRow = { value: string; clicks: number; unique_clicks: number; bot_clicks: number };

const DAY_MS = 86_400_000;

/**
 * Whole UTC days come from the daily table and the partial days at either end from the hourly
 * one, so the answer is exact for any range and a long range reads days, not hours.
 */
export async function analyticsBreakdown(
  db: Executor,
  s: AnalyticsScope,
  dimension: BreakdownDimension,
  limit = 50,
): Promise<BreakdownRow[]> {
  if (dimension === "audience") {
    const { rows } = await sql<Record<string, unknown>>`
      SELECT audience AS value, sum(clicks)::bigint AS clicks, sum(unique_clicks)::bigint AS unique_clicks, sum(bot_clicks)::bigint AS bot_clicks
      FROM click_rollups_hourly c WHERE ${where("c", s)} GROUP BY audience ORDER BY 2 DESC, 1 LIMIT ${limit}`.execute(db);
    return rows.map(toBreakdownRow);
  }
  const firstDay = new Date(Math.ceil(s.from.getTime() / DAY_MS) * DAY_MS);
  const endDay = new Date(Math.floor(s.to.getTime() / DAY_MS) * DAY_MS);
  const parts: RawBuilder<unknown>[] = [];
  const hourly = (from: Date, to: Date) =>
    sql`SELECT value, clicks, unique_clicks, bot_clicks FROM click_rollups_hourly_dims c WHERE c.dimension = ${dimension} AND ${where("c", { ...s, from, to })}`;
  if (firstDay < endDay) {
    const d: RawBuilder<unknown>[] = [
      sql`c.dimension = ${dimension}`,
      sql`c.day >= ${firstDay.toISOString().slice(0, 10)}::date`,
      sql`c.day < ${endDay.toISOString().slice(0, 10)}::date`,
    ];
    if (s.partnerId) d.push(sql`c.partner_id = ${s.partnerId}::uuid`);
    if (s.serviceId) d.push(sql`c.service_id = ${s.serviceId}::uuid`);
    if (s.linkId) d.push(sql`c.link_id = ${s.linkId}::uuid`);
    parts.push(
      sql`SELECT value, clicks, unique_clicks, bot_clicks FROM click_rollups_daily_dims c WHERE ${sql.join(d, sql` AND `)}`,
    );
    if (s.from < firstDay) parts.push(hourly(s.from, firstDay));
    if (endDay < s.to) parts.push(hourly(endDay, s.to));
  } else {
    parts.push(hourly(s.from, s.to));
  }
  const { rows } = await sql<Record<string, unknown>>`
    SELECT value, sum(clicks)::bigint AS clicks, sum(unique_clicks)::bigint AS unique_clicks, sum(bot_clicks)::bigint AS bot_clicks
    FROM (${sql.join(parts, sql` UNION ALL `)}) u
    GROUP BY value ORDER BY 2 DESC, 1 LIMIT ${limit}`.execute(db);
  return rows.map(toBreakdownRow);
}

const toBreakdownRow = (r: Record<string, unknown>): BreakdownRow => ({
  value: String(r.value),
  clicks: int(r.clicks),
  unique_clicks: int(r.unique_clicks),
  bot_clicks: int(r.bot_clicks),
});

export type FunnelRow = Totals & {
  key: string | null;
  label: string | null;
  partner_id: string | null;
  service_id: string | null;
  audience: string | null;
};

/**
 * Clicks -> unique clicks -> registrations -> approved shops, overall or per partner, service or
 * link. Rollups are summed per group first, then labelled from the (small) entity tables.
 */
export async function analyticsFunnel(
  db: Executor,
  s: AnalyticsScope,
  groupBy: "none" | "partner" | "service" | "link",
  limit = 100,
): Promise<FunnelRow[]> {
  const key =
    groupBy === "none"
      ? sql`NULL::uuid`
      : sql.ref(groupBy === "partner" ? "partner_id" : groupBy === "service" ? "service_id" : "link_id");
  const { rows } = await sql<Record<string, unknown>>`
    WITH c AS (
      SELECT ${key} AS key, sum(clicks) AS clicks, sum(unique_clicks) AS unique_clicks, sum(bot_clicks) AS bot_clicks, sum(inactive_clicks) AS inactive_clicks
      FROM click_rollups_hourly c WHERE ${where("c", s)} GROUP BY 1
    ), v AS (
      SELECT ${key} AS key, sum(registrations) AS registrations, sum(approved_shops) AS approved_shops
      FROM conversion_rollups_hourly v WHERE ${where("v", s)} GROUP BY 1
    ), g AS (
      -- UNION ALL then GROUP BY: a FULL JOIN cannot match the NULL key of the ungrouped funnel.
      SELECT key, sum(clicks)::bigint AS clicks, sum(unique_clicks)::bigint AS unique_clicks, sum(bot_clicks)::bigint AS bot_clicks,
        sum(inactive_clicks)::bigint AS inactive_clicks, sum(registrations)::bigint AS registrations, sum(approved_shops)::bigint AS approved_shops
      FROM (
        SELECT key, clicks, unique_clicks, bot_clicks, inactive_clicks, 0 AS registrations, 0 AS approved_shops FROM c
        UNION ALL
        SELECT key, 0, 0, 0, 0, registrations, approved_shops FROM v
      ) u GROUP BY key
    )
    SELECT g.*, ${
      groupBy === "partner"
        ? sql`p.company_name AS label, p.id AS partner_id, NULL::uuid AS service_id, NULL AS audience FROM g LEFT JOIN partners p ON p.id = g.key`
        : groupBy === "service"
          ? sql`s.name AS label, s.partner_id, s.id AS service_id, NULL AS audience FROM g LEFT JOIN services s ON s.id = g.key`
          : groupBy === "link"
            ? sql`s.name || ' · ' || l.audience AS label, l.partner_id, l.service_id, l.audience FROM g LEFT JOIN referral_links l ON l.id = g.key LEFT JOIN services s ON s.id = l.service_id`
            : sql`NULL AS label, NULL::uuid AS partner_id, NULL::uuid AS service_id, NULL AS audience FROM g`
    }
    ORDER BY g.registrations DESC, g.clicks DESC, g.key
    LIMIT ${limit}
  `.execute(db);
  const out = rows.map((r) => ({
    key: r.key ? String(r.key) : null,
    label: r.label ? String(r.label) : null,
    partner_id: r.partner_id ? String(r.partner_id) : null,
    service_id: r.service_id ? String(r.service_id) : null,
    audience: r.audience ? String(r.audience) : null,
    ...totalsOf(r),
  }));
  if (groupBy === "none" && out.length === 0) {
    out.push({ key: null, label: null, partner_id: null, service_id: null, audience: null, ...totalsOf(undefined) });
  }
  return out;
}
