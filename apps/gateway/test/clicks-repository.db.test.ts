import { type ClickToRecord, createClickPartitions, type DbHandle, insertClicks, newId } from "@shopreg/db";
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
    expect(where[0]?.part).toBe(`clicks_${month}`);
  });

  it("decides uniqueness over the hour before each click, whatever order the batches arrive in", async () => {
    const v = `visitor-${newId()}`;
    const a = click("2026-03-01T10:00:00Z", v);
    const b = click("2026-03-01T10:30:00Z", v);
    const bot = click("2026-03-01T11:45:00Z", v, { is_bot: true });
    const c = click("2026-03-01T11:20:00Z", v); // 80 min after a, but 50 min after b
    const d = click("2026-03-01T12:21:00Z", v); // 61 min after c
    expect(await insertClicks(handle.db, [b, a])).toBe(2);
    expect(await insertClicks(handle.db, [d, bot, c])).toBe(3);
    expect(await insertClicks(handle.db, [a, b, c, d, bot])).toBe(0); // a replay writes nothing
    const rows = await handle.db.selectFrom("clicks").select(["id", "is_unique"]).where("visitor_hash", "=", v).execute();
    const unique = Object.fromEntries(rows.map((r) => [r.id, r.is_unique]));
    expect([a, b, c, d, bot].map((x) => unique[x.id])).toEqual([true, false, false, true, false]);
  });
});
