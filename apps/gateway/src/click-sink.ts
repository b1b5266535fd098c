import { type CapturedClick, describeClick } from "./capture.ts";
import type { GatewayMetrics } from "./metrics.ts";
import type { ClickRecorder, SpillStore } from "./recorder.ts";
import type { VisitorHasher } from "./visitor.ts";

/** Where the redirect path hands its clicks: described, queued, batched and written elsewhere. */
export interface ClickSink {
  record(click: CapturedClick): void;
  /** Clicks accepted and not yet written (or spilled). */
  readonly queueDepth: number;
  /** False while the database is treated as unreachable (clicks go to the spill file). */
  readonly databaseUp: boolean;
  /** Spilled clicks not yet replayed. */
  spillPending(): number;
  /** Writes (or spills) every click accepted so far. */
  flush(): Promise<void>;
  /** Flushes, then stops; nothing accepted is lost. */
  close(): Promise<void>;
}

/**
 * Describes and records on the calling thread: the embedded database (PGlite lives in this
 * thread), tests, and runtimes without threads.
 */
export class InProcessClickSink implements ClickSink {
  private describing = new Set<Promise<void>>();

  constructor(
    private recorder: ClickRecorder,
    private spill: SpillStore,
    private hashVisitor: VisitorHasher,
    private metrics: GatewayMetrics,
  ) {}

  record(click: CapturedClick) {
    const row = describeClick(click, this.hashVisitor);
    if (!(row instanceof Promise)) return this.take(row);
    const p = row.then((r) => this.take(r)).finally(() => this.describing.delete(p));
    this.describing.add(p);
  }

  private take(row: Awaited<ReturnType<typeof describeClick>>) {
    if (row.is_bot) this.metrics.bots++;
    this.recorder.record(row);
  }

  get queueDepth() {
    return this.recorder.queueDepth + this.describing.size;
  }
  get databaseUp() {
    return this.recorder.databaseUp;
  }
  spillPending() {
    return this.spill.pending();
  }
  async flush() {
    await Promise.all(this.describing);
    await this.recorder.flush();
  }
  async close() {
    await Promise.all(this.describing);
    await this.recorder.close();
  }
}
