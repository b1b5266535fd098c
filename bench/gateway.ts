/**
 * pnpm bench:gateway: in one run on this machine, loads (a) a bare Hono app on @hono/node-server
 * that only answers 302 and (b) the gateway (apps/gateway/src/server.ts) recording every click in
 * PostgreSQL, each in its own process, with the same generator (hey, outside both processes), the
 * same connections and duration, in alternating rounds. Then the gateway is stopped with SIGTERM (it flushes), and the
 * rows are counted. Run through scripts/with-postgres.sh (a throwaway server) or with
 * TEST_DATABASE_URL set. BENCH_GATEWAY_DURATION (s, default 20) and BENCH_GATEWAY_CONNECTIONS (64).
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { createDb, migrateToLatest } from "@shopreg/db";
import { seedService } from "../apps/gateway/test/helpers.ts";
import { freePort } from "../apps/gateway/test/pg-server.ts";

const exec = promisify(execFile);
const root = resolve(import.meta.dirname, "..");
const databaseUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("bench:gateway needs TEST_DATABASE_URL (run it through scripts/with-postgres.sh)");
// 20 s per server in 5 s rounds: the ratio moves by a few hundredths between runs on a shared VM,
// and more alternating rounds average that out.
const duration = Number(process.env.BENCH_GATEWAY_DURATION ?? 20);
const connections = Number(process.env.BENCH_GATEWAY_CONNECTIONS ?? 64);
const warmup = 3;
const UA =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
await exec("hey", ["-n", "1", "http://127.0.0.1:1/"]).catch((e: NodeJS.ErrnoException) => {
  if (e.code === "ENOENT") throw new Error("bench:gateway needs the hey load generator: apt-get install -y hey");
});

type Load = { requests: number; seconds: number; latencies: number[]; statuses: Record<string, number> };

/**
 * One hey run; -o csv gives every request's latency, so p99 is exact across rounds. hey -z waits
 * for the requests in flight when the time is up: every request it sent is counted.
 */
async function load(url: string, seconds: number): Promise<Load> {
  const { stdout } = await exec(
    "hey",
    [
      "-z",
      `${seconds}s`,
      "-c",
      String(connections),
      "-disable-redirects",
      "-disable-compression",
      "-o",
      "csv",
      "-H",
      `User-Agent: ${UA}`,
      url,
    ],
    { maxBuffer: 512 * 1024 * 1024 },
  );
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  for (const line of stdout.split("\n").slice(1)) {
    const cols = line.split(",");
    if (cols.length < 8) continue;
    latencies.push(Number(cols[0]) * 1000);
    statuses[cols[6]!] = (statuses[cols[6]!] ?? 0) + 1;
  }
  return { requests: latencies.length, seconds, latencies, statuses };
}

function merge(loads: Load[]) {
  const latencies = loads.flatMap((l) => l.latencies).sort((a, b) => a - b);
  const statuses: Record<string, number> = {};
  for (const l of loads) for (const [k, v] of Object.entries(l.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  const requests = latencies.length;
  return { requests, rps: requests / loads.reduce((n, l) => n + l.seconds, 0), p50: at(0.5), p99: at(0.99), statuses };
}

function child(args: string[], env: Record<string, string>): ChildProcess {
  const p = spawn(join(root, "node_modules/.bin/tsx"), args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return p;
}
const exited = (p: ChildProcess) =>
  new Promise<number | null>((r) => (p.exitCode !== null ? r(p.exitCode) : p.once("exit", (code) => r(code))));

async function waitFor(url: string, statuses = [200]) {
  for (let i = 0; i < 200; i++) {
    try {
      if (statuses.includes((await fetch(url)).status)) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}

const handle = await createDb({ databaseUrl, maxConnections: 2 });
await migrateToLatest(handle.db);
const { links } = await seedService(handle.db, "ON");
const token = links.LOCAL_SELLER.token;
const pg = handle.pg!;
await pg`TRUNCATE clicks`;

// Both servers run side by side, idle in turn; the rounds alternate (B G G B ...) so a change in
// the machine's other load during the run weighs on both alike.
const basePort = await freePort();
const base = child(["bench/gateway-baseline.ts"], { PORT: String(basePort) });
const dir = mkdtempSync(join(tmpdir(), "shopreg-bench-gw-"));
const gwPort = await freePort();
const metricsPort = await freePort();
const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
const gw = child(["apps/gateway/src/server.ts"], {
  DATABASE_URL: databaseUrl,
  GATEWAY_PORT: String(gwPort),
  GATEWAY_METRICS_PORT: String(metricsPort),
  GATEWAY_HOST: "127.0.0.1",
  GATEWAY_PUBLIC_URL: `http://127.0.0.1:${gwPort}`,
  GATEWAY_VISITOR_HASH_SECRET: "bench-secret-0123456789abcdef",
  GATEWAY_SPILL_FILE: join(dir, "spill.jsonl"),
  GATEWAY_LOG_LEVEL: "warn",
  NODE_ENV: "production",
});
await waitFor(`http://127.0.0.1:${gwPort}/_/health`);
await waitFor(`http://127.0.0.1:${basePort}/_/none`, [404]);
const baseUrl = `http://127.0.0.1:${basePort}/${token}`;
const gwUrl = `http://127.0.0.1:${gwPort}/${token}`;
await waitFor(metricsUrl);
const queueDepth = async () =>
  Number(/^gateway_click_queue_depth (\d+)$/m.exec(await (await fetch(metricsUrl)).text())?.[1] ?? Number.NaN);
const queueDrained = async () => {
  for (let i = 0; i < 300; i++) {
    if ((await queueDepth()) === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
};
// The most clicks queued at any time (sampled every 100 ms): a writer that keeps up stays near one batch.
let maxQueued = 0;
const sampler = setInterval(() => {
  queueDepth().then(
    (n) => {
      if (n > maxQueued) maxQueued = n;
    },
    () => {},
  );
}, 100);

const warm = [await load(baseUrl, warmup), await load(gwUrl, warmup)];
await queueDrained();
const rounds = Math.max(2, 2 * Math.round(duration / 5));
const roundSeconds = duration / (rounds / 2);
const baselineRuns: Load[] = [];
const gatewayRuns: Load[] = [];
for (let i = 0; i < rounds; i++) {
  if (i % 4 === 0 || i % 4 === 3) baselineRuns.push(await load(baseUrl, roundSeconds));
  else {
    gatewayRuns.push(await load(gwUrl, roundSeconds));
    await queueDrained(); // the gateway's flush must not run during the baseline's turn
  }
}
clearInterval(sampler);
const metrics = await (await fetch(metricsUrl)).text();
base.kill("SIGTERM");
gw.kill("SIGTERM"); // flushes every queued click before exiting
await exited(base);
const code = await exited(gw);
const [counted] = await pg`SELECT count(*)::int AS n FROM clicks`;
const stored = Number(counted?.n);
await handle.close();
rmSync(dir, { recursive: true, force: true });

const baseline = merge(baselineRuns);
const gateway = merge(gatewayRuns);
const requests = warm[1]!.requests + gateway.requests;
const ratio = gateway.rps / baseline.rps;
const spilled = Number(/^gateway_clicks_spilled_total (\d+)/m.exec(metrics)?.[1] ?? 0);
const fmt = (n: number) => n.toFixed(2);
console.log(
  `machine: ${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, node ${process.version}, load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
console.log(
  `generator: hey -c ${connections}, ${duration}s per server in ${rounds} alternating rounds of ${roundSeconds}s (+${warmup}s warm-up each); gateway exit code ${code}`,
);
console.log(
  `baseline: rps=${fmt(baseline.rps)} p50_ms=${fmt(baseline.p50)} p99_ms=${fmt(baseline.p99)} requests=${baseline.requests} statuses=${JSON.stringify(baseline.statuses)}`,
);
console.log(
  `gateway:  rps=${fmt(gateway.rps)} p50_ms=${fmt(gateway.p50)} p99_ms=${fmt(gateway.p99)} requests=${requests} (warm-up ${warm[1]!.requests}) statuses=${JSON.stringify(gateway.statuses)} rows=${stored} spilled=${spilled}`,
);
console.log(
  `gateway: ratio=${ratio.toFixed(2)} p99_ms=${fmt(gateway.p99)} baseline_p99_ms=${fmt(baseline.p99)} p99_x=${fmt(gateway.p99 / baseline.p99)} max_queued=${maxQueued} spilled=${spilled} lost=${requests - stored}`,
);
