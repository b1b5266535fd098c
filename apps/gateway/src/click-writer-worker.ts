/**
 * The click writer thread (started by ThreadClickSink): describes the clicks the server thread
 * captured (user agent, visitor hash), batches them and writes them to PostgreSQL with COPY through
 * a connection of its own, spilling to the local file while the database is unreachable. The
 * server thread only captures and redirects, so this work runs beside it on another core.
 */
import { parentPort, workerData } from "node:worker_threads";
import { createDb } from "@shopreg/db";
import { describeClick } from "./capture.ts";
import type { ClickWriterData, ClickWriterState, FromWriter, ToWriter } from "./click-writer-protocol.ts";
import { unpackBatch } from "./click-writer-protocol.ts";
import { startDatabaseRecorder } from "./database-recorder.ts";
import { GatewayMetrics } from "./metrics.ts";
import { createNodeVisitorHasher } from "./node-hasher.ts";
import type { Logger } from "./recorder.ts";

const port = parentPort;
if (!port) throw new Error("click-writer-worker.ts runs as a worker thread");
const data = workerData as ClickWriterData;
const send = (m: FromWriter) => port.postMessage(m);
const log: Logger = {
  info: (msg, fields) => send({ type: "log", level: "info", msg, fields }),
  warn: (msg, fields) => send({ type: "log", level: "warn", msg, fields }),
  error: (msg, fields) => send({ type: "log", level: "error", msg, fields }),
};

const open = () => createDb({ databaseUrl: data.databaseUrl, maxConnections: 2 });
const first = await open();
if (!first.pg) throw new Error("the click writer thread needs a PostgreSQL server");
const metrics = new GatewayMetrics();
const { recorder, spill, handle } = startDatabaseRecorder(first, data.clicks, metrics, log, open);
const hash = createNodeVisitorHasher(data.visitorHashSecret, data.visitorKeyRotationHours);

let received = 0;
// The server thread keeps every click it handed over until it hears that the click is durable.
recorder.onDurable = (durable) => send({ type: "durable", durable });
const state = (): ClickWriterState => ({
  received,
  durable: recorder.durable,
  queueDepth: recorder.queueDepth,
  spillPending: spill.pending(),
  databaseUp: recorder.databaseUp,
  counters: metrics.clickWriterCounters(),
});
const reporter = setInterval(() => send({ type: "state", state: state() }), 250);

port.on("message", (m: ToWriter) => {
  if (m.type === "clicks") {
    received += m.batch.n;
    for (const click of unpackBatch(m.batch)) {
      // node:crypto's hasher is synchronous, so describeClick returns the row itself.
      const row = describeClick(click, hash) as Awaited<ReturnType<typeof describeClick>>;
      if (row.is_bot) metrics.bots++;
      recorder.record(row);
    }
    return;
  }
  const answer = (error?: unknown) =>
    send({ type: "done", seq: m.seq, state: state(), ...(error ? { error: String(error) } : {}) });
  if (m.type === "flush") {
    recorder.flush().then(() => answer(), answer);
    return;
  }
  // close: flush everything (to the database or the spill file), then let go of the connection.
  clearInterval(reporter);
  recorder
    .close()
    .then(async () => {
      const last = handle();
      await last.pg?.end({ timeout: 2 }).catch(() => {});
      await last.close().catch(() => {});
    })
    .then(() => answer(), answer);
});

send({ type: "ready", state: state() });
