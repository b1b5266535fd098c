import { Worker } from "node:worker_threads";
import type { CapturedClick } from "./capture.ts";
import type { ClickSink } from "./click-sink.ts";
import {
  BatchBuilder,
  type ClickWriterData,
  type ClickWriterState,
  type FromWriter,
  type ToWriter,
} from "./click-writer-protocol.ts";
import type { GatewayMetrics } from "./metrics.ts";
import type { Logger } from "./recorder.ts";

/** Captured clicks go to the writer thread when this many are waiting, or every SEND_MS. */
const SEND_AT = 1_000;
const SEND_MS = 10;

/**
 * The server thread's side of the click writer thread (click-writer-worker.ts). `record` only
 * appends a captured click to column arrays; they are posted to the thread every 10 ms (or 1,000
 * clicks), where clicks are described, batched and written. A thread that dies is started again;
 * what it had spilled is replayed by the new one, and clicks only in its memory are logged as lost.
 */
export class ThreadClickSink implements ClickSink {
  private worker!: Worker;
  private batch = new BatchBuilder(SEND_AT);
  private timer: ReturnType<typeof setInterval>;
  private seq = 0;
  private waiting = new Map<number, { done: () => void; fail: (e: Error) => void }>();
  private state: ClickWriterState;
  private closing = false;
  /** Clicks posted to the thread (this thread's count; the thread reports how many it received). */
  private sent = 0;

  private constructor(
    private data: ClickWriterData,
    private metrics: GatewayMetrics,
    private log: Logger,
  ) {
    this.state = { received: 0, queueDepth: 0, spillPending: 0, databaseUp: true, counters: metrics.clickWriterCounters() };
    this.timer = setInterval(() => this.send(), SEND_MS);
    this.timer.unref();
  }

  static async start(data: ClickWriterData, metrics: GatewayMetrics, log: Logger): Promise<ThreadClickSink> {
    const sink = new ThreadClickSink(data, metrics, log);
    await sink.spawn();
    return sink;
  }

  private spawn(): Promise<void> {
    return new Promise((ready, failed) => {
      const worker = new Worker(new URL("./click-writer-worker.mjs", import.meta.url), { workerData: this.data });
      this.worker = worker;
      let started = false;
      worker.on("message", (m: FromWriter) => {
        if (m.type === "log") return this.log[m.level](m.msg, m.fields);
        this.take(m.state);
        if (m.type === "ready") {
          started = true;
          ready();
        } else if (m.type === "done") {
          const w = this.waiting.get(m.seq);
          this.waiting.delete(m.seq);
          if (m.error) w?.fail(new Error(m.error));
          else w?.done();
        }
      });
      worker.on("error", (error) => {
        if (!started) return failed(error);
        this.log.error("click writer thread failed", { error: String(error) });
      });
      worker.on("exit", (code) => {
        for (const w of this.waiting.values()) w.fail(new Error(`click writer thread exited (${code})`));
        this.waiting.clear();
        if (!started || this.closing) return;
        this.log.error("click writer thread exited; starting another", { code, clicks_in_memory: this.state.queueDepth });
        this.state = { ...this.state, received: 0, queueDepth: 0 };
        this.sent = 0;
        this.spawn().catch((error) => this.log.error("click writer thread did not start", { error: String(error) }));
      });
    });
  }

  private take(state: ClickWriterState) {
    this.state = state;
    this.metrics.setClickWriterCounters(state.counters);
  }

  record(c: CapturedClick) {
    this.batch.add(c);
    if (this.batch.full) this.send();
  }

  private send() {
    if (this.batch.n === 0) return;
    const { batch, transfer } = this.batch.build();
    this.batch = new BatchBuilder(SEND_AT);
    this.sent += batch.n;
    this.worker.postMessage({ type: "clicks", batch } satisfies ToWriter, transfer);
  }

  private post(m: ToWriter) {
    this.worker.postMessage(m);
  }

  private request(type: "flush" | "close"): Promise<void> {
    this.send();
    const seq = ++this.seq;
    return new Promise<void>((done, fail) => {
      this.waiting.set(seq, { done, fail });
      this.post({ type, seq });
    });
  }

  get queueDepth() {
    return this.batch.n + (this.sent - this.state.received) + this.state.queueDepth;
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
    this.closing = true;
    try {
      await this.request("close");
    } catch (error) {
      // A thread that died took only what was in its memory; what it spilled is on disk for the next start.
      this.log.error("click writer thread did not close cleanly", { error: String(error) });
    } finally {
      await this.worker.terminate();
    }
  }
}
