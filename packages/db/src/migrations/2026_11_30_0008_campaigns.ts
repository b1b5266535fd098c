import { type Kysely, sql } from "kysely";

// Frozen in time: never edit a migration that has shipped; add a new one.
// Campaign tags (DESIGN 3.10): the gateway records utm_source, utm_medium, utm_campaign and
// utm_content on the click; a credited conversion copies them from its click and is flagged
// wrong_link when the seller's type is not the link's audience.
// Campaign, source and medium become dimensions of the dims rollups, which now also count the
// conversions carrying them (registrations, approved_shops, wrong_link_registrations), so a
// campaign breakdown reads clicks and registrations from one table. To keep the rollups' size flat,
// each dimension holds at most CAMPAIGN_VALUES named values per link and UTC day: a value first seen
// after that is counted under "(other)". Untagged clicks and conversions write no campaign row (the
// reads derive "(none)" from the totals), so untagged traffic costs nothing more to record.
// campaign_values_daily counts the named values per link, day and dimension (the bound's counter).
export async function up(db: Kysely<unknown>): Promise<void> {
  // 0007_distributable put partner_id in the rollups' keys; the triggers' ON CONFLICT names it.
  const pk = ", partner_id";
  for (const statement of [...STATEMENTS, rollUpClicks(pk), rollUpConversions(pk)]) await sql.raw(statement).execute(db);
}

const CAMPAIGN_VALUES = 50;
const TAG_COLUMNS = ["utm_source", "utm_medium", "utm_campaign", "utm_content"];

/**
 * CTEs that name the tag values of `source` (a CTE with link_id, hour, utm_source, utm_medium,
 * utm_campaign) that go to "(other)": values not yet in the daily table for their link, day and
 * dimension, beyond the bound. New values of one statement are admitted in name order.
 */
const overflow = (source: string) => `
    tagged AS (
      SELECT DISTINCT s.link_id, s.partner_id, (s.hour AT TIME ZONE 'UTC')::date AS day, t.dimension, t.value
      FROM ${source} s
      CROSS JOIN LATERAL (VALUES ('campaign', s.utm_campaign), ('source', s.utm_source), ('medium', s.utm_medium)) AS t(dimension, value)
      WHERE t.value IS NOT NULL
    ), fresh AS (
      SELECT t.link_id, t.partner_id, t.day, t.dimension, t.value,
        row_number() OVER (PARTITION BY t.link_id, t.day, t.dimension ORDER BY t.value) AS n
      FROM tagged t
      WHERE NOT EXISTS (
        SELECT 1 FROM click_rollups_daily_dims r
        WHERE r.link_id = t.link_id AND r.day = t.day AND r.dimension = t.dimension AND r.value = t.value
      )
    ), existing AS MATERIALIZED (
      -- One primary-key lookup per link, day and dimension in the batch: the named values so far.
      SELECT k.link_id, k.partner_id, k.day, k.dimension, coalesce(c.named, 0) AS named
      FROM (SELECT DISTINCT link_id, partner_id, day, dimension FROM fresh) k
      LEFT JOIN campaign_values_daily c ON c.link_id = k.link_id AND c.day = k.day AND c.dimension = k.dimension
    ), overflow AS MATERIALIZED (
      SELECT f.link_id, f.day, f.dimension, f.value
      FROM fresh f JOIN existing e ON e.link_id = f.link_id AND e.day = f.day AND e.dimension = f.dimension
      WHERE f.n + e.named > ${CAMPAIGN_VALUES}
    ), admitted AS (
      -- Runs whether or not it is read (a data-modifying CTE always does).
      INSERT INTO campaign_values_daily AS c (link_id, day, dimension, partner_id, named)
      SELECT f.link_id, f.day, f.dimension, f.partner_id, count(*)
      FROM fresh f JOIN existing e ON e.link_id = f.link_id AND e.day = f.day AND e.dimension = f.dimension
      WHERE f.n + e.named <= ${CAMPAIGN_VALUES}
      GROUP BY f.link_id, f.day, f.dimension, f.partner_id
      ON CONFLICT (link_id, day, dimension, partner_id) DO UPDATE SET named = c.named + excluded.named
    )`;

/** A dims row's value for a tag: "(other)" when overflow names it. */
const bounded = (alias: string) => `CASE WHEN o.value IS NULL THEN ${alias}.value ELSE '(other)' END`;
const overflowJoin = (s: string, d: string) =>
  `LEFT JOIN overflow o ON o.link_id = ${s}.link_id AND o.day = (${s}.hour AT TIME ZONE 'UTC')::date
      AND o.dimension = ${d}.dimension AND o.value = ${d}.value`;

const rollUpClicks = (pk: string) => `
CREATE OR REPLACE FUNCTION roll_up_clicks() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    WITH g AS (
      SELECT link_id, date_trunc('hour', clicked_at) AS hour, partner_id, service_id, audience,
        country, device, browser, os, referrer_host, utm_source, utm_medium, utm_campaign,
        count(*) FILTER (WHERE NOT is_bot AND link_active) AS clicks,
        count(*) FILTER (WHERE NOT is_bot AND link_active AND is_unique) AS unique_clicks,
        count(*) FILTER (WHERE is_bot) AS bot_clicks,
        count(*) FILTER (WHERE NOT is_bot AND NOT link_active) AS inactive_clicks
      FROM new_clicks
      GROUP BY link_id, date_trunc('hour', clicked_at), partner_id, service_id, audience, country, device, browser, os, referrer_host,
        utm_source, utm_medium, utm_campaign
    ), hourly AS (
      INSERT INTO click_rollups_hourly AS r (link_id, hour, partner_id, service_id, audience, clicks, unique_clicks, bot_clicks, inactive_clicks)
      SELECT link_id, hour, partner_id, service_id, audience, sum(clicks), sum(unique_clicks), sum(bot_clicks), sum(inactive_clicks)
      FROM g GROUP BY link_id, hour, partner_id, service_id, audience
      ON CONFLICT (link_id, hour${pk}) DO UPDATE SET
        clicks = r.clicks + excluded.clicks,
        unique_clicks = r.unique_clicks + excluded.unique_clicks,
        bot_clicks = r.bot_clicks + excluded.bot_clicks,
        inactive_clicks = r.inactive_clicks + excluded.inactive_clicks
    ), ${overflow("g")}, d AS (
      SELECT g.link_id, g.hour, d.dimension, ${bounded("d")} AS value, g.partner_id, g.service_id,
        sum(g.clicks) AS clicks, sum(g.unique_clicks) AS unique_clicks, sum(g.bot_clicks) AS bot_clicks
      FROM g
      CROSS JOIN LATERAL (VALUES
        ('country', coalesce(g.country, 'unknown')),
        ('device', coalesce(g.device, 'unknown')),
        ('browser', coalesce(g.browser, 'unknown')),
        ('os', coalesce(g.os, 'unknown')),
        ('referrer', coalesce(g.referrer_host, 'direct')),
        ('campaign', g.utm_campaign),
        ('source', g.utm_source),
        ('medium', g.utm_medium)
      ) AS d(dimension, value)
      ${overflowJoin("g", "d")}
      WHERE d.value IS NOT NULL
      GROUP BY g.link_id, g.hour, d.dimension, 4, g.partner_id, g.service_id
    ), hourly_dims AS (
      INSERT INTO click_rollups_hourly_dims AS r (link_id, hour, dimension, value, partner_id, service_id, clicks, unique_clicks, bot_clicks)
      SELECT link_id, hour, dimension, value, partner_id, service_id, clicks, unique_clicks, bot_clicks FROM d
      ON CONFLICT (link_id, hour, dimension, value${pk}) DO UPDATE SET
        clicks = r.clicks + excluded.clicks,
        unique_clicks = r.unique_clicks + excluded.unique_clicks,
        bot_clicks = r.bot_clicks + excluded.bot_clicks
    )
    INSERT INTO click_rollups_daily_dims AS r (link_id, day, dimension, value, partner_id, service_id, clicks, unique_clicks, bot_clicks)
    SELECT link_id, (hour AT TIME ZONE 'UTC')::date, dimension, value, partner_id, service_id, sum(clicks), sum(unique_clicks), sum(bot_clicks)
    FROM d
    GROUP BY link_id, (hour AT TIME ZONE 'UTC')::date, dimension, value, partner_id, service_id
    ON CONFLICT (link_id, day, dimension, value${pk}) DO UPDATE SET
      clicks = r.clicks + excluded.clicks,
      unique_clicks = r.unique_clicks + excluded.unique_clicks,
      bot_clicks = r.bot_clicks + excluded.bot_clicks;
    RETURN NULL;
  END
$fn$`;

const rollUpConversions = (pk: string) => `
CREATE OR REPLACE FUNCTION roll_up_conversions() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    INSERT INTO conversion_rollups_hourly AS r (link_id, hour, partner_id, service_id, registrations, approved_shops, wrong_link_registrations)
    SELECT link_id, date_trunc('hour', occurred_at), partner_id, service_id,
      count(*) FILTER (WHERE event_type = 'seller.registered'),
      count(*) FILTER (WHERE event_type = 'shop.approved'),
      count(*) FILTER (WHERE event_type = 'seller.registered' AND wrong_link)
    FROM new_conversions
    WHERE partner_id IS NOT NULL AND link_id IS NOT NULL
    GROUP BY link_id, date_trunc('hour', occurred_at), partner_id, service_id
    ON CONFLICT (link_id, hour${pk}) DO UPDATE SET
      registrations = r.registrations + excluded.registrations,
      approved_shops = r.approved_shops + excluded.approved_shops,
      wrong_link_registrations = r.wrong_link_registrations + excluded.wrong_link_registrations;

    WITH g AS (
      SELECT link_id, date_trunc('hour', occurred_at) AS hour, partner_id, service_id, utm_source, utm_medium, utm_campaign,
        count(*) FILTER (WHERE event_type = 'seller.registered') AS registrations,
        count(*) FILTER (WHERE event_type = 'shop.approved') AS approved_shops,
        count(*) FILTER (WHERE event_type = 'seller.registered' AND wrong_link) AS wrong_link_registrations
      FROM new_conversions
      WHERE partner_id IS NOT NULL AND link_id IS NOT NULL
        AND (utm_source IS NOT NULL OR utm_medium IS NOT NULL OR utm_campaign IS NOT NULL)
      GROUP BY link_id, date_trunc('hour', occurred_at), partner_id, service_id, utm_source, utm_medium, utm_campaign
    ), ${overflow("g")}, d AS (
      SELECT g.link_id, g.hour, d.dimension, ${bounded("d")} AS value, g.partner_id, g.service_id,
        sum(g.registrations) AS registrations, sum(g.approved_shops) AS approved_shops,
        sum(g.wrong_link_registrations) AS wrong_link_registrations
      FROM g
      CROSS JOIN LATERAL (VALUES ('campaign', g.utm_campaign), ('source', g.utm_source), ('medium', g.utm_medium)) AS d(dimension, value)
      ${overflowJoin("g", "d")}
      WHERE d.value IS NOT NULL
      GROUP BY g.link_id, g.hour, d.dimension, 4, g.partner_id, g.service_id
    ), hourly_dims AS (
      INSERT INTO click_rollups_hourly_dims AS r (link_id, hour, dimension, value, partner_id, service_id, registrations, approved_shops, wrong_link_registrations)
      SELECT link_id, hour, dimension, value, partner_id, service_id, registrations, approved_shops, wrong_link_registrations FROM d
      ON CONFLICT (link_id, hour, dimension, value${pk}) DO UPDATE SET
        registrations = r.registrations + excluded.registrations,
        approved_shops = r.approved_shops + excluded.approved_shops,
        wrong_link_registrations = r.wrong_link_registrations + excluded.wrong_link_registrations
    )
    INSERT INTO click_rollups_daily_dims AS r (link_id, day, dimension, value, partner_id, service_id, registrations, approved_shops, wrong_link_registrations)
    SELECT link_id, (hour AT TIME ZONE 'UTC')::date, dimension, value, partner_id, service_id,
      sum(registrations), sum(approved_shops), sum(wrong_link_registrations)
    FROM d
    GROUP BY link_id, (hour AT TIME ZONE 'UTC')::date, dimension, value, partner_id, service_id
    ON CONFLICT (link_id, day, dimension, value${pk}) DO UPDATE SET
      registrations = r.registrations + excluded.registrations,
      approved_shops = r.approved_shops + excluded.approved_shops,
      wrong_link_registrations = r.wrong_link_registrations + excluded.wrong_link_registrations;
    RETURN NULL;
  END
$fn$`;

const STATEMENTS = [
  // Nullable columns without a default: adding them rewrites nothing, even on a big clicks table.
  `ALTER TABLE clicks ${TAG_COLUMNS.map((c) => `ADD COLUMN ${c} text`).join(", ")}`,
  `ALTER TABLE conversions ${TAG_COLUMNS.map((c) => `ADD COLUMN ${c} text`).join(", ")}, ADD COLUMN wrong_link boolean`,
  `ALTER TABLE conversion_rollups_hourly ADD COLUMN wrong_link_registrations integer NOT NULL DEFAULT 0`,
  ...["click_rollups_hourly_dims", "click_rollups_daily_dims"].map(
    (t) => `ALTER TABLE ${t} ADD COLUMN registrations integer NOT NULL DEFAULT 0,
      ADD COLUMN approved_shops integer NOT NULL DEFAULT 0,
      ADD COLUMN wrong_link_registrations integer NOT NULL DEFAULT 0`,
  ),
  // How many named campaign, source and medium values each link has on each UTC day (the bound's counter).
  `CREATE TABLE campaign_values_daily (
    link_id uuid NOT NULL,
    day date NOT NULL,
    dimension text NOT NULL,
    partner_id uuid NOT NULL,
    named integer NOT NULL,
    PRIMARY KEY (link_id, day, dimension, partner_id)
  )`,
];
