import { afterAll, describe, expect, it } from "vitest";
import type { DbHandle } from "./create-db.ts";
import { DISTRIBUTED_TABLES, distribute, REFERENCE_TABLES } from "./distribute.ts";
import { analyticsTotals, type ClickToRecord, writeClicks } from "./index.ts";
import { clicksOnLink, insertPublishedPartner, ownCitusDatabase } from "./testing.ts";

const cluster = ownCitusDatabase("shopreg_populated");

/** distribute() on a database that already holds traffic (written while the triggers rolled up), then more traffic. */
describe.skipIf(!cluster || (process.env.TEST_ENGINES && !process.env.TEST_ENGINES.includes("citus")))(
  "distribute on a populated database (Citus)",
  () => {
    let h: DbHandle;
    afterAll(() => cluster?.close());

    it("moves every row into the shards, keeps every answer, and the writers roll up afterwards", async () => {
      if (!cluster) return;
      h = await cluster.open();
      const { partnerId, link } = await insertPublishedPartner(h.db, {
        company_name: "Populated Co",
        contact_email: "pat@example.com",
      });
      const clicks = (n: number, from: number): ClickToRecord[] =>
        clicksOnLink(link, n, from, 60_000, (i) => ({
          visitor_hash: `v${i % 7}`,
          country: i % 2 ? "DE" : null,
          is_bot: i % 9 === 0,
          utm_campaign: i % 3 ? "spring" : null,
        }));
      const start = Date.UTC(2026, 11, 1);
      expect(await writeClicks(h, clicks(300, start))).toBe(300); // the trigger rolls these up
      const scope = { from: new Date(start - 86_400_000), to: new Date(start + 3 * 86_400_000), partnerId };
      const before = await analyticsTotals(h.db, scope);
      expect(before.clicks).toBeGreaterThan(0);

      const report = await distribute(h.db as never, { shardCount: 4 });
      expect(report.distributed).toEqual([...DISTRIBUTED_TABLES]);
      expect(report.reference).toEqual([...REFERENCE_TABLES]);
      expect(report.moved_rows).toBeGreaterThanOrEqual(300);
      expect(await analyticsTotals(h.db, scope)).toEqual(before);
      const [all] = await h.pg!`SELECT count(*)::int AS n FROM clicks`; // read from the shards now
      expect(all?.n).toBe(300);
      const [shards] =
        await h.pg!`SELECT count(DISTINCT nodeport)::int AS n FROM citus_shards WHERE table_name = 'clicks'::regclass`;
      expect(shards?.n).toBe(cluster.nodes.workers.length);

      // Without the trigger the writer rolls up: 300 more clicks count exactly once, replays included.
      const more = clicks(300, start + 86_400_000);
      expect(await writeClicks(h, more)).toBe(300);
      expect(await writeClicks(h, more)).toBe(0);
      const after = await analyticsTotals(h.db, scope);
      expect(after.clicks + after.bot_clicks).toBe(before.clicks + before.bot_clicks + 300);
      expect(await distribute(h.db as never)).toMatchObject({ distributed: [], reference: [] }); // idempotent
    });
  },
);
