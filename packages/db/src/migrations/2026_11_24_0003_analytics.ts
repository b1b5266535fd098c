import { type Kysely, sql } from "kysely";

// Frozen in time: never edit a migration that has shipped; add a new one.
// Analytics read hourly rollups, kept current by triggers in the same transaction as the raw rows,
// so a query's cost grows with the time range and the number of links, never with the clicks.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

const STATEMENTS = [
  `CREATE TABLE click_rollups_hourly (
    link_id uuid NOT NULL,
    hour timestamptz NOT NULL,
    partner_id uuid NOT NULL,
    service_id uuid NOT NULL,
    audience text NOT NULL,
    clicks integer NOT NULL DEFAULT 0,
    unique_clicks integer NOT NULL DEFAULT 0,
    bot_clicks integer NOT NULL DEFAULT 0,
    inactive_clicks integer NOT NULL DEFAULT 0,
    PRIMARY KEY (link_id, hour)
  )`,
  `CREATE INDEX click_rollups_hourly_partner ON click_rollups_hourly (partner_id, hour)`,
  `CREATE INDEX click_rollups_hourly_hour ON click_rollups_hourly (hour)`,
  `CREATE TABLE click_rollups_hourly_dims (
    link_id uuid NOT NULL,
    hour timestamptz NOT NULL,
    dimension text NOT NULL,
    value text NOT NULL,
    partner_id uuid NOT NULL,
    service_id uuid NOT NULL,
    clicks integer NOT NULL DEFAULT 0,
    unique_clicks integer NOT NULL DEFAULT 0,
    bot_clicks integer NOT NULL DEFAULT 0,
    PRIMARY KEY (link_id, hour, dimension, value)
  )`,
  `CREATE INDEX click_rollups_hourly_dims_partner ON click_rollups_hourly_dims (partner_id, dimension, hour)`,
  `CREATE INDEX click_rollups_hourly_dims_hour ON click_rollups_hourly_dims (dimension, hour)`,
  // Breakdowns over whole UTC days read this one: its size stops growing once every value has
  // appeared on a day, so a 90-day breakdown costs the same at a million clicks or ten million.
  `CREATE TABLE click_rollups_daily_dims (
    link_id uuid NOT NULL,
    day date NOT NULL,
    dimension text NOT NULL,
    value text NOT NULL,
    partner_id uuid NOT NULL,
    service_id uuid NOT NULL,
    clicks integer NOT NULL DEFAULT 0,
    unique_clicks integer NOT NULL DEFAULT 0,
    bot_clicks integer NOT NULL DEFAULT 0,
    PRIMARY KEY (link_id, day, dimension, value)
  )`,
  `CREATE INDEX click_rollups_daily_dims_partner ON click_rollups_daily_dims (partner_id, dimension, day)`,
  `CREATE INDEX click_rollups_daily_dims_day ON click_rollups_daily_dims (dimension, day)`,
  // Definitions shared with the analytics queries: a click is a non-bot GET of an active link;
  // a unique click is such a click flagged unique; bot clicks are counted apart; non-bot clicks on
  // an inactive link are inactive_clicks.
  `CREATE FUNCTION roll_up_clicks() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    INSERT INTO click_rollups_hourly AS r (link_id, hour, partner_id, service_id, audience, clicks, unique_clicks, bot_clicks, inactive_clicks)
    SELECT link_id, date_trunc('hour', clicked_at), partner_id, service_id, audience,
      count(*) FILTER (WHERE NOT is_bot AND link_active),
      count(*) FILTER (WHERE NOT is_bot AND link_active AND is_unique),
      count(*) FILTER (WHERE is_bot),
      count(*) FILTER (WHERE NOT is_bot AND NOT link_active)
    FROM new_clicks
    GROUP BY link_id, date_trunc('hour', clicked_at), partner_id, service_id, audience
    ON CONFLICT (link_id, hour) DO UPDATE SET
      clicks = r.clicks + excluded.clicks,
      unique_clicks = r.unique_clicks + excluded.unique_clicks,
      bot_clicks = r.bot_clicks + excluded.bot_clicks,
      inactive_clicks = r.inactive_clicks + excluded.inactive_clicks;

    -- One statement: the per-hour dimension counts feed both the hourly and the daily table.
    WITH d AS (
      SELECT link_id, date_trunc('hour', clicked_at) AS hour, d.dimension, d.value, partner_id, service_id,
        count(*) FILTER (WHERE NOT is_bot AND link_active) AS clicks,
        count(*) FILTER (WHERE NOT is_bot AND link_active AND is_unique) AS unique_clicks,
        count(*) FILTER (WHERE is_bot) AS bot_clicks
      FROM new_clicks
      CROSS JOIN LATERAL (VALUES
        ('country', coalesce(country, 'unknown')),
        ('device', coalesce(device, 'unknown')),
        ('browser', coalesce(browser, 'unknown')),
        ('os', coalesce(os, 'unknown')),
        ('referrer', coalesce(referrer_host, 'direct'))
      ) AS d(dimension, value)
      GROUP BY link_id, date_trunc('hour', clicked_at), d.dimension, d.value, partner_id, service_id
    ), hourly AS (
      INSERT INTO click_rollups_hourly_dims AS r (link_id, hour, dimension, value, partner_id, service_id, clicks, unique_clicks, bot_clicks)
      SELECT link_id, hour, dimension, value, partner_id, service_id, clicks, unique_clicks, bot_clicks FROM d
      ON CONFLICT (link_id, hour, dimension, value) DO UPDATE SET
        clicks = r.clicks + excluded.clicks,
        unique_clicks = r.unique_clicks + excluded.unique_clicks,
        bot_clicks = r.bot_clicks + excluded.bot_clicks
    )
    INSERT INTO click_rollups_daily_dims AS r (link_id, day, dimension, value, partner_id, service_id, clicks, unique_clicks, bot_clicks)
    SELECT link_id, (hour AT TIME ZONE 'UTC')::date, dimension, value, partner_id, service_id, sum(clicks), sum(unique_clicks), sum(bot_clicks)
    FROM d
    GROUP BY link_id, (hour AT TIME ZONE 'UTC')::date, dimension, value, partner_id, service_id
    ON CONFLICT (link_id, day, dimension, value) DO UPDATE SET
      clicks = r.clicks + excluded.clicks,
      unique_clicks = r.unique_clicks + excluded.unique_clicks,
      bot_clicks = r.bot_clicks + excluded.bot_clicks;
    RETURN NULL;
  END
  $fn$`,
  // Statement-level with a transition table: one rollup write per batch, and rows skipped by
  // ON CONFLICT DO NOTHING (replays) are not in new_clicks, so nothing is counted twice.
  `CREATE TRIGGER clicks_roll_up AFTER INSERT ON clicks REFERENCING NEW TABLE AS new_clicks
    FOR EACH STATEMENT EXECUTE FUNCTION roll_up_clicks()`,

  `CREATE TABLE conversion_rollups_hourly (
    link_id uuid NOT NULL,
    hour timestamptz NOT NULL,
    partner_id uuid NOT NULL,
    service_id uuid NOT NULL,
    registrations integer NOT NULL DEFAULT 0,
    approved_shops integer NOT NULL DEFAULT 0,
    PRIMARY KEY (link_id, hour)
  )`,
  `CREATE INDEX conversion_rollups_hourly_partner ON conversion_rollups_hourly (partner_id, hour)`,
  `CREATE FUNCTION roll_up_conversions() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    INSERT INTO conversion_rollups_hourly AS r (link_id, hour, partner_id, service_id, registrations, approved_shops)
    SELECT link_id, date_trunc('hour', occurred_at), partner_id, service_id,
      count(*) FILTER (WHERE event_type = 'seller.registered'),
      count(*) FILTER (WHERE event_type = 'shop.approved')
    FROM new_conversions
    WHERE partner_id IS NOT NULL AND link_id IS NOT NULL
    GROUP BY link_id, date_trunc('hour', occurred_at), partner_id, service_id
    ON CONFLICT (link_id, hour) DO UPDATE SET
      registrations = r.registrations + excluded.registrations,
      approved_shops = r.approved_shops + excluded.approved_shops;
    RETURN NULL;
  END
  $fn$`,
  `CREATE TRIGGER conversions_roll_up AFTER INSERT ON conversions REFERENCING NEW TABLE AS new_conversions
    FOR EACH STATEMENT EXECUTE FUNCTION roll_up_conversions()`,
  // One credited registration and one approval per seller: the binding made at registration is final.
  `CREATE UNIQUE INDEX conversions_one_per_seller ON conversions (seller_id, event_type)`,
  `DROP INDEX conversions_seller`,
  `CREATE INDEX conversions_partner_id ON conversions (partner_id, id)`,
  // Signed requests already accepted, kept for the freshness window, so a captured request cannot be replayed.
  `CREATE TABLE conversion_signatures (
    signature text PRIMARY KEY,
    received_at timestamptz NOT NULL
  )`,
];
