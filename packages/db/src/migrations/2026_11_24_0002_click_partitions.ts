import { type Kysely, sql } from "kysely";

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  // The gateway decides is_unique at flush time: "an earlier click of this visitor on this link
  // within the hour" is one index probe with this index.
  await sql`CREATE INDEX clicks_link_visitor_time ON clicks (link_id, visitor_hash, clicked_at)`.execute(db);
  // Monthly partitions made ahead of time. A month whose rows already sit in the DEFAULT partition
  // cannot get its own partition (PostgreSQL refuses): it is skipped and stays in DEFAULT.
  await sql
    .raw(`
    CREATE FUNCTION create_click_partitions(months_ahead integer) RETURNS integer
    LANGUAGE plpgsql AS $fn$
    DECLARE
      first_month date := date_trunc('month', now() AT TIME ZONE 'UTC')::date;
      m date;
      name text;
      created integer := 0;
    BEGIN
      FOR i IN 0..months_ahead LOOP
        m := (first_month + make_interval(months => i))::date;
        name := 'clicks_' || to_char(m, 'YYYY_MM');
        IF to_regclass(name) IS NULL THEN
          BEGIN
            EXECUTE format(
              'CREATE TABLE %I PARTITION OF clicks FOR VALUES FROM (%L) TO (%L)',
              name,
              (m::timestamp AT TIME ZONE 'UTC'),
              ((m + interval '1 month')::timestamp AT TIME ZONE 'UTC')
            );
            created := created + 1;
          EXCEPTION WHEN check_violation THEN
            NULL;
          END;
        END IF;
      END LOOP;
      RETURN created;
    END
    $fn$`)
    .execute(db);
  await sql`SELECT create_click_partitions(2)`.execute(db);
}
