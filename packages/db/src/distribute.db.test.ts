import { randomBytes } from "node:crypto";
import { mintLinkToken } from "@shopreg/domain";
import { afterAll, describe, expect, it } from "vitest";
import { createDb, type DbHandle, migrateToLatest } from "./create-db.ts";
import {
  citusNodesFromEnv,
  createCitusDatabase,
  DISTRIBUTED_TABLES,
  distribute,
  dropCitusDatabase,
  REFERENCE_TABLES,
} from "./distribute.ts";
import { newId } from "./ids.ts";
import { analyticsTotals, type ClickToRecord, insertLinksIfAbsent, insertPartner, insertService, writeClicks } from "./index.ts";

const nodes = citusNodesFromEnv();

/** distribute() on a database that already holds traffic (written while the triggers rolled up), then more traffic. */
describe.skipIf(!nodes || (process.env.TEST_ENGINES && !process.env.TEST_ENGINES.includes("citus")))(
  "distribute on a populated database (Citus)",
  () => {
    const name = `shopreg_populated_${randomBytes(5).toString("hex")}`;
    let h: DbHandle;
    afterAll(async () => {
      await h?.close();
      if (nodes) await dropCitusDatabase(nodes, name);
    });

    it("moves every row into the shards, keeps every answer, and the writers roll up afterwards", async () => {
      if (!nodes) return;
      h = await createDb({ databaseUrl: await createCitusDatabase(nodes, name), maxConnections: 4 });
      await migrateToLatest(h.db);
      const now = new Date();
      const partner = await insertPartner(h.db, {
        id: newId(),
        company_name: "Populated Co",
        entity_type: "US",
        registration_region: "US",
        company_registration_region: "US",
        contact_name: "Pat",
        contact_email: "pat@example.com",
        contact_phone: null,
        created_at: now,
        updated_at: now,
      });
      const service = await insertService(h.db, {
        id: newId(),
        partner_id: partner.id,
        type: "CUSTOM",
        category_id: "shop_registration",
        target_market: "US",
        name: "Launch",
        description: "We register shops.",
        contact_email: "ops@example.com",
        status: "ON",
        first_published_at: now,
        created_at: now,
        updated_at: now,
      });
      await insertLinksIfAbsent(h.db, [
        {
          id: newId(),
          service_id: service.id,
          partner_id: partner.id,
          audience: "LOCAL_SELLER",
          target_market: "US",
          token: mintLinkToken(),
          created_at: now,
        },
      ]);
      const link = await h.db
        .selectFrom("referral_links")
        .selectAll()
        .where("service_id", "=", service.id)
        .executeTakeFirstOrThrow();
      const clicks = (n: number, from: number): ClickToRecord[] =>
        Array.from({ length: n }, (_, i) => ({
          id: newId(),
          link_id: link.id,
          service_id: service.id,
          partner_id: partner.id,
          audience: link.audience,
          clicked_at: new Date(from + i * 60_000),
          visitor_hash: `v${i % 7}`,
          country: i % 2 ? "DE" : null,
          device: null,
          browser: null,
          os: null,
          referrer_host: null,
          is_bot: i % 9 === 0,
          link_active: true,
          utm_campaign: i % 3 ? "spring" : null,
        }));
      const start = Date.UTC(2026, 11, 1);
      expect(await writeClicks(h, clicks(300, start))).toBe(300); // the trigger rolls these up
      const scope = { from: new Date(start - 86_400_000), to: new Date(start + 3 * 86_400_000), partnerId: partner.id };
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
      expect(shards?.n).toBe(nodes.workers.length);

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
