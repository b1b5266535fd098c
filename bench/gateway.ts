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
import { childPids, cpuByThread, cpuMs, postgresCpuMs } from "./proc-cpu.ts";

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
// BENCH_GATEWAY_GENERATOR=wrk loads with `wrk -t2` instead of hey (the issue's saturation check);
// BENCH_GATEWAY_TAGS=1 adds campaign tags to every request's URL (both servers get the same URL).
const generator = process.env.BENCH_GATEWAY_GENERATOR === "wrk" ? "wrk" : "hey";
const tagged = process.env.BENCH_GATEWAY_TAGS === "1";
const TAGS = "?utm_source=newsletter&utm_medium=email&utm_campaign=spring-webinar";
// BENCH_GATEWAY_RATE=<requests/s> (hey only) sends both servers the same fixed rate instead of all
// they can take. The ratio is then ~1 by design; what it gives is each process's CPU per request
// without a saturated machine's contention, which moves far less between runs than req/s does.
const rate = Number(process.env.BENCH_GATEWAY_RATE ?? 0);
if (rate > 0 && generator === "wrk") throw new Error("BENCH_GATEWAY_RATE needs hey (wrk has no rate limit)");
await exec(generator, generator === "hey" ? ["-n", "1", "http://127.0.0.1:1/"] : ["--version"]).catch(
  (e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT")
      throw new Error(`bench:gateway needs the ${generator} load generator: apt-get install -y ${generator}`);
  },
);

/** One round: requests, latencies (every one with hey; wrk's p50/p99 only), statuses, and the generator's CPU. */
type Load = {
  requests: number;
  seconds: number;
  latencies: number[];
  p50?: number;
  p99?: number;
  statuses: Record<string, number>;
  generatorCpuMs: number;
};

/** Runs the generator under bash so that `times` reports its CPU time (user + system) when it ends. */
async function timed(cmd: string, args: string[]): Promise<{ stdout: string; cpuMs: number }> {
  const { stdout } = await exec("bash", ["-c", '"$@"; times', "bash", cmd, ...args], { maxBuffer: 512 * 1024 * 1024 });
  const lines = stdout.trimEnd().split("\n");
  const children = lines.pop() ?? "";
  lines.pop(); // the shell's own times
  const ms = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce((n, m) => n + (Number(m[1]) * 60 + Number(m[2])) * 1000, 0);
  return { stdout: lines.join("\n"), cpuMs: ms };
}

/**
 * One round. hey: -o csv gives every request's latency, so p99 is exact across rounds, and hey -z
 * waits for the requests in flight when the time is up, so every request it sent is counted.
 * wrk: its own percentiles per round (the worst round's p99 is reported).
 */
async function load(url: string, seconds: number): Promise<Load> {
  if (generator === "wrk") {
    const { stdout, cpuMs } = await timed("wrk", [
      "-t2",
      `-c${connections}`,
      `-d${seconds}s`,
      "--latency",
      "-H",
      `User-Agent: ${UA}`,
      url,
    ]);
    const ms = (label: string) => {
      const m = new RegExp(`^\\s*${label}%\\s+([\\d.]+)(us|ms|s)`, "m").exec(stdout);
      if (!m) return Number.NaN;
      return Number(m[1]) * (m[2] === "us" ? 0.001 : m[2] === "s" ? 1000 : 1);
    };
    const requests = Number(/(\d+) requests in/.exec(stdout)?.[1] ?? 0);
    const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0);
    return {
      requests,
      seconds,
      latencies: [],
      p50: ms("50"),
      p99: ms("99"),
      statuses: { "3xx": requests - non2xx, other: non2xx },
      generatorCpuMs: cpuMs,
    };
  }
  const { stdout, cpuMs } = await timed("hey", [
    "-z",
    `${seconds}s`,
    "-c",
    String(connections),
    "-disable-redirects",
    "-disable-compression",
    ...(rate > 0 ? ["-q", String(rate / connections)] : []),
    "-o",
    "csv",
    "-H",
    `User-Agent: ${UA}`,
    url,
  ]);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  for (const line of stdout.split("\n").slice(1)) {
    const cols = line.split(",");
    if (cols.length < 8) continue;
    latencies.push(Number(cols[0]) * 1000);
    statuses[cols[6]!] = (statuses[cols[6]!] ?? 0) + 1;
  }
  return { requests: latencies.length, seconds, latencies, statuses, generatorCpuMs: cpuMs };
}

/** tsx runs the script in a child node process: that one is the server. */
const serverPid = (p: ChildProcess) => childPids(p.pid!)[0] ?? p.pid!;
function merge(loads: Load[]) {
  if (generator === "wrk") {
    const requests = loads.reduce((n, l) => n + l.requests, 0);
    const statuses: Record<string, number> = {};
    for (const l of loads) for (const [k, v] of Object.entries(l.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
    return {
      requests,
      rps: requests / loads.reduce((n, l) => n + l.seconds, 0),
      p50: Math.max(...loads.map((l) => l.p50 ?? Number.NaN)),
      p99: Math.max(...loads.map((l) => l.p99 ?? Number.NaN)),
      statuses,
    };
  }
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
const profile = process.env.BENCH_GATEWAY_PROFILE;
const profiled = (name: string) => (profile ? ["--cpu-prof", `--cpu-prof-dir=${join(profile, name)}`] : []);
// BENCH_GATEWAY_PROFILE=<dir> writes V8 CPU profiles of both servers' threads there (Chrome DevTools opens them).
const base = child([...profiled("baseline"), "bench/gateway-baseline.ts"], { PORT: String(basePort) });
const dir = mkdtempSync(join(tmpdir(), "shopreg-bench-gw-"));
const gwPort = await freePort();
const metricsPort = await freePort();
const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
const gw = child([...profiled("gateway"), "apps/gateway/src/server.ts"], {
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
const baseUrl = `http://127.0.0.1:${basePort}/${token}${tagged ? TAGS : ""}`;
const gwUrl = `http://127.0.0.1:${gwPort}/${token}${tagged ? TAGS : ""}`;
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
// CPU time per measured request, by process: unlike req/s, it barely moves with the machine's other
// load, so it shows where the gateway's time goes and what a change saved.
const basePid = serverPid(base);
const gwPid = serverPid(gw);
const threadCpu = new Map<string, number>();
const cpu = { baseline: 0, gateway: 0, postgres: 0, heyBaseline: 0, heyGateway: 0 };
for (let i = 0; i < rounds; i++) {
  if (i % 4 === 0 || i % 4 === 3) {
    const before = cpuMs(basePid);
    const round = await load(baseUrl, roundSeconds);
    cpu.baseline += cpuMs(basePid) - before;
    cpu.heyBaseline += round.generatorCpuMs;
    baselineRuns.push(round);
  } else {
    const [before, pgBefore, threadsBefore] = [cpuMs(gwPid), postgresCpuMs(), cpuByThread(gwPid)];
    const round = await load(gwUrl, roundSeconds);
    await queueDrained(); // the gateway's flush must not run during the baseline's turn
    cpu.gateway += cpuMs(gwPid) - before;
    cpu.postgres += postgresCpuMs() - pgBefore;
    for (const [name, ms] of cpuByThread(gwPid))
      threadCpu.set(name, (threadCpu.get(name) ?? 0) + ms - (threadsBefore.get(name) ?? 0));
    cpu.heyGateway += round.generatorCpuMs;
    gatewayRuns.push(round);
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
// Clicks the gateway answered with a redirect (wrk does not count requests still in flight at the end).
const redirected = Number(/^gateway_link_responses_total\{outcome="redirected"\} (\d+)/m.exec(metrics)?.[1] ?? 0);
const requests = Math.max(warm[1]!.requests + gateway.requests, redirected);
const us = (ms: number, n: number) => ((ms * 1000) / n).toFixed(1);
const ratio = gateway.rps / baseline.rps;
// Each gateway round next to the baseline round beside it (B G G B ...): the spread shows how much
// the host moved during the run, which a single ratio hides.
const roundRatios = gatewayRuns.map(
  (g, k) => g.requests / g.seconds / ((baselineRuns[k] as Load).requests / (baselineRuns[k] as Load).seconds),
);
const sortedRatios = [...roundRatios].sort((a, b) => a - b);
const medianRatio =
  ((sortedRatios[(sortedRatios.length - 1) >> 1] as number) + (sortedRatios[sortedRatios.length >> 1] as number)) / 2;
const spilled = Number(/^gateway_clicks_spilled_total (\d+)/m.exec(metrics)?.[1] ?? 0);
const fmt = (n: number) => n.toFixed(2);
console.log(
  `machine: ${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, node ${process.version}, load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
console.log(
  `generator: ${generator === "wrk" ? "wrk -t2 -c" : "hey -c "}${connections}${rate > 0 ? ` at ${rate} req/s` : ""}${tagged ? ", tagged URL" : ""}, ${duration}s per server in ${rounds} alternating rounds of ${roundSeconds}s (+${warmup}s warm-up each); gateway exit code ${code}`,
);
console.log(
  `baseline: rps=${fmt(baseline.rps)} p50_ms=${fmt(baseline.p50)} p99_ms=${fmt(baseline.p99)} requests=${baseline.requests} statuses=${JSON.stringify(baseline.statuses)}`,
);
console.log(
  `gateway:  rps=${fmt(gateway.rps)} p50_ms=${fmt(gateway.p50)} p99_ms=${fmt(gateway.p99)} requests=${requests} (warm-up ${warm[1]!.requests}) statuses=${JSON.stringify(gateway.statuses)} rows=${stored} spilled=${spilled}`,
);
console.log(
  `cpu_us_per_request: baseline server=${us(cpu.baseline, baseline.requests)} generator=${us(cpu.heyBaseline, baseline.requests)}; gateway server (all threads)=${us(cpu.gateway, gateway.requests)} postgres=${us(cpu.postgres, gateway.requests)} generator=${us(cpu.heyGateway, gateway.requests)}`,
);
console.log(
  `gateway threads, cpu_us_per_request: ${[...threadCpu]
    .filter(([, ms]) => ms > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([name, ms]) => `${name.replaceAll(" ", "_")}=${us(ms, gateway.requests)}`)
    .join(" ")}`,
);
console.log(`round pairs: ratios ${roundRatios.map((r) => r.toFixed(2)).join(", ")} (median ${medianRatio.toFixed(2)})`);
console.log(
  `gateway: ratio=${ratio.toFixed(2)} p99_ms=${fmt(gateway.p99)} baseline_p99_ms=${fmt(baseline.p99)} p99_x=${fmt(gateway.p99 / baseline.p99)} max_queued=${maxQueued} spilled=${spilled} lost=${requests - stored}`,
);
