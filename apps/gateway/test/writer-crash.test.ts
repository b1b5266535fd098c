/**
 * The click writer thread dies in the middle of traffic (terminated abruptly, as a crash would end
 * it) while it holds clicks in memory: the server thread hands those clicks to the next thread, and
 * every click a seller was redirected with is in the table exactly once. Needs Debian's postgresql
 * binaries (CI has them), as the outage test does.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb, type DbHandle, migrateToLatest } from "@shopreg/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningGateway, startGateway, ThreadClickSink } from "../src/index.ts";
import { CHROME_UA, get, seedService, testGatewayConfig } from "./helpers.ts";
import { type PgServer, startPostgres } from "./pg-server.ts";

describe("a click writer thread that dies mid-load", () => {
  let pg: PgServer;
  let dir: string;
  let handle: DbHandle;
  let gw: RunningGateway;
  const errors: { msg: string; fields?: object }[] = [];

  beforeAll(async () => {
    pg = await startPostgres();
    dir = mkdtempSync(join(tmpdir(), "shopreg-gw-crash-"));
    handle = await createDb({ databaseUrl: pg.url, maxConnections: 4 });
    await migrateToLatest(handle.db);
    gw = await startGateway({
      handle,
      port: 0,
      host: "127.0.0.1",
      publicUrl: "http://gateway.test",
      // Clicks sit in the writer's queue for up to 300 ms, so a kill always finds some there.
      config: testGatewayConfig(join(dir, "spill.jsonl"), { GATEWAY_CLICK_FLUSH_MS: "300", GATEWAY_CLICK_WRITER: "thread" }),
      logger: { info() {}, warn() {}, error: (msg, fields) => errors.push({ msg, fields }) },
    });
  }, 60_000);
  afterAll(async () => {
    await gw?.close();
    await handle?.close();
    await pg?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it("loses and duplicates no click: the next thread gets what the dead one had not written", async () => {
    const { links } = await seedService(handle.db, "ON");
    const tokens = [links.LOCAL_SELLER.token, links.CROSS_BORDER_SELLER.token];
    const sink = gw.clicks;
    expect(sink).toBeInstanceOf(ThreadClickSink);
    const ids: string[] = [];
    const n = 3_000;
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
    const kills = (async () => {
      // Twice, while the load runs: after a third and after two thirds of the clicks.
      for (const at of [n / 3, (2 * n) / 3]) {
        while (next < at) await new Promise((r) => setTimeout(r, 5));
        await (sink as ThreadClickSink).terminateWriterForTest();
      }
    })();
    await Promise.all([...Array.from({ length: 8 }, worker), kills]);
    await gw.flush();

    const restarts = errors.filter((e) => e.msg.startsWith("click writer thread exited"));
    expect(restarts).toHaveLength(2);
    // The kills found clicks not yet written: the test exercises the hand-over, not an idle thread.
    const resent = restarts.map((e) => (e.fields as { clicks_resent: number }).clicks_resent);
    expect(
      resent.some((c) => c > 0),
      `clicks resent: ${resent}`,
    ).toBe(true);

    const rows = await handle.db.selectFrom("clicks").select("id").execute();
    const stored = new Set(rows.map((r) => r.id));
    expect(ids).toHaveLength(n);
    expect(new Set(ids).size).toBe(n);
    expect(ids.filter((id) => !stored.has(id))).toEqual([]); // nothing lost
    expect(rows).toHaveLength(n); // nothing twice
    expect(gw.clicks.queueDepth).toBe(0);
  }, 60_000);
});
