import { type Kysely, sql } from "kysely";

// Frozen in time: never edit a migration that has shipped; add a new one.
// Every traffic table's primary key includes partner_id, so the tables can be distributed by it
// (Citus, docs/growth.md): a distributed table's unique constraints must contain its distribution
// column. partner_id goes last, so every lookup that used a key's leading columns still does.
// A click's partner_id comes from its link, so a replayed click has the same key: still exactly once.
// The rollup triggers name the new keys in ON CONFLICT. On a large clicks table, adding the key
// rebuilds the index on every monthly partition: run it in a maintenance window.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

const STATEMENTS = [
  `ALTER TABLE clicks DROP CONSTRAINT clicks_pkey`,
  `ALTER TABLE clicks ADD CONSTRAINT clicks_pkey PRIMARY KEY (id, clicked_at, partner_id)`,
  `ALTER TABLE click_rollups_hourly DROP CONSTRAINT click_rollups_hourly_pkey`,
  `ALTER TABLE click_rollups_hourly ADD CONSTRAINT click_rollups_hourly_pkey PRIMARY KEY (link_id, hour, partner_id)`,
  `ALTER TABLE click_rollups_hourly_dims DROP CONSTRAINT click_rollups_hourly_dims_pkey`,
  `ALTER TABLE click_rollups_hourly_dims ADD CONSTRAINT click_rollups_hourly_dims_pkey
    PRIMARY KEY (link_id, hour, dimension, value, partner_id)`,
  `ALTER TABLE click_rollups_daily_dims DROP CONSTRAINT click_rollups_daily_dims_pkey`,
  `ALTER TABLE click_rollups_daily_dims ADD CONSTRAINT click_rollups_daily_dims_pkey
    PRIMARY KEY (link_id, day, dimension, value, partner_id)`,
  `ALTER TABLE conversion_rollups_hourly DROP CONSTRAINT conversion_rollups_hourly_pkey`,
  `ALTER TABLE conversion_rollups_hourly ADD CONSTRAINT conversion_rollups_hourly_pkey PRIMARY KEY (link_id, hour, partner_id)`,
  `CREATE OR REPLACE FUNCTION roll_up_clicks() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    WITH g AS (
      SELECT link_id, date_trunc('hour', clicked_at) AS hour, partner_id, service_id, audience,
        country, device, browser, os, referrer_host,
        count(*) FILTER (WHERE NOT is_bot AND link_active) AS clicks,
        count(*) FILTER (WHERE NOT is_bot AND link_active AND is_unique) AS unique_clicks,
        count(*) FILTER (WHERE is_bot) AS bot_clicks,
        count(*) FILTER (WHERE NOT is_bot AND NOT link_active) AS inactive_clicks
      FROM new_clicks
      GROUP BY link_id, date_trunc('hour', clicked_at), partner_id, service_id, audience, country, device, browser, os, referrer_host
    ), hourly AS (
      INSERT INTO click_rollups_hourly AS r (link_id, hour, partner_id, service_id, audience, clicks, unique_clicks, bot_clicks, inactive_clicks)
      SELECT link_id, hour, partner_id, service_id, audience, sum(clicks), sum(unique_clicks), sum(bot_clicks), sum(inactive_clicks)
      FROM g GROUP BY link_id, hour, partner_id, service_id, audience
      ON CONFLICT (link_id, hour, partner_id) DO UPDATE SET
        clicks = r.clicks + excluded.clicks,
        unique_clicks = r.unique_clicks + excluded.unique_clicks,
        bot_clicks = r.bot_clicks + excluded.bot_clicks,
        inactive_clicks = r.inactive_clicks + excluded.inactive_clicks
    ), d AS (
      SELECT link_id, hour, d.dimension, d.value, partner_id, service_id,
        sum(clicks) AS clicks, sum(unique_clicks) AS unique_clicks, sum(bot_clicks) AS bot_clicks
      FROM g
      CROSS JOIN LATERAL (VALUES
        ('country', coalesce(country, 'unknown')),
        ('device', coalesce(device, 'unknown')),
        ('browser', coalesce(browser, 'unknown')),
        ('os', coalesce(os, 'unknown')),
        ('referrer', coalesce(referrer_host, 'direct'))
      ) AS d(dimension, value)
      GROUP BY link_id, hour, d.dimension, d.value, partner_id, service_id
    ), hourly_dims AS (
      INSERT INTO click_rollups_hourly_dims AS r (link_id, hour, dimension, value, partner_id, service_id, clicks, unique_clicks, bot_clicks)
      SELECT link_id, hour, dimension, value, partner_id, service_id, clicks, unique_clicks, bot_clicks FROM d
      ON CONFLICT (link_id, hour, dimension, value, partner_id) DO UPDATE SET
        clicks = r.clicks + excluded.clicks,
        unique_clicks = r.unique_clicks + excluded.unique_clicks,
        bot_clicks = r.bot_clicks + excluded.bot_clicks
    )
    INSERT INTO click_rollups_daily_dims AS r (link_id, day, dimension, value, partner_id, service_id, clicks, unique_clicks, bot_clicks)
    SELECT link_id, (hour AT TIME ZONE 'UTC')::date, dimension, value, partner_id, service_id, sum(clicks), sum(unique_clicks), sum(bot_clicks)
    FROM d
    GROUP BY link_id, (hour AT TIME ZONE 'UTC')::date, dimension, value, partner_id, service_id
    ON CONFLICT (link_id, day, dimension, value, partner_id) DO UPDATE SET
      clicks = r.clicks + excluded.clicks,
      unique_clicks = r.unique_clicks + excluded.unique_clicks,
      bot_clicks = r.bot_clicks + excluded.bot_clicks;
    RETURN NULL;
  END
$fn$`,
  `CREATE OR REPLACE FUNCTION roll_up_conversions() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    INSERT INTO conversion_rollups_hourly AS r (link_id, hour, partner_id, service_id, registrations, approved_shops)
    SELECT link_id, date_trunc('hour', occurred_at), partner_id, service_id,
      count(*) FILTER (WHERE event_type = 'seller.registered'),
      count(*) FILTER (WHERE event_type = 'shop.approved')
    FROM new_conversions
    WHERE partner_id IS NOT NULL AND link_id IS NOT NULL
    GROUP BY link_id, date_trunc('hour', occurred_at), partner_id, service_id
    ON CONFLICT (link_id, hour, partner_id) DO UPDATE SET
      registrations = r.registrations + excluded.registrations,
      approved_shops = r.approved_shops + excluded.approved_shops;
    RETURN NULL;
  END
  $fn$`,
];
