import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ClickToRecord } from "@shopreg/db";
import { afterEach, describe, expect, it } from "vitest";
import { GatewayMetrics } from "./metrics.ts";
import { ClickRecorder, type ClickStore } from "./recorder.ts";
import { SpillFile } from "./spill-file.ts";

const quiet = { info() {}, warn() {}, error() {} };
let n = 0;
const click = (): ClickToRecord => ({
  id: `00000000-0000-7000-8000-${String(++n).padStart(12, "0")}`,
  link_id: "l",
  service_id: "s",
  partner_id: "p",
  audience: "LOCAL_SELLER",
  clicked_at: new Date("2026-11-24T10:00:00Z"),
  visitor_hash: "v",
  country: null,
  device: null,
  browser: null,
  os: null,
  referrer_host: null,
  is_bot: false,
  link_active: true,
});

/** A database at the test's boundary: it keeps rows by id (writes are idempotent) and can be "down". */
function fakeStore() {
  const rows = new Map<string, ClickToRecord>();
  const batches: number[] = [];
  let down = false;
  const store: ClickStore = {
    async write(batch) {
      if (down) throw new Error("connection refused");
      batches.push(batch.length);
      for (const c of batch) rows.set(c.id, c);
    },
    async ping() {
      if (down) throw new Error("connection refused");
    },
  };
  return { store, rows, batches, setDown: (v: boolean) => (down = v) };
}

async function until(check: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("ClickRecorder", () => {
  const dirs: string[] = [];
  const spillPath = () => {
    const d = mkdtempSync(join(tmpdir(), "shopreg-rec-"));
    dirs.push(d);
    return join(d, "spill.jsonl");
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const opts = { batchSize: 10, flushIntervalMs: 60_000, maxQueue: 1_000, writeTimeoutMs: 1_000 };

  it("writes in batches of at most the batch size", async () => {
    const db = fakeStore();
    const rec = new ClickRecorder(db.store, new SpillFile(spillPath()), opts, new GatewayMetrics(), quiet);
    for (let i = 0; i < 25; i++) rec.record(click());
    await rec.flush();
    expect(db.rows.size).toBe(25);
    expect(Math.max(...db.batches)).toBeLessThanOrEqual(10);
    await rec.close();
  });

  it("spills while the database is down and replays when it answers again, with the dates intact", async () => {
    const db = fakeStore();
    const path = spillPath();
    const metrics = new GatewayMetrics();
    const rec = new ClickRecorder(db.store, new SpillFile(path), opts, metrics, quiet);
    rec.start();
    db.setDown(true);
    const clicks = Array.from({ length: 15 }, click);
    for (const c of clicks) rec.record(c);
    await rec.flush();
    expect(db.rows.size).toBe(0);
    expect(metrics.clicksSpilled).toBe(15);
    expect(readFileSync(path, "utf8").trim().split("\n")).toHaveLength(15);
    expect(rec.databaseUp).toBe(false);
    db.setDown(false);
    for (let i = 0; i < 50 && !(rec.databaseUp && metrics.clicksReplayed === 15); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(metrics.clicksReplayed).toBe(15);
    expect([...db.rows.keys()].sort()).toEqual(clicks.map((c) => c.id).sort());
    expect(db.rows.get(clicks[0]!.id)!.clicked_at).toEqual(clicks[0]!.clicked_at);
    await rec.close();
  });

  it("on close, leaves what the database does not take in the spill file for the next start", async () => {
    const db = fakeStore();
    const path = spillPath();
    const first = new ClickRecorder(db.store, new SpillFile(path), opts, new GatewayMetrics(), quiet);
    db.setDown(true);
    for (let i = 0; i < 7; i++) first.record(click());
    await first.close();
    expect(db.rows.size).toBe(0);

    db.setDown(false);
    const spill = new SpillFile(path);
    expect(spill.pending()).toBe(7);
    const second = new ClickRecorder(db.store, spill, opts, new GatewayMetrics(), quiet);
    second.start();
    await second.close();
    expect(db.rows.size).toBe(7);
    expect(spill.pending()).toBe(0);
  });
  it("replays clicks spilled while a replay runs, without waiting for the next outage or stop", async () => {
    const db = fakeStore();
    // A spill whose appends can be held: a batch that chose the spill before the database came back
    // lands in the file only after the probe's replay has taken the file.
    let release: () => void = () => {};
    let held: Promise<void> | null = null;
    class SlowSpill extends SpillFile {
      override async append(batch: ClickToRecord[]) {
        if (held) await held;
        return super.append(batch);
      }
    }
    const spill = new SlowSpill(spillPath());
    const rec = new ClickRecorder(db.store, spill, opts, new GatewayMetrics(), quiet);
    rec.start();
    db.setDown(true);
    for (let i = 0; i < 5; i++) rec.record(click());
    await rec.flush(); // fails, marks the database down, spills 5
    held = new Promise<void>((r) => {
      release = r;
    });
    for (let i = 0; i < 5; i++) rec.record(click());
    const late = rec.flush(); // chooses the spill (the database is down), then waits at append
    db.setDown(false);
    await until(() => db.rows.size === 5, 5_000); // the probe found the database and replayed the first 5
    held = null;
    release();
    await late;
    await until(() => db.rows.size === 10 && spill.pending() === 0, 5_000);
    await rec.close();
  });
  it("replaces connections that stop answering, so it comes back once the server does", async () => {
    // A connection cut mid-COPY by a server restart can hang: every request on it waits forever
    // until the store opens new connections.
    const rows = new Map<string, ClickToRecord>();
    let stuck = true;
    let reconnects = 0;
    const never = new Promise<never>(() => {});
    const store: ClickStore = {
      async write(batch) {
        if (stuck) return never;
        for (const c of batch) rows.set(c.id, c);
      },
      async ping() {
        if (stuck) return never;
      },
      async reconnect() {
        reconnects++;
        stuck = false;
      },
    };
    const metrics = new GatewayMetrics();
    const rec = new ClickRecorder(store, new SpillFile(spillPath()), { ...opts, writeTimeoutMs: 200 }, metrics, quiet);
    const lost = Array.from({ length: 5 }, click);
    for (const c of lost) rec.record(c);
    await rec.flush(); // times out, spills, replaces the connections
    expect(rec.databaseUp).toBe(false);
    expect(reconnects).toBe(1);
    await until(() => rec.databaseUp && rows.size === 5, 5_000); // the next probe finds the new connections
    expect([...rows.keys()].sort()).toEqual(lost.map((c) => c.id).sort());
    expect(metrics.reconnects).toBe(1);
    await rec.close();
  });
});
