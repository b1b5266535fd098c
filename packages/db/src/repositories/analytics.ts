import { BREAKDOWN_DIMENSIONS, type BreakdownDimension, CAMPAIGN_DIMENSIONS, type FunnelGroup } from "@shopreg/domain";
import { type RawBuilder, sql } from "kysely";
import type { Executor } from "../schema.ts";

/** What an analytics query covers: a time range [from, to) and optionally one partner, service or link. */
export type AnalyticsScope = {
  from: Date;
  to: Date;
  partnerId?: string | undefined;
  serviceId?: string | undefined;
  linkId?: string | undefined;
  /** Only clicks and conversions carrying this utm_campaign (timeseries). */
  campaign?: string | undefined;
};

export type Totals = {
  clicks: number;
  unique_clicks: number;
  bot_clicks: number;
  inactive_clicks: number;
  registrations: number;
  approved_shops: number;
  /** Registrations of a seller whose type is not the audience of the link (docs/architecture.md, "Campaign tags"). */
  wrong_link_registrations: number;
};
export type Bucket = Totals & { bucket_start: Date };
// The dimensions are a domain rule (the API and both web apps read them there).
export { BREAKDOWN_DIMENSIONS, type BreakdownDimension };
/** At most this many named values of a campaign dimension per link and UTC day; later ones count as OTHER_VALUE. */
export const CAMPAIGN_VALUES_PER_LINK_DAY = 50;
export const OTHER_VALUE = "(other)";
/** Clicks and conversions without the tag. */
export const NONE_VALUE = "(none)";
const isCampaignDimension = (d: BreakdownDimension): d is (typeof CAMPAIGN_DIMENSIONS)[number] =>
  (CAMPAIGN_DIMENSIONS as readonly string[]).includes(d);

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

// A campaign filter reads the campaign rows of the dims rollups, which hold clicks and conversions
// alike (no inactive clicks: those are not kept by campaign).
const campaignRows = (campaign: string) =>
  sql`(SELECT * FROM click_rollups_hourly_dims WHERE dimension = 'campaign' AND value = ${campaign})`;
const clickSource = (s: AnalyticsScope) => (s.campaign === undefined ? sql`click_rollups_hourly` : campaignRows(s.campaign));
const conversionSource = (s: AnalyticsScope) =>
  s.campaign === undefined ? sql`conversion_rollups_hourly` : campaignRows(s.campaign);

const int = (v: unknown) => Number(v ?? 0);
const totalsOf = (r: Record<string, unknown> | undefined): Totals => ({
  clicks: int(r?.clicks),
  unique_clicks: int(r?.unique_clicks),
  bot_clicks: int(r?.bot_clicks),
  inactive_clicks: int(r?.inactive_clicks),
  registrations: int(r?.registrations),
  approved_shops: int(r?.approved_shops),
  wrong_link_registrations: int(r?.wrong_link_registrations),
});

export async function analyticsTotals(db: Executor, s: AnalyticsScope): Promise<Totals> {
  // One pass over each rollup (a subquery per figure read the same rows seven times).
  const { rows } = await sql<Record<string, unknown>>`
    SELECT c.*, v.* FROM
      (SELECT coalesce(sum(clicks), 0)::bigint AS clicks, coalesce(sum(unique_clicks), 0)::bigint AS unique_clicks,
        coalesce(sum(bot_clicks), 0)::bigint AS bot_clicks, coalesce(sum(inactive_clicks), 0)::bigint AS inactive_clicks
        FROM click_rollups_hourly c WHERE ${where("c", s)}) c
    CROSS JOIN
      (SELECT coalesce(sum(registrations), 0)::bigint AS registrations, coalesce(sum(approved_shops), 0)::bigint AS approved_shops,
        coalesce(sum(wrong_link_registrations), 0)::bigint AS wrong_link_registrations
        FROM conversion_rollups_hourly v WHERE ${where("v", s)}) v
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
        sum(clicks) AS clicks, sum(unique_clicks) AS unique_clicks, sum(bot_clicks) AS bot_clicks, ${
          s.campaign === undefined ? sql`sum(inactive_clicks)` : sql`0`
        } AS inactive_clicks
      FROM ${clickSource(s)} c WHERE ${where("c", s)} GROUP BY 1
    ), v AS (
      SELECT date_trunc(${interval}::text, v.hour AT TIME ZONE ${timeZone}::text) AS local_bucket,
        sum(registrations) AS registrations, sum(approved_shops) AS approved_shops, sum(wrong_link_registrations) AS wrong_link_registrations
      FROM ${conversionSource(s)} v WHERE ${where("v", s)} GROUP BY 1
    )
    SELECT b.local_bucket AT TIME ZONE ${timeZone}::text AS bucket_start,
      coalesce(c.clicks, 0)::bigint AS clicks, coalesce(c.unique_clicks, 0)::bigint AS unique_clicks,
      coalesce(c.bot_clicks, 0)::bigint AS bot_clicks, coalesce(c.inactive_clicks, 0)::bigint AS inactive_clicks,
      coalesce(v.registrations, 0)::bigint AS registrations, coalesce(v.approved_shops, 0)::bigint AS approved_shops,
      coalesce(v.wrong_link_registrations, 0)::bigint AS wrong_link_registrations
    FROM buckets b LEFT JOIN c USING (local_bucket) LEFT JOIN v USING (local_bucket)
    ORDER BY b.local_bucket
  `.execute(db);
  return rows.map((r) => ({ bucket_start: new Date(r.bucket_start as Date), ...totalsOf(r) }));
}

export type BreakdownRow = {
  value: string;
  clicks: number;
  unique_clicks: number;
  bot_clicks: number;
  /** Counted for the campaign dimensions only (conversions carry no country or device); null for the others. */
  registrations: number | null;
  approved_shops: number | null;
  wrong_link_registrations: number | null;
};

const DAY_MS = 86_400_000;

/**
 * Whole UTC days come from the daily table and the partial days at either end from the hourly
 * one, so the answer is exact for any range and a long range reads days, not hours. Campaign
 * dimensions add the conversions kept beside the clicks, and a NONE_VALUE row (the totals minus
 * every tagged value) for what came untagged.
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
    return rows.map((r) => toBreakdownRow(r, false));
  }
  const tagged = isCampaignDimension(dimension);
  const cols = sql.raw(
    tagged
      ? "value, clicks, unique_clicks, bot_clicks, registrations, approved_shops, wrong_link_registrations"
      : "value, clicks, unique_clicks, bot_clicks, 0 AS registrations, 0 AS approved_shops, 0 AS wrong_link_registrations",
  );
  const firstDay = new Date(Math.ceil(s.from.getTime() / DAY_MS) * DAY_MS);
  const endDay = new Date(Math.floor(s.to.getTime() / DAY_MS) * DAY_MS);
  const parts: RawBuilder<unknown>[] = [];
  const hourly = (from: Date, to: Date) =>
    sql`SELECT ${cols} FROM click_rollups_hourly_dims c WHERE c.dimension = ${dimension} AND ${where("c", { ...s, from, to })}`;
  if (firstDay < endDay) {
    const d: RawBuilder<unknown>[] = [
      sql`c.dimension = ${dimension}`,
      sql`c.day >= ${firstDay.toISOString().slice(0, 10)}::date`,
      sql`c.day < ${endDay.toISOString().slice(0, 10)}::date`,
    ];
    if (s.partnerId) d.push(sql`c.partner_id = ${s.partnerId}::uuid`);
    if (s.serviceId) d.push(sql`c.service_id = ${s.serviceId}::uuid`);
    if (s.linkId) d.push(sql`c.link_id = ${s.linkId}::uuid`);
    parts.push(sql`SELECT ${cols} FROM click_rollups_daily_dims c WHERE ${sql.join(d, sql` AND `)}`);
    if (s.from < firstDay) parts.push(hourly(s.from, firstDay));
    if (endDay < s.to) parts.push(hourly(endDay, s.to));
  } else {
    parts.push(hourly(s.from, s.to));
  }
  const { rows } = await sql<Record<string, unknown>>`
    SELECT value, sum(clicks)::bigint AS clicks, sum(unique_clicks)::bigint AS unique_clicks, sum(bot_clicks)::bigint AS bot_clicks,
      sum(registrations)::bigint AS registrations, sum(approved_shops)::bigint AS approved_shops,
      sum(wrong_link_registrations)::bigint AS wrong_link_registrations,
      sum(sum(clicks)) OVER () AS all_clicks, sum(sum(unique_clicks)) OVER () AS all_unique_clicks,
      sum(sum(bot_clicks)) OVER () AS all_bot_clicks, sum(sum(registrations)) OVER () AS all_registrations,
      sum(sum(approved_shops)) OVER () AS all_approved_shops, sum(sum(wrong_link_registrations)) OVER () AS all_wrong_link_registrations
    FROM (${sql.join(parts, sql` UNION ALL `)}) u
    GROUP BY value ORDER BY 2 DESC, 1 LIMIT ${limit}`.execute(db);
  const out = rows.map((r) => toBreakdownRow(r, tagged));
  if (!tagged) return out;
  // What came without the tag: everything the totals count that no tagged row does.
  const totals = await analyticsTotals(db, { ...s, campaign: undefined });
  const first = rows[0];
  const none: BreakdownRow = {
    value: NONE_VALUE,
    clicks: totals.clicks - int(first?.all_clicks),
    unique_clicks: totals.unique_clicks - int(first?.all_unique_clicks),
    bot_clicks: totals.bot_clicks - int(first?.all_bot_clicks),
    registrations: totals.registrations - int(first?.all_registrations),
    approved_shops: totals.approved_shops - int(first?.all_approved_shops),
    wrong_link_registrations: totals.wrong_link_registrations - int(first?.all_wrong_link_registrations),
  };
  if (none.clicks + none.bot_clicks + (none.registrations ?? 0) + (none.approved_shops ?? 0) > 0) out.push(none);
  out.sort((a, b) => b.clicks - a.clicks || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return out.slice(0, limit);
}

const toBreakdownRow = (r: Record<string, unknown>, withConversions: boolean): BreakdownRow => ({
  value: String(r.value),
  clicks: int(r.clicks),
  unique_clicks: int(r.unique_clicks),
  bot_clicks: int(r.bot_clicks),
  registrations: withConversions ? int(r.registrations) : null,
  approved_shops: withConversions ? int(r.approved_shops) : null,
  wrong_link_registrations: withConversions ? int(r.wrong_link_registrations) : null,
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
// The groupings are the domain's (packages/domain/src/analytics.ts); re-exported for the API's callers.
export { FUNNEL_GROUPS, type FunnelGroup } from "@shopreg/domain";

export async function analyticsFunnel(db: Executor, s: AnalyticsScope, groupBy: FunnelGroup, limit = 100): Promise<FunnelRow[]> {
  if (groupBy === "campaign") return campaignFunnel(db, s, limit);
  const key =
    groupBy === "none"
      ? sql`NULL::uuid`
      : groupBy === "audience"
        ? sql`c.audience`
        : sql.ref(groupBy === "partner" ? "partner_id" : groupBy === "service" ? "service_id" : "link_id");
  // Conversion rollups do not keep the audience: the link (a small table) gives it.
  const conversionKey = groupBy === "audience" ? sql`l.audience` : key;
  const conversionJoin = groupBy === "audience" ? sql`JOIN referral_links l ON l.id = v.link_id` : sql``;
  const { rows } = await sql<Record<string, unknown>>`
    WITH c AS (
      SELECT ${key} AS key, sum(clicks) AS clicks, sum(unique_clicks) AS unique_clicks, sum(bot_clicks) AS bot_clicks, sum(inactive_clicks) AS inactive_clicks
      FROM click_rollups_hourly c WHERE ${where("c", s)} GROUP BY 1
    ), v AS (
      SELECT ${conversionKey} AS key, sum(registrations) AS registrations, sum(approved_shops) AS approved_shops,
        sum(wrong_link_registrations) AS wrong_link_registrations
      FROM conversion_rollups_hourly v ${conversionJoin} WHERE ${where("v", s)} GROUP BY 1
    ), g AS (
      -- UNION ALL then GROUP BY: a FULL JOIN cannot match the NULL key of the ungrouped funnel.
      SELECT key, sum(clicks)::bigint AS clicks, sum(unique_clicks)::bigint AS unique_clicks, sum(bot_clicks)::bigint AS bot_clicks,
        sum(inactive_clicks)::bigint AS inactive_clicks, sum(registrations)::bigint AS registrations, sum(approved_shops)::bigint AS approved_shops,
        sum(wrong_link_registrations)::bigint AS wrong_link_registrations
      FROM (
        SELECT key::text AS key, clicks, unique_clicks, bot_clicks, inactive_clicks, 0 AS registrations, 0 AS approved_shops, 0 AS wrong_link_registrations FROM c
        UNION ALL
        SELECT key::text, 0, 0, 0, 0, registrations, approved_shops, wrong_link_registrations FROM v
      ) u GROUP BY key
    )
    SELECT g.*, ${
      groupBy === "partner"
        ? sql`p.company_name AS label, p.id AS partner_id, NULL::uuid AS service_id, NULL AS audience FROM g LEFT JOIN partners p ON p.id = g.key::uuid`
        : groupBy === "service"
          ? sql`s.name AS label, s.partner_id, s.id AS service_id, NULL AS audience FROM g LEFT JOIN services s ON s.id = g.key::uuid`
          : groupBy === "link"
            ? sql`s.name || ' · ' || l.audience AS label, l.partner_id, l.service_id, l.audience FROM g LEFT JOIN referral_links l ON l.id = g.key::uuid LEFT JOIN services s ON s.id = l.service_id`
            : groupBy === "audience"
              ? sql`g.key AS label, NULL::uuid AS partner_id, NULL::uuid AS service_id, g.key AS audience FROM g`
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

/**
 * The funnel per utm_campaign, from the campaign rows of the dims rollups (bounded per link and
 * day: see CAMPAIGN_VALUES_PER_LINK_DAY). Inactive clicks are not kept by campaign: 0 here.
 */
async function campaignFunnel(db: Executor, s: AnalyticsScope, limit: number): Promise<FunnelRow[]> {
  const rows = await analyticsBreakdown(db, s, "campaign", 10_000);
  return rows
    .map((r) => ({
      key: r.value,
      label: r.value,
      partner_id: null,
      service_id: null,
      audience: null,
      clicks: r.clicks,
      unique_clicks: r.unique_clicks,
      bot_clicks: r.bot_clicks,
      inactive_clicks: 0,
      registrations: r.registrations ?? 0,
      approved_shops: r.approved_shops ?? 0,
      wrong_link_registrations: r.wrong_link_registrations ?? 0,
    }))
    .sort((a, b) => b.registrations - a.registrations || b.clicks - a.clicks || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, limit);
}

export type ReferralQuality = {
  partner_id: string;
  /** Credited registrations in the range. */
  registrations: number;
  /** Of those sellers, how many shops were approved (so far). */
  approved_shops: number;
  approval_rate: number | null;
  wrong_link_registrations: number;
  wrong_link_rate: number | null;
  /** Every GET of the partner's links in the range: clicks, clicks on Off links and bots. */
  total_clicks: number;
  bot_clicks: number;
  bot_click_share: number | null;
};

const ratio = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10_000) / 10_000 : null);

/**
 * What a reviewer weighs about partners' referred sellers over [from, to): registrations, the
 * share of their shops approved, the share that came through the wrong link, and the share of bot
 * clicks. Registrations are read from the conversions (one row per seller, indexed by partner);
 * clicks from the hourly rollups. One row per partner id asked, zeros included.
 */
export async function referralQuality(
  db: Executor,
  partnerIds: readonly string[],
  from: Date,
  to: Date,
): Promise<ReferralQuality[]> {
  if (partnerIds.length === 0) return [];
  const ids = sql.join(partnerIds.map((id) => sql`${id}::uuid`));
  const { rows } = await sql<Record<string, unknown>>`
    WITH r AS (
      SELECT r.partner_id, count(*) AS registrations, count(a.id) AS approved_shops,
        count(*) FILTER (WHERE r.wrong_link) AS wrong_link_registrations
      FROM conversions r
      LEFT JOIN conversions a ON a.seller_id = r.seller_id AND a.event_type = 'shop.approved'
      WHERE r.event_type = 'seller.registered' AND r.partner_id IN (${ids})
        AND r.occurred_at >= ${from} AND r.occurred_at < ${to}
      GROUP BY r.partner_id
    ), c AS (
      SELECT partner_id, sum(clicks + inactive_clicks + bot_clicks) AS total_clicks, sum(bot_clicks) AS bot_clicks
      FROM click_rollups_hourly
      WHERE partner_id IN (${ids}) AND hour >= ${from} AND hour < ${to}
      GROUP BY partner_id
    )
    SELECT p.id AS partner_id, r.registrations, r.approved_shops, r.wrong_link_registrations, c.total_clicks, c.bot_clicks
    FROM (VALUES ${sql.join(partnerIds.map((id) => sql`(${id}::uuid)`))}) AS p(id)
    LEFT JOIN r ON r.partner_id = p.id LEFT JOIN c ON c.partner_id = p.id`.execute(db);
  return rows.map((row) => {
    const q = {
      registrations: int(row.registrations),
      approved_shops: int(row.approved_shops),
      wrong_link_registrations: int(row.wrong_link_registrations),
      total_clicks: int(row.total_clicks),
      bot_clicks: int(row.bot_clicks),
    };
    return {
      partner_id: String(row.partner_id),
      ...q,
      approval_rate: ratio(q.approved_shops, q.registrations),
      wrong_link_rate: ratio(q.wrong_link_registrations, q.registrations),
      bot_click_share: ratio(q.bot_clicks, q.total_clicks),
    };
  });
}
