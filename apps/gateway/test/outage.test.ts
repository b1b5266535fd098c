/**
 * The durability promise against a real PostgreSQL server that this test starts, stops and starts
 * again: cached links keep redirecting through an outage, clicks spill to disk and are replayed,
 * a gateway stopped during an outage leaves its clicks for the next one, and every click a seller
 * was redirected with is in the table exactly once. Needs Debian's postgresql binaries (CI has them).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb, type DbHandle, migrateToLatest } from "@shopreg/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningGateway, SpillFile, startGateway } from "../src/index.ts";
import { CHROME_UA, get, seedService, testGatewayConfig, until } from "./helpers.ts";
import { type PgServer, startPostgres } from "./pg-server.ts";

// The production default writes clicks on a thread of their own; the in-process writer must keep the same promise.
describe.each(["thread", "in-process"] as const)("a PostgreSQL outage in the middle of traffic (clicks written %s)", (writer) => {
  let pg: PgServer;
  let dir: string;
  const handles: DbHandle[] = [];
  const gateways: RunningGateway[] = [];

  beforeAll(async () => {
    pg = await startPostgres();
    dir = mkdtempSync(join(tmpdir(), "shopreg-gw-outage-"));
  }, 60_000);
  afterAll(async () => {
    for (const g of gateways) await g.close().catch(() => {});
    // end({ timeout }) closes connections the outage left reconnecting, which close() would wait for.
    for (const h of handles) await h.pg?.end({ timeout: 1 }).catch(() => {});
    for (const h of handles) await h.close().catch(() => {});
    await pg?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = async () => {
    const handle = await createDb({ databaseUrl: pg.url, maxConnections: 4 });
    handles.push(handle);
    const gw = await startGateway({
      handle,
      port: 0,
      host: "127.0.0.1",
      publicUrl: "http://gateway.test",
      config: testGatewayConfig(join(dir, "spill.jsonl"), {
        GATEWAY_CLICK_BATCH_SIZE: "20",
        GATEWAY_LOOKUP_TIMEOUT_MS: "500",
        GATEWAY_CLICK_WRITE_TIMEOUT_MS: "1000",
        GATEWAY_CLICK_WRITER: writer,
        GATEWAY_METRICS_PORT: "0",
      }),
      logger: { info() {}, warn() {}, error() {} },
    });
    gateways.push(gw);
    return { handle, gw };
  };

  /** `n` seller clicks, 8 at a time; every one must be redirected, and its click id is kept. */
  const traffic = async (gw: RunningGateway, tokens: string[], n: number, ids: string[]) => {
    let next = 0;
    const worker = async () => {
      while (next < n) {
        const i = next++;
        const res = await get(`${gw.url}/${tokens[i % tokens.length]}`, {
          "user-agent": CHROME_UA,
          "x-test-client-ip": `192.0.2.${i % 200}`,
        });
        expect(res.status).toBe(302);
        ids.push(new URL(res.headers.get("location")!).searchParams.get("click_id")!);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
  };

  it("keeps redirecting, spills, replays, and records every click exactly once", async () => {
    const first = await open();
    await migrateToLatest(first.handle.db);
    const { links } = await seedService(first.handle.db, "ON");
    const tokens = [links.LOCAL_SELLER.token, links.CROSS_BORDER_SELLER.token];
    const ids: string[] = [];

    await traffic(first.gw, tokens, 150, ids); // the links are cached now
    const stopping = pg.stop(); // in the middle of traffic
    await traffic(first.gw, tokens, 150, ids);
    await stopping;
    await traffic(first.gw, tokens, 150, ids);
    await first.gw.flush();
    expect(first.gw.metrics.clicksSpilled).toBeGreaterThan(0);
    const health = await (await get(`${first.gw.url}/_/health`)).json();
    expect(health).toMatchObject({ status: "degraded", database: "down" });

    await pg.start();
    await traffic(first.gw, tokens, 100, ids);
    await until(
      async () => first.gw.clicks.databaseUp && first.gw.clicks.queueDepth === 0 && (await spillPending(first.gw)) === 0,
      "the replay",
      30_000, // a probe a second, plus reconnecting: slow on a busy shared machine
    );

    // A second outage, and the gateway is stopped (SIGTERM) during it: its queue goes to the spill file.
    await pg.stop();
    await traffic(first.gw, tokens, 100, ids);
    await first.gw.close();
    await pg.start();
    // The next gateway (a restart) finds the spill file and replays it once the database answers.
    const second = await open();
    await until(
      async () => second.gw.clicks.databaseUp && (await spillPending(second.gw)) === 0,
      "the replay after restart",
      30_000,
    );
    await traffic(second.gw, tokens, 50, ids);
    await second.gw.flush();

    // A third outage, and the gateway is stopped soon after the database is back: the stop replays
    // the spill file first, so no click waits on disk for a next start.
    await pg.stop();
    await traffic(second.gw, tokens, 100, ids);
    await second.gw.flush();
    await until(async () => (await spillPending(second.gw)) > 0 || undefined, "clicks spilled in the third outage");
    await pg.start();
    await second.gw.close();
    expect(new SpillFile(join(dir, "spill.jsonl")).pending()).toBe(0);

    const rows = await second.handle.db.selectFrom("clicks").select("id").execute();
    const stored = new Set(rows.map((r) => r.id));
    expect(ids).toHaveLength(800);
    expect(new Set(ids).size).toBe(800);
    expect(rows).toHaveLength(800); // nothing twice
    expect(ids.filter((id) => !stored.has(id))).toEqual([]); // nothing lost
  }, 60_000);
});

async function spillPending(gw: RunningGateway): Promise<number> {
  const text = await (await get(gw.metricsUrl!)).text();
  return Number(/^gateway_click_spill_pending (\d+)$/m.exec(text)?.[1] ?? Number.NaN);
}
