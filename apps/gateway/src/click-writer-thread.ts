import { Worker } from "node:worker_threads";
import type { CapturedClick } from "./capture.ts";
import type { ClickSink } from "./click-sink.ts";
import {
  BatchBuilder,
  type CapturedBatch,
  type ClickWriterData,
  type ClickWriterState,
  type FromWriter,
  type ToWriter,
} from "./click-writer-protocol.ts";
import type { GatewayMetrics } from "./metrics.ts";
import type { Logger } from "./recorder.ts";

/** Captured clicks go to the writer thread when this many are waiting, or every SEND_MS. */
const SEND_AT = 1_000;
const SEND_MS = 25;

/**
 * The server thread's side of the click writer thread (click-writer-worker.ts). `record` only
 * appends a captured click to column arrays; they are posted to the thread every 25 ms (or 1,000
 * clicks), where clicks are described, batched and written.
 *
 * Nothing handed over is lost if the thread dies: every batch posted stays here until the thread
 * reports its clicks durable (written to the database or appended to the spill file). A thread
 * that exits is started again and gets every batch not yet durable, in order; writes are
 * idempotent by click id, so a click the dead thread had in fact committed is stored once.
 */
export class ThreadClickSink implements ClickSink {
  private worker!: Worker;
  private batch = new BatchBuilder(SEND_AT);
  private timer: ReturnType<typeof setInterval>;
  private seq = 0;
  private waiting = new Map<number, { done: () => void; fail: (e: Error) => void }>();
  private state: ClickWriterState;
  /** Set once close() lets the thread go: an exit after that starts no other. */
  private stopped = false;
  /** Clicks posted to the current thread since it started, and those it reported durable. */
  private sent = 0;
  private durable = 0;
  /** Batches posted to the current thread and not yet durable; `end` is `sent` after each. */
  private unconfirmed: { batch: CapturedBatch; end: number }[] = [];
  /** Settles when the current thread is ready (a restarted thread included). */
  private ready!: Promise<void>;
  /** False between a thread's exit and the start of the next: batches then wait here. */
  private alive = false;
  private failedStarts = 0;

  private constructor(
    private data: ClickWriterData,
    private metrics: GatewayMetrics,
    private log: Logger,
  ) {
    this.state = {
      received: 0,
      durable: 0,
      queueDepth: 0,
      spillPending: 0,
      databaseUp: true,
      counters: metrics.clickWriterCounters(),
    };
    this.timer = setInterval(() => this.send(), SEND_MS);
    this.timer.unref();
  }

  static async start(data: ClickWriterData, metrics: GatewayMetrics, log: Logger): Promise<ThreadClickSink> {
    const sink = new ThreadClickSink(data, metrics, log);
    sink.ready = sink.spawn(true);
    await sink.ready;
    return sink;
  }

  /**
   * Starts a thread and hands it every batch not yet durable. The first start fails to the caller;
   * a thread that exits later (even while starting) is replaced, after a growing pause when
   * threads keep dying before they are ready.
   */
  private spawn(first: boolean): Promise<void> {
    return new Promise((ready, failed) => {
      const worker = new Worker(new URL("./click-writer-worker.mjs", import.meta.url), { workerData: this.data });
      this.worker = worker;
      this.alive = true;
      this.sent = 0;
      this.durable = 0;
      // What the previous thread had not made durable goes first, in the order it was captured.
      const again = this.unconfirmed;
      this.unconfirmed = [];
      for (const { batch } of again) this.post(batch);
      let started = false;
      worker.on("message", (m: FromWriter) => {
        if (m.type === "log") return this.log[m.level](m.msg, m.fields);
        if (m.type === "durable") return this.confirm(m.durable);
        this.take(m.state);
        if (m.type === "ready") {
          started = true;
          this.failedStarts = 0;
          ready();
        } else if (m.type === "done") {
          const w = this.waiting.get(m.seq);
          this.waiting.delete(m.seq);
          if (m.error) w?.fail(new Error(m.error));
          else w?.done();
        }
      });
      worker.on("error", (error) => {
        this.log.error("click writer thread failed", { error: String(error) });
        if (first && !started) failed(error);
      });
      worker.on("exit", (code) => {
        this.alive = false;
        for (const w of this.waiting.values()) w.fail(new ThreadExited(code));
        this.waiting.clear();
        if (this.stopped || (first && !started)) return failed(new ThreadExited(code));
        const pause = started ? 0 : Math.min(5_000, 250 * ++this.failedStarts);
        this.log.error("click writer thread exited; starting another with the clicks it had not written", {
          code,
          clicks_resent: this.sent - this.durable,
        });
        this.state = { ...this.state, received: 0, durable: 0, queueDepth: 0 };
        // Whoever waits for this thread (flush, close) waits for the next one instead.
        const next = new Promise<void>((r) => setTimeout(r, pause)).then(() => this.spawn(false));
        this.ready = next;
        next.then(ready, (error) => this.log.error("click writer thread did not start", { error: String(error) }));
      });
    });
  }

  private take(state: ClickWriterState) {
    this.state = state;
    this.confirm(state.durable);
    this.metrics.setClickWriterCounters(state.counters);
  }

  /** The thread's first `durable` clicks are written or spilled: let go of their batches. */
  private confirm(durable: number) {
    if (durable <= this.durable) return;
    this.durable = durable;
    let i = 0;
    while (i < this.unconfirmed.length && (this.unconfirmed[i] as { end: number }).end <= durable) i++;
    if (i > 0) this.unconfirmed.splice(0, i);
  }

  record(c: CapturedClick) {
    this.batch.add(c);
    if (this.batch.full) this.send();
  }

  private send() {
    if (this.batch.n === 0) return;
    const { batch } = this.batch.build();
    this.batch = new BatchBuilder(SEND_AT);
    this.post(batch);
  }

  /** Posts a batch and keeps it until the thread reports it durable. */
  private post(batch: CapturedBatch) {
    this.sent += batch.n;
    this.unconfirmed.push({ batch, end: this.sent });
    if (!this.alive) return; // the next thread gets it when it starts
    // The kept batch must stay readable, so the thread gets copies of its columns (moved, not cloned again).
    const copy = { ...batch, at: batch.at.slice(), meta: batch.meta.slice() };
    this.worker.postMessage({ type: "clicks", batch: copy } satisfies ToWriter, [copy.at.buffer, copy.meta.buffer]);
  }

  /** Asks the thread to flush or close; a thread that dies meanwhile is replaced and asked again. */
  private async request(type: "flush" | "close"): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      this.send();
      const seq = ++this.seq;
      try {
        await this.ready; // a thread being replaced: ask the next one
        await new Promise<void>((done, fail) => {
          this.waiting.set(seq, { done, fail });
          this.worker.postMessage({ type, seq } satisfies ToWriter);
        });
        return;
      } catch (error) {
        if (!(error instanceof ThreadExited) || attempt >= 5) throw error;
        // The exit handler is starting the next thread (with the unconfirmed batches).
        await new Promise((r) => setImmediate(r));
      }
    }
  }

  /**
   * Test hook: ends the writer thread abruptly, as a crash would (the sink starts another). Resolves
   * once the thread is gone.
   */
  async terminateWriterForTest(): Promise<void> {
    await this.worker.terminate();
  }

  get queueDepth() {
    return this.batch.n + (this.sent - this.durable);
  }
  get databaseUp() {
    return this.state.databaseUp;
  }
  spillPending() {
    return this.state.spillPending;
  }
  flush() {
    return this.request("flush");
  }
  async close() {
    clearInterval(this.timer);
    try {
      await this.request("close");
    } catch (error) {
      // Only after repeated thread deaths: what the threads spilled is on disk for the next start.
      this.log.error("click writer thread did not close cleanly", {
        error: String(error),
        clicks_not_written: this.batch.n + this.sent - this.durable,
      });
    } finally {
      this.stopped = true;
      await this.worker.terminate();
    }
  }
}

class ThreadExited extends Error {
  constructor(code: number) {
    super(`click writer thread exited (${code})`);
  }
}
