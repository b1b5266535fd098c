/**
 * pnpm bench:gateway: in one run on this machine, loads (a) a bare Hono app on @hono/node-server
 * that only answers 302 and (b) the gateway (apps/gateway/src/server.ts) recording every click in
 * PostgreSQL, each in its own process, with the same generator (hey, outside both processes), the
 * same connections and duration. Then the gateway is stopped with SIGTERM (it flushes), and the
 * rows are counted. Run through scripts/with-postgres.sh (a throwaway server) or with
 * TEST_DATABASE_URL set. BENCH_GATEWAY_DURATION (s, default 10) and BENCH_GATEWAY_CONNECTIONS (64).
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
const duration = Number(process.env.BENCH_GATEWAY_DURATION ?? 10);
const connections = Number(process.env.BENCH_GATEWAY_CONNECTIONS ?? 64);
const warmup = 3;
await exec("hey", ["-n", "1", "http://127.0.0.1:1/"]).catch((e: NodeJS.ErrnoException) => {
  if (e.code === "ENOENT") throw new Error("bench:gateway needs the hey load generator: apt-get install -y hey");
});

type Load = { requests: number; rps: number; p50: number; p99: number; statuses: Record<string, number>; errors: number };

/** hey -z waits for requests in flight when the time is up, so every request it sent is counted. */
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
      "-H",
      "User-Agent: Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      url,
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const num = (re: RegExp) => Number(re.exec(stdout)?.[1] ?? Number.NaN);
  const statuses: Record<string, number> = {};
  for (const m of stdout.matchAll(/\[(\d{3})\]\s+(\d+) responses/g)) statuses[m[1]!] = Number(m[2]);
  const errors = [...stdout.matchAll(/\[(\d+)\]\s+Get /g)].reduce((n, m) => n + Number(m[1]), 0);
  const requests = Object.values(statuses).reduce((a, b) => a + b, 0) + errors;
  return {
    requests,
    rps: num(/Requests\/sec:\s+([\d.]+)/),
    p50: num(/50% in ([\d.]+) secs/) * 1000,
    p99: num(/99% in ([\d.]+) secs/) * 1000,
    statuses,
    errors,
  };
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

async function waitFor(url: string) {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(url)).ok) return;
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

// (a) the baseline
const basePort = await freePort();
const base = child(["bench/gateway-baseline.ts"], { PORT: String(basePort) });
await waitFor(`http://127.0.0.1:${basePort}/${token}`).catch(() => {}); // 302 is not ok: wait on the port instead
await new Promise((r) => setTimeout(r, 500));
await load(`http://127.0.0.1:${basePort}/${token}`, warmup);
const baseline = await load(`http://127.0.0.1:${basePort}/${token}`, duration);
base.kill("SIGTERM");
await exited(base);

// (b) the gateway, recording clicks
const dir = mkdtempSync(join(tmpdir(), "shopreg-bench-gw-"));
const gwPort = await freePort();
const gw = child(["apps/gateway/src/server.ts"], {
  DATABASE_URL: databaseUrl,
  GATEWAY_PORT: String(gwPort),
  GATEWAY_HOST: "127.0.0.1",
  GATEWAY_PUBLIC_URL: `http://127.0.0.1:${gwPort}`,
  GATEWAY_VISITOR_HASH_SECRET: "bench-secret-0123456789abcdef",
  GATEWAY_SPILL_FILE: join(dir, "spill.jsonl"),
  GATEWAY_LOG_LEVEL: "warn",
  NODE_ENV: "production",
});
await waitFor(`http://127.0.0.1:${gwPort}/_/health`);
const warm = await load(`http://127.0.0.1:${gwPort}/${token}`, warmup);
const gateway = await load(`http://127.0.0.1:${gwPort}/${token}`, duration);
const metrics = await (await fetch(`http://127.0.0.1:${gwPort}/_/metrics`)).text();
gw.kill("SIGTERM"); // flushes every queued click before exiting
const code = await exited(gw);
const [counted] = await pg`SELECT count(*)::int AS n FROM clicks`;
const stored = Number(counted?.n);
await handle.close();
rmSync(dir, { recursive: true, force: true });

const requests = warm.requests + gateway.requests;
const ratio = gateway.rps / baseline.rps;
const spilled = Number(/^gateway_clicks_spilled_total (\d+)/m.exec(metrics)?.[1] ?? 0);
const fmt = (n: number) => n.toFixed(2);
console.log(
  `machine: ${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, node ${process.version}, load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
console.log(`generator: hey -z ${duration}s -c ${connections} (+${warmup}s warm-up each), gateway exit code ${code}`);
console.log(
  `baseline: rps=${fmt(baseline.rps)} p50_ms=${fmt(baseline.p50)} p99_ms=${fmt(baseline.p99)} requests=${baseline.requests} statuses=${JSON.stringify(baseline.statuses)}`,
);
console.log(
  `gateway:  rps=${fmt(gateway.rps)} p50_ms=${fmt(gateway.p50)} p99_ms=${fmt(gateway.p99)} requests=${requests} (warm-up ${warm.requests}) statuses=${JSON.stringify(gateway.statuses)} rows=${stored} spilled=${spilled}`,
);
console.log(`gateway: ratio=${ratio.toFixed(2)} p99_ms=${fmt(gateway.p99)} lost=${requests - stored}`);
