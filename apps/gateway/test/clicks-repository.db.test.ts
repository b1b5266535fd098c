import {
  type ClickToRecord,
  createClickPartitions,
  type DbHandle,
  EARLIER_CLICK_PROBE,
  insertClicks,
  newId,
  writeClicks,
} from "@shopreg/db";
import { createTestDb, testEngines } from "@shopreg/db/testing";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedService } from "./helpers.ts";

describe.each(testEngines())("clicks repository on $engine", ({ engine }) => {
  let handle: DbHandle;
  let seeded: Awaited<ReturnType<typeof seedService>>;
  beforeAll(async () => {
    handle = await createTestDb(engine);
    seeded = await seedService(handle.db, "ON");
  });
  afterAll(async () => handle?.close());

  const click = (at: string, visitor: string, extra: Partial<ClickToRecord> = {}): ClickToRecord => ({
    id: newId(),
    link_id: seeded.links.LOCAL_SELLER.id,
    service_id: seeded.serviceId,
    partner_id: seeded.partnerId,
    audience: "LOCAL_SELLER",
    clicked_at: new Date(at),
    visitor_hash: visitor,
    country: null,
    device: null,
    browser: null,
    os: null,
    referrer_host: null,
    is_bot: false,
    link_active: true,
    ...extra,
  });

  it("has monthly partitions from this month on, and making them again is a no-op", async () => {
    const month = new Date().toISOString().slice(0, 7).replace("-", "_");
    const { rows } = await sql<{ name: string }>`
      SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'clicks'::regclass ORDER BY 1`.execute(handle.db);
    expect(rows.map((r) => r.name)).toContain(`clicks_${month}`);
    expect(rows.length).toBeGreaterThanOrEqual(4); // default + this month + two ahead
    expect(await createClickPartitions(handle.db, 2)).toBe(0);
    const now = click(new Date().toISOString(), "partition-check");
    await insertClicks(handle.db, [now]);
    const { rows: where } = await sql<{
      part: string;
    }>`SELECT tableoid::regclass::text AS part FROM clicks WHERE id = ${now.id}`.execute(handle.db);
    // Citus reports the shard of the partition (clicks_2026_12_102027).
    expect(where[0]?.part.replace(/_\d{6,}$/, "")).toBe(`clicks_${month}`);
  });

  // insertClicks is the replay path (and PGlite's); writeClicks is the gateway's (COPY on a server).
  const writers = {
    insertClicks: (batch: ClickToRecord[]) => insertClicks(handle.db, batch),
    writeClicks: (batch: ClickToRecord[]) => writeClicks(handle, batch),
  };

  for (const [name, write] of Object.entries(writers)) {
    it(`${name}: decides uniqueness over the hour before each click, whatever order the batches arrive in`, async () => {
      const v = `visitor-${newId()}`;
      const a = click("2026-03-01T10:00:00Z", v);
      const b = click("2026-03-01T10:30:00Z", v);
      const bot = click("2026-03-01T11:45:00Z", v, { is_bot: true });
      const c = click("2026-03-01T11:20:00Z", v); // 80 min after a, but 50 min after b
      const d = click("2026-03-01T12:21:00Z", v); // 61 min after c
      expect(await write([b, a])).toBe(2);
      expect(await write([d, bot, c])).toBe(3);
      expect(await write([a, b, c, d, bot])).toBe(0); // a replay writes nothing
      const rows = await handle.db.selectFrom("clicks").select(["id", "is_unique"]).where("visitor_hash", "=", v).execute();
      const unique = Object.fromEntries(rows.map((r) => [r.id, r.is_unique]));
      expect([a, b, c, d, bot].map((x) => unique[x.id])).toEqual([true, false, false, true, false]);
    });

    it(`${name}: stores every value as given (tabs, newlines, backslashes, any script; NUL dropped) and times to the millisecond`, async () => {
      const v = `visitor-${newId()}`;
      const odd = click("2026-03-02T10:00:00.123Z", v, {
        country: "US",
        device: "tab\there, new\nline, back\\slash",
        browser: "中文 😀 é",
        os: "nul\u0000gone",
        referrer_host: "",
      });
      const early = click("1999-12-31T23:59:59.999Z", v, { is_bot: true, link_active: false });
      expect(await write([odd, early])).toBe(2);
      const rows = await handle.db
        .selectFrom("clicks")
        .selectAll()
        .where("id", "in", [odd.id, early.id])
        .orderBy("clicked_at", "desc")
        .execute();
      expect(rows.map((r) => [r.clicked_at.toISOString(), r.country, r.device, r.browser, r.os, r.referrer_host])).toEqual([
        ["2026-03-02T10:00:00.123Z", "US", "tab\there, new\nline, back\\slash", "中文 😀 é", "nulgone", ""],
        ["1999-12-31T23:59:59.999Z", null, null, null, null, null],
      ]);
      expect(rows.map((r) => [r.is_bot, r.link_active, r.is_unique])).toEqual([
        [false, true, true],
        [true, false, false],
      ]);
      // Written once: a batch repeating a stored click is taken whole, and the stored one is skipped.
      const fresh = click("2026-03-02T10:05:00Z", `visitor-${newId()}`);
      expect(await write([odd, fresh])).toBe(1);
    });

    it(`${name}: keeps the hourly rollups equal to the rows written, replays included`, async () => {
      const month = "2026-04-0";
      const v = `visitor-${newId()}`;
      const batch = [
        click(`${month}1T09:10:00Z`, v, { country: "DE", device: "mobile" }),
        click(`${month}1T09:20:00Z`, v, { country: "DE", device: "mobile" }),
        click(`${month}1T09:30:00Z`, `${v}-2`, { country: "FR", device: "desktop" }),
        click(`${month}1T09:40:00Z`, v, { is_bot: true }),
        click(`${month}1T10:05:00Z`, v, { link_active: false }),
      ];
      const before = await rollups();
      await write(batch);
      await write(batch);
      const after = await rollups();
      expect(after.clicks - before.clicks).toBe(3);
      expect(after.unique_clicks - before.unique_clicks).toBe(2);
      expect(after.bot_clicks - before.bot_clicks).toBe(1);
      expect(after.inactive_clicks - before.inactive_clicks).toBe(1);
      expect(after.de - before.de).toBe(2);
    });
  }

  // Citus never keeps a generic plan of a distributed query (it costs one out), and plans each
  // probe with its values on the shard; the plan audit on Citus checks that it goes to one shard.
  it.skipIf(engine === "citus")(
    "probes the visitor index once per candidate whatever plan the writer's connection keeps",
    async () => {
      // The writer's connection prepares the probe once and may keep a generic plan made while the
      // month's partition was empty; that plan must not read the partition (it once did, per batch).
      const probes = [
        { i: 0, id: newId(), link_id: seeded.links.LOCAL_SELLER.id, visitor_hash: "v", clicked_at: new Date().toISOString() },
      ];
      const plan = await handle.db.transaction().execute(async (trx) => {
        await sql`SET LOCAL plan_cache_mode = force_generic_plan`.execute(trx);
        await sql.raw(`PREPARE earlier_click_probe(text, uuid) AS ${EARLIER_CLICK_PROBE}`).execute(trx);
        const { rows } = await sql<
          Record<string, string>
        >`EXPLAIN EXECUTE earlier_click_probe(${sql.lit(JSON.stringify(probes))}, ${sql.lit(seeded.partnerId)})`.execute(trx);
        await sql`DEALLOCATE earlier_click_probe`.execute(trx);
        return rows.map((r) => Object.values(r)[0]).join("\n");
      });
      expect(plan).toMatch(/Nested Loop/);
      expect(plan).toMatch(/Index (Only )?Scan using clicks_\w+_link_id_visitor_hash_clicked_at_idx/);
      expect(plan).not.toMatch(/Seq Scan on clicks/);
      expect(plan).not.toMatch(/Hash/);
    },
  );

  async function rollups() {
    const { rows } = await sql<{ clicks: number; unique_clicks: number; bot_clicks: number; inactive_clicks: number }>`
      SELECT coalesce(sum(clicks), 0)::int AS clicks, coalesce(sum(unique_clicks), 0)::int AS unique_clicks,
        coalesce(sum(bot_clicks), 0)::int AS bot_clicks, coalesce(sum(inactive_clicks), 0)::int AS inactive_clicks
      FROM click_rollups_hourly WHERE link_id = ${seeded.links.LOCAL_SELLER.id}`.execute(handle.db);
    const { rows: de } = await sql<{ n: number }>`
      SELECT coalesce(sum(clicks), 0)::int AS n FROM click_rollups_daily_dims
      WHERE link_id = ${seeded.links.LOCAL_SELLER.id} AND dimension = 'country' AND value = 'DE'`.execute(handle.db);
    return { ...(rows[0] as NonNullable<(typeof rows)[0]>), de: de[0]?.n ?? 0 };
  }
});
