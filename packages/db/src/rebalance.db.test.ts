import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import type { DbHandle } from "./create-db.ts";
import { DISTRIBUTED_TABLES, distribute } from "./distribute.ts";
import {
  type AnalyticsScope,
  analyticsBreakdown,
  analyticsTimeseries,
  analyticsTotals,
  type ClickToRecord,
  type ReferralLink,
  writeClicks,
} from "./index.ts";
import { clicksOnLink, insertPublishedPartner, ownCitusDatabase } from "./testing.ts";

const cluster = ownCitusDatabase("shopreg_rebalance");
const spare = process.env.CITUS_SPARE_URL;
const PARTNERS = 12;
const CLICKS_PER_PARTNER = 2_000;
const SHARDS = 6; // 3 + 3 shard groups on two workers; 2 + 2 + 2 on three

/**
 * docs/growth.md, "Adding a worker and rebalancing": a populated two-worker cluster gets a third
 * worker (scripts/with-citus.sh --spare) and citus_rebalance_start moves shards onto it while the
 * database stays open; every partner's analytics answer is the same afterwards, the shards sit on
 * three nodes and the next writes still roll up once. Prints what moved and how long it took.
 */
describe.skipIf(!cluster || !spare || (process.env.TEST_ENGINES && !process.env.TEST_ENGINES.includes("citus")))(
  "adding a worker to a populated cluster and rebalancing (Citus)",
  () => {
    let h: DbHandle;
    afterAll(() => cluster?.close(spare ? [spare] : []));

    it("moves shards onto the new worker and every partner's answers stay the same", async () => {
      if (!cluster || !spare) return;
      const name = cluster.name;
      h = await cluster.open();
      await distribute(h.db as never, { shardCount: SHARDS });
      const pg = h.pg as postgres.Sql;

      const start = Date.UTC(2026, 11, 1);
      const scopes: AnalyticsScope[] = [];
      const now = new Date();
      const clicksOf = (link: ReferralLink, n: number, from: number): ClickToRecord[] =>
        clicksOnLink(link, n, from, 90_000, (i) => ({
          visitor_hash: `v${i % 13}`,
          country: ["DE", "US", null][i % 3] ?? null,
          device: i % 2 ? "mobile" : "desktop",
          referrer_host: i % 4 ? "tiktok.com" : null,
          is_bot: i % 11 === 0,
          utm_campaign: i % 5 ? `c${i % 4}` : null,
        }));
      let first: ReferralLink | undefined;
      for (let p = 0; p < PARTNERS; p++) {
        const { partnerId, link } = await insertPublishedPartner(
          h.db,
          { company_name: `Partner ${p}`, contact_email: `p${p}@example.com` },
          now,
        );
        first ??= link;
        expect(await writeClicks(h, clicksOf(link, CLICKS_PER_PARTNER, start))).toBe(CLICKS_PER_PARTNER);
        scopes.push({ from: new Date(start - 86_400_000), to: new Date(start + 5 * 86_400_000), partnerId });
      }
      const answers = (scope: AnalyticsScope) =>
        Promise.all([
          analyticsTotals(h.db, scope),
          analyticsTimeseries(h.db, scope, "hour", "UTC"),
          analyticsBreakdown(h.db, scope, "country"),
          analyticsBreakdown(h.db, scope, "campaign"),
        ]);
      const before = await Promise.all(scopes.map(answers));
      expect(before.every(([totals]) => totals.clicks > 0)).toBe(true);

      // Where every shard is, and how many rows it holds (a partitioned shard counts its partitions).
      const placement = async () => {
        const rows = await pg<{ shardid: string; node: string; table: string; size: string }[]>`
          SELECT shardid::text, nodename || ':' || nodeport AS node, table_name::text AS table, shard_size::text AS size
          FROM citus_shards WHERE table_name::text = ANY(${[...DISTRIBUTED_TABLES]})`;
        return new Map(rows.map((r) => [r.shardid, r]));
      };
      const rowsPerShard = new Map<string, number>();
      for (const table of DISTRIBUTED_TABLES) {
        const counts = await pg<{ shardid: string; result: string }[]>`
          SELECT shardid::text, result FROM run_command_on_shards(${table}, 'SELECT count(*) FROM %s')`;
        for (const c of counts) rowsPerShard.set(c.shardid, Number(c.result));
      }
      const was = await placement();
      const nodesOf = (m: Map<string, { node: string; table: string }>) =>
        new Set([...m.values()].filter((r) => r.table === "clicks").map((r) => r.node));
      expect(nodesOf(was).size).toBe(2);

      // The new node: the database and the extension on it (as an operator would), then added.
      const url = new URL(spare);
      const admin = postgres(spare, { max: 1, onnotice: () => {} });
      await admin.unsafe(`CREATE DATABASE ${name}`);
      await admin.end();
      url.pathname = `/${name}`;
      const node = postgres(url.toString(), { max: 1, onnotice: () => {} });
      await node.unsafe("CREATE EXTENSION citus");
      await node.end();
      const started = performance.now();
      await pg`SELECT citus_add_node(${url.hostname}, ${Number(url.port)})`;
      await pg`SELECT citus_rebalance_start()`;
      await pg`SELECT citus_rebalance_wait()`;
      const seconds = (performance.now() - started) / 1000;
      const [job] = await pg<{ state: string }[]>`SELECT state FROM citus_rebalance_status()`;
      expect(job?.state).toBe("finished");

      const is = await placement();
      expect(nodesOf(is).size).toBe(3);
      const moved = [...is.entries()].filter(([id, r]) => was.get(id)?.node !== r.node);
      const movedGroups = new Set(moved.filter(([, r]) => r.table === "clicks").map(([id]) => id)).size;
      const movedRows = moved.reduce((n, [id]) => n + (rowsPerShard.get(id) ?? 0), 0);
      const movedBytes = moved.reduce((n, [, r]) => n + Number(r.size), 0);
      const totalRows = [...rowsPerShard.values()].reduce((a, b) => a + b, 0);
      expect(movedGroups).toBeGreaterThan(0);
      // Colocated shards move together: every table's shard of a moved group moved with it.
      expect(moved.length).toBe(movedGroups * DISTRIBUTED_TABLES.length);
      console.log(
        `rebalance: ${PARTNERS} partners, ${PARTNERS * CLICKS_PER_PARTNER} clicks, ${totalRows} rows in ${SHARDS} shard groups; ` +
          `added a third worker and moved ${movedGroups} shard groups (${moved.length} shards, ${movedRows} rows, ` +
          `${(movedBytes / 1e6).toFixed(1)} MB) in ${seconds.toFixed(1)} s`,
      );

      expect(await Promise.all(scopes.map(answers))).toEqual(before);
      // The next writes land on the moved shards and roll up once.
      const more = clicksOf(first as ReferralLink, 300, start + 2 * 86_400_000);
      expect(await writeClicks(h, more)).toBe(300);
      const [totals] = await answers(scopes[0] as AnalyticsScope);
      const [old] = before[0] as Awaited<ReturnType<typeof answers>>;
      expect(totals.clicks + totals.bot_clicks).toBe(old.clicks + old.bot_clicks + 300);
    }, 600_000);
  },
);
