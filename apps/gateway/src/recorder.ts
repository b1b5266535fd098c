import type { ClickToRecord } from "@shopreg/db";
import type { GatewayMetrics } from "./metrics.ts";

/** Where clicks end up: the database. Writes must be idempotent (the click id is the key). */
export interface ClickStore {
  write(batch: ClickToRecord[]): Promise<void>;
  /** Resolves when the database answers. */
  ping(): Promise<void>;
  /**
   * Drops the store's connections and opens new ones. Called when a write or ping gets no answer in
   * time: a connection cut mid-COPY by a server restart can stay stuck, and pings queued behind it
   * would keep the recorder "down" long after the server is back.
   */
  reconnect?(): Promise<void>;
}

/** Where clicks wait while the database is unreachable (a local file on Node). */
export interface SpillStore {
  append(batch: ClickToRecord[]): Promise<void>;
  /** Clicks spilled and not yet replayed. */
  pending(): number;
  /** Hands every spilled click to `write`, in batches; what `write` takes is removed. */
  replay(write: (batch: ClickToRecord[]) => Promise<void>, batchSize: number): Promise<number>;
}

export type RecorderOptions = { batchSize: number; flushIntervalMs: number; maxQueue: number; writeTimeoutMs: number };
export type Logger = {
  info(msg: string, f?: object): void;
  warn(msg: string, f?: object): void;
  error(msg: string, f?: object): void;
};

/**
 * The click queue. `record()` only pushes to memory; batches go to the database when the queue
 * reaches the batch size or every flush interval. A batch the database does not take goes to the
 * spill store, and so does everything while the database is down; a probe notices the database
 * coming back and replays the spill. Writes are idempotent, so a batch that was in fact committed
 * and also spilled is written once.
 */
export class ClickRecorder {
  private queue: ClickToRecord[] = [];
  private flushing: Promise<void> | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private probeTimer: ReturnType<typeof setTimeout> | undefined;
  private probing: Promise<void> | undefined;
  private closed = false;
  databaseUp = true;
  /**
   * Clicks handed to record() that are now durable: written to the database or appended to the
   * spill file. The queue is first in, first out, so these are always the first `durable` clicks.
   */
  durable = 0;
  /** Called after each batch becomes durable (the click writer thread reports it to the server thread). */
  onDurable: ((durable: number) => void) | undefined;

  constructor(
    private store: ClickStore,
    private spill: SpillStore,
    private opts: RecorderOptions,
    private metrics: GatewayMetrics,
    private log: Logger,
  ) {}

  get queueDepth() {
    return this.queue.length;
  }

  start() {
    this.timer = setInterval(() => void this.flush(), this.opts.flushIntervalMs);
    (this.timer as { unref?: () => void }).unref?.();
    // Clicks spilled by an earlier run are replayed as soon as the database answers.
    if (this.spill.pending() > 0) this.markDown();
  }

  record(click: ClickToRecord) {
    this.queue.push(click);
    // A database too slow to keep up is treated as down: the backlog goes to disk, not to memory.
    if (this.queue.length >= this.opts.maxQueue && this.databaseUp) {
      this.log.warn("click queue full; spilling until the database catches up", { queued: this.queue.length });
      this.markDown();
    }
    if (this.queue.length >= this.opts.batchSize && !this.flushing) void this.flush();
  }

  /** Writes (or spills) everything queued so far. Concurrent callers share one run. */
  flush(): Promise<void> {
    if (!this.flushing) {
      this.flushing = this.drain().finally(() => {
        this.flushing = null;
      });
    }
    return this.flushing;
  }

  private async drain() {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.opts.batchSize);
      if (!(this.databaseUp && (await this.tryWrite(batch)))) await this.spillBatch(batch);
      this.durable += batch.length;
      this.onDurable?.(this.durable);
    }
  }

  private async tryWrite(batch: ClickToRecord[]): Promise<boolean> {
    const started = performance.now();
    try {
      await withTimeout(this.store.write(batch), this.opts.writeTimeoutMs);
      this.metrics.flushed(performance.now() - started);
      this.metrics.clicksWritten += batch.length;
      return true;
    } catch (error) {
      this.metrics.flushFailures++;
      this.log.warn("click batch not written; spilling until the database answers", { error: String(error) });
      this.markDown();
      if (error instanceof TimedOut) await this.reconnect();
      return false;
    }
  }

  private async spillBatch(batch: ClickToRecord[]) {
    try {
      await this.spill.append(batch);
      this.metrics.clicksSpilled += batch.length;
      // A batch that chose the spill just before a probe found the database back lands after that
      // probe's replay: look again, or it waits on disk for the next outage or stop.
      if (this.databaseUp) this.scheduleProbe();
    } catch (error) {
      // Neither the database nor the disk: keep the clicks in memory and retry on the next flush.
      this.log.error("click spill failed; keeping clicks in memory", { error: String(error), clicks: batch.length });
      this.queue.unshift(...batch);
      throw error;
    }
  }

  private markDown() {
    this.databaseUp = false;
    this.scheduleProbe();
  }

  private scheduleProbe() {
    if (this.probeTimer || this.closed) return;
    this.probeTimer = setTimeout(() => {
      this.probeTimer = undefined;
      // After a probe still replaying: two replays would read the same file.
      const run: Promise<void> = (this.probing ?? Promise.resolve())
        .then(() => this.probe())
        .finally(() => {
          if (this.probing === run) this.probing = undefined;
        });
      this.probing = run;
    }, 1_000);
    (this.probeTimer as { unref?: () => void }).unref?.();
  }

  /** Is the database back? Then replay the spill and let flushes go to the database again. */
  private async probe(): Promise<void> {
    try {
      await withTimeout(this.store.ping(), this.opts.writeTimeoutMs);
      // New clicks go to the database again while the spill is replayed (writes are idempotent).
      this.databaseUp = true;
      await this.replaySpill();
      this.log.info("database reachable again; spilled clicks replayed");
    } catch (error) {
      this.databaseUp = false;
      this.log.warn("database still unreachable", { error: String(error) });
      if (error instanceof TimedOut) await this.reconnect();
      this.scheduleProbe();
    }
  }

  private async reconnect() {
    if (!this.store.reconnect) return;
    try {
      await this.store.reconnect();
      this.metrics.reconnects++;
      this.log.warn("database connections replaced after a request got no answer");
    } catch (error) {
      this.log.error("database connections not replaced", { error: String(error) });
    }
  }

  private async replaySpill() {
    const replayed = await this.spill.replay(async (batch) => {
      await withTimeout(this.store.write(batch), this.opts.writeTimeoutMs);
      this.metrics.clicksReplayed += batch.length;
    }, this.opts.batchSize);
    if (replayed > 0) this.log.info("spilled clicks replayed", { clicks: replayed });
  }

  /**
   * Graceful stop: nothing queued is lost. When the database answers, the spill file is replayed
   * first, so a gateway stopped soon after an outage leaves nothing waiting; what the database does
   * not take is on disk for the next start.
   */
  async close() {
    this.closed = true;
    clearInterval(this.timer);
    clearTimeout(this.probeTimer);
    this.probeTimer = undefined;
    await this.probing; // a probe already replaying finishes first: two replays would read the same file
    await this.flushing;
    if (!this.databaseUp || this.spill.pending() > 0) {
      // A database just back may take a moment to accept connections again: a few tries, bounded.
      const deadline = performance.now() + Math.min(this.opts.writeTimeoutMs, 3_000);
      for (;;) {
        try {
          await withTimeout(this.store.ping(), 1_000);
          this.databaseUp = true;
          break;
        } catch {
          this.databaseUp = false;
          if (performance.now() >= deadline) break; // still down: everything goes to the spill file
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    }
    if (this.databaseUp && this.spill.pending() > 0) {
      await this.replaySpill().catch((error) =>
        this.log.warn("spilled clicks not replayed at stop; they wait for the next start", { error: String(error) }),
      );
    }
    await this.flush();
  }
}

class TimedOut extends Error {}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimedOut(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
