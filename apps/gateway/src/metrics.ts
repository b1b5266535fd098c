/** Prometheus text exposition, kept by hand: a few counters, gauges and one histogram (portable, no Node APIs). */
const FLUSH_BUCKETS_MS = [1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];

export type Outcome = "redirected" | "inactive" | "not_found" | "unavailable";

/** The click-writing counters, which the click writer thread keeps and reports to the server thread. */
export type ClickWriterCounters = {
  bots: number;
  clicksWritten: number;
  clicksSpilled: number;
  clicksReplayed: number;
  flushFailures: number;
  reconnects: number;
  flushCounts: number[];
  flushSum: number;
  flushCount: number;
};

export class GatewayMetrics {
  requests = new Map<string, number>();
  outcomes = new Map<Outcome, number>();
  bots = 0;
  cacheHits = 0;
  cacheMisses = 0;
  cacheStale = 0;
  clicksWritten = 0;
  clicksSpilled = 0;
  clicksReplayed = 0;
  flushFailures = 0;
  reconnects = 0;
  private flushCounts = new Array<number>(FLUSH_BUCKETS_MS.length).fill(0);
  private flushSum = 0;
  private flushCount = 0;

  request(method: string) {
    this.requests.set(method, (this.requests.get(method) ?? 0) + 1);
  }
  outcome(o: Outcome) {
    this.outcomes.set(o, (this.outcomes.get(o) ?? 0) + 1);
  }
  flushed(ms: number) {
    this.flushSum += ms;
    this.flushCount++;
    for (let i = 0; i < FLUSH_BUCKETS_MS.length; i++) if (ms <= (FLUSH_BUCKETS_MS[i] as number)) this.flushCounts[i]!++;
  }

  clickWriterCounters(): ClickWriterCounters {
    const { bots, clicksWritten, clicksSpilled, clicksReplayed, flushFailures, reconnects, flushSum, flushCount } = this;
    return {
      bots,
      clicksWritten,
      clicksSpilled,
      clicksReplayed,
      flushFailures,
      reconnects,
      flushCounts: [...this.flushCounts],
      flushSum,
      flushCount,
    };
  }

  /** Takes the click writer thread's counters as its own (they are totals, not increments). */
  setClickWriterCounters(c: ClickWriterCounters) {
    this.bots = c.bots;
    this.clicksWritten = c.clicksWritten;
    this.clicksSpilled = c.clicksSpilled;
    this.clicksReplayed = c.clicksReplayed;
    this.flushFailures = c.flushFailures;
    this.reconnects = c.reconnects;
    this.flushCounts = [...c.flushCounts];
    this.flushSum = c.flushSum;
    this.flushCount = c.flushCount;
  }

  render(gauges: { queueDepth: number; spillPending: number; cacheEntries: number; databaseUp: boolean }): string {
    const out: string[] = [];
    const metric = (name: string, type: string, help: string, samples: [string, number][]) => {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      for (const [labels, v] of samples) out.push(`${name}${labels} ${v}`);
    };
    metric(
      "gateway_requests_total",
      "counter",
      "HTTP requests received, by method.",
      [...this.requests].map(([m, v]) => [`{method="${m}"}`, v]),
    );
    const outcomes: Outcome[] = ["redirected", "inactive", "not_found", "unavailable"];
    metric(
      "gateway_link_responses_total",
      "counter",
      "Link requests by outcome (redirected = 302, inactive = 410, not_found = 404, unavailable = 503).",
      outcomes.map((o) => [`{outcome="${o}"}`, this.outcomes.get(o) ?? 0]),
    );
    metric("gateway_bot_requests_total", "counter", "Link requests recorded as bots (HEAD or a bot user agent).", [
      ["", this.bots],
    ]);
    metric("gateway_link_cache_hits_total", "counter", "Link lookups answered from the cache.", [["", this.cacheHits]]);
    metric("gateway_link_cache_misses_total", "counter", "Link lookups that went to the database.", [["", this.cacheMisses]]);
    metric("gateway_link_cache_stale_total", "counter", "Expired links served because the database was unreachable.", [
      ["", this.cacheStale],
    ]);
    metric("gateway_link_cache_entries", "gauge", "Links (and unknown tokens) in the cache.", [["", gauges.cacheEntries]]);
    metric("gateway_click_queue_depth", "gauge", "Clicks waiting in memory for the next flush.", [["", gauges.queueDepth]]);
    metric("gateway_clicks_written_total", "counter", "Click rows written to the database.", [["", this.clicksWritten]]);
    metric("gateway_clicks_spilled_total", "counter", "Clicks appended to the local spill file.", [["", this.clicksSpilled]]);
    metric("gateway_clicks_replayed_total", "counter", "Spilled clicks replayed into the database.", [["", this.clicksReplayed]]);
    metric("gateway_click_spill_pending", "gauge", "Spilled clicks not yet replayed.", [["", gauges.spillPending]]);
    metric("gateway_click_flush_failures_total", "counter", "Click batches the database did not take.", [
      ["", this.flushFailures],
    ]);
    metric(
      "gateway_database_reconnects_total",
      "counter",
      "Times the click writer replaced connections that stopped answering.",
      [["", this.reconnects]],
    );
    metric("gateway_database_up", "gauge", "1 when the last database operation succeeded.", [["", gauges.databaseUp ? 1 : 0]]);
    out.push(
      "# HELP gateway_click_flush_duration_ms Time to write one batch of clicks.",
      "# TYPE gateway_click_flush_duration_ms histogram",
    );
    FLUSH_BUCKETS_MS.forEach((le, i) => {
      out.push(`gateway_click_flush_duration_ms_bucket{le="${le}"} ${this.flushCounts[i]}`);
    });
    out.push(`gateway_click_flush_duration_ms_bucket{le="+Inf"} ${this.flushCount}`);
    out.push(`gateway_click_flush_duration_ms_sum ${this.flushSum}`, `gateway_click_flush_duration_ms_count ${this.flushCount}`);
    return `${out.join("\n")}\n`;
  }
}
