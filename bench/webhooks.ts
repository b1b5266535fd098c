/**
 * pnpm bench:webhooks — BENCH_WEBHOOK_EVENTS (10,000) events fanned out to 3 endpoints on a local
 * receiver, one of which fails 30% of first attempts (500), through the real path: the event, its
 * deliveries and their pg-boss jobs committed together, the API's worker signing and POSTing them.
 * Events are committed at BENCH_WEBHOOK_RATE per second (default 150, so 450 deliveries/s) by
 * BENCH_WEBHOOK_WRITERS (default 4) writers. The worker is woken by each commit (NOTIFY), not by polling. Prints, last:
 *   webhooks: events=<n> emitted_per_s=<n> deliveries=<n> p95_ms=<commit-to-receipt p95 of first attempts> lost=<n> duplicates=<n> cpu="<model>"
 * Targets (issue 22): p95 <= 250 ms at >= 140 events/s emitted, lost = 0, duplicates = 0.
 * Run through scripts/with-postgres.sh (the root script does).
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startTestApi } from "../apps/api/src/testing.ts";
import { emit } from "../apps/api/src/usecases/events.ts";

const EVENTS = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 10_000);
const RATE = Number(process.env.BENCH_WEBHOOK_RATE ?? 150);
/** Concurrent writers (each commits one event at a time); more reach the rate on a machine slowed by other load. */
const WRITERS = Number(process.env.BENCH_WEBHOOK_WRITERS ?? 4);
if (!process.env.TEST_DATABASE_URL) {
  console.error("bench:webhooks needs PostgreSQL: run it as `pnpm bench:webhooks` (scripts/with-postgres.sh).");
  process.exit(1);
}

// Retries after 1, 2, 4 s (the production schedule starts at 5 s and spans a day; the bench must end).
const api = await startTestApi("postgres", { webhookRetrySchedule: [1, 2, 4, 8] });
const committedAt = new Map<string, number>();
const firstSeen = new Map<string, number>(); // event|endpoint -> ms from commit to first receipt
const okCount = new Map<string, number>();
const firstTried = new Set<string>();

const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const now = Date.now();
    const id = String(req.headers["webhook-id"]);
    const key = `${id}|${req.url}`;
    const committed = committedAt.get(id);
    if (!firstSeen.has(key) && committed !== undefined) firstSeen.set(key, now - committed);
    let status = 200;
    if (req.url === "/flaky" && !firstTried.has(key)) {
      firstTried.add(key);
      if (Math.random() < 0.3) status = 500;
    }
    if (status === 200) okCount.set(key, (okCount.get(key) ?? 0) + 1);
    res.writeHead(status).end();
  });
});
await new Promise<void>((ok) => receiver.listen(0, "127.0.0.1", () => ok()));
const base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

const partner = await api.signUp();
for (const path of ["/a", "/b", "/flaky"]) {
  const r = await api.request("/v1/webhook-endpoints", { cookie: partner.cookie, body: { url: base + path } });
  if (r.status !== 201) throw new Error(`endpoint: ${r.status} ${JSON.stringify(r.body)}`);
}
await api.startWorker({ loops: 2, batchSize: 25 });

const started = Date.now();
let next = 0;
async function writer() {
  while (true) {
    const seq = next++;
    if (seq >= EVENTS) return;
    const due = started + (seq * 1000) / RATE;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const event = await api.db.transaction().execute((trx) =>
      emit(trx, api.services, "api_key.created", partner.partnerId, {
        // A well-formed payload: emit is typed by each event's schema.
        id: `key_${seq}`,
        name: String(seq),
        prefix: "sk_bench",
        scopes: [],
        created_at: new Date().toISOString(),
        last_used_at: null,
        revoked_at: null,
      }),
    );
    committedAt.set(event.id, Date.now());
  }
}
await Promise.all(Array.from({ length: WRITERS }, writer));
const emitted = Date.now() - started;

const expected = EVENTS * 3;
const deadline = Date.now() + 120_000;
while (okCount.size < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
await new Promise((r) => setTimeout(r, 1_000)); // let late duplicates show

const latencies = [...firstSeen.values()].sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? Number.NaN;
const lost = expected - okCount.size;
const duplicates = [...okCount.values()].reduce((a, n) => a + (n - 1), 0);
console.log(
  `emitted ${EVENTS} events in ${(emitted / 1000).toFixed(1)} s (${(EVENTS / (emitted / 1000)).toFixed(0)}/s); ` +
    `first-attempt latency p50=${pct(50)} ms p99=${pct(99)} ms max=${latencies.at(-1)} ms`,
);
await api.close();
await new Promise<void>((ok) => receiver.close(() => ok()));
const cpu = /model name\s*:\s*(.+)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.trim() ?? "unknown";
console.log(
  `webhooks: events=${EVENTS} emitted_per_s=${(EVENTS / (emitted / 1000)).toFixed(0)} deliveries=${expected} ` +
    `p95_ms=${pct(95)} lost=${lost} duplicates=${duplicates} cpu="${cpu}"`,
);
process.exit(0);
