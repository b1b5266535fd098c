/**
 * The pieces of the multi-instance test: real child processes on the real entry points, the one
 * PostgreSQL server they share (stoppable), and a webhook receiver that knows which process sent
 * each request.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { createDb, distribute, migrateToLatest } from "@shopreg/db";
import { type PgServer, startPostgres } from "../../apps/gateway/test/pg-server.ts";

const exec = promisify(execFile);
export const root = resolve(import.meta.dirname, "../..");

export type Child = { name: string; pid: number; url: string; metricsUrl?: string; proc: ChildProcess; output: () => string };

/**
 * `node --import tsx <entry>`: one process per instance, so its pid is the server's own (the tsx
 * binary would put a wrapper process in between, and kill -9 would hit the wrapper).
 */
export function startChild(name: string, entry: string, url: string, env: Record<string, string>): Child {
  const proc = spawn(process.execPath, ["--import", "tsx", entry], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const keep = (b: Buffer) => {
    log = (log + b.toString()).slice(-20_000);
  };
  proc.stdout?.on("data", keep);
  proc.stderr?.on("data", keep);
  return { name, pid: proc.pid!, url, proc, output: () => log };
}

export const exited = (p: ChildProcess) =>
  new Promise<void>((r) => (p.exitCode !== null || p.signalCode !== null ? r() : p.once("exit", () => r())));

/** Waits for a status (a start on a loaded 2-core machine can take many seconds: the wait is generous). */
export async function waitFor(child: Child, path: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.proc.exitCode !== null) throw new Error(`${child.name} exited: ${child.output()}`);
    try {
      if ((await fetch(child.url + path)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${child.name} did not come up in ${timeoutMs} ms: ${child.output()}`);
}

export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000, everyMs = 25) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * The shared server. Under scripts/with-postgres.sh (PG_DATA_DIR, PG_BIN, PG_PORT set) it is that
 * server, stopped and started with the script's own pg_ctl options; otherwise one of our own
 * (apps/gateway/test/pg-server.ts, as the outage test does).
 */
export async function sharedPostgres(): Promise<PgServer> {
  if (process.env.CITUS_WORKER_URLS) return citusCluster();
  const { TEST_DATABASE_URL: url, PG_DATA_DIR: data, PG_BIN: bin, PG_PORT: port } = process.env;
  if (!url || !data || !bin || !port) return startPostgres();
  const dir = dirname(data);
  const opts = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories='${dir}' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  const run = async (cmd: string) => {
    if (process.getuid?.() === 0) await exec("su", ["postgres", "-s", "/bin/bash", "-c", cmd]);
    else await exec("bash", ["-c", cmd]);
  };
  return {
    url,
    port: Number(port),
    start: () => run(`'${bin}/pg_ctl' -D '${data}' -l '${dir}/server.log' -o "${opts}" -w start >/dev/null`),
    stop: () => run(`'${bin}/pg_ctl' -D '${data}' -m fast -w stop >/dev/null`),
    destroy: async () => {}, // the script removes it
  };
}

/**
 * Under scripts/with-citus.sh: its `shopreg` database, migrated and distributed before any process
 * starts (the API's own migration is then a no-op). Stopping and starting "the server" stops and
 * starts both workers, which hold every distributed table's shards: writes of every partner fail
 * until they are back (one worker alone would spare the partners whose shards are on the other, so
 * whether a test's partner felt the outage would depend on its shard), and the coordinator keeps
 * answering.
 */
async function citusCluster(): Promise<PgServer> {
  const { DATABASE_URL: url, CITUS_DIR: dir, PG_BIN: bin } = process.env;
  if (!url || !dir || !bin)
    throw new Error("CITUS_WORKER_URLS is set but DATABASE_URL, CITUS_DIR or PG_BIN is not (scripts/with-citus.sh)");
  const handle = await createDb({ databaseUrl: url, maxConnections: 1 });
  await migrateToLatest(handle.db);
  await distribute(handle.db as never);
  await handle.close();
  const workers = [join(dir, "worker1"), join(dir, "worker2")];
  const run = async (cmd: string) => {
    if (process.getuid?.() === 0) await exec("su", ["postgres", "-s", "/bin/bash", "-c", cmd]);
    else await exec("bash", ["-c", cmd]);
  };
  return {
    url,
    port: Number(new URL(url).port),
    start: async () => {
      for (const w of workers) await run(`'${bin}/pg_ctl' -D '${w}' -l '${w}.log' -w start >/dev/null`);
    },
    stop: async () => {
      for (const w of workers) await run(`'${bin}/pg_ctl' -D '${w}' -m fast -w stop >/dev/null`);
    },
    destroy: async () => {}, // the script removes it
  };
}

/** `port`: the sender's port (its process: `senderOf`). */
export type Delivery = { id: string; type: string; partnerId: string; at: number; port: number };

/**
 * A real HTTP receiver for webhooks. It answers after `delayMs` (so a delivery is in flight for a
 * while) and, from `ss`, learns which process holds each connection that reaches it.
 */
export async function startReceiver() {
  const received: Delivery[] = [];
  let delayMs = 0;
  /** Requests not yet answered, by the sender's port. */
  const open = new Map<number, number>();
  /** The process (pid) behind each sending port, as `ss` last saw it. */
  const pidOfPort = new Map<number, number>();
  const senders = new Set<number>();
  const server: Server = createServer((req, res) => {
    const port = req.socket.remotePort ?? 0;
    open.set(port, (open.get(port) ?? 0) + 1);
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const json = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const answer = () => {
        open.set(port, (open.get(port) ?? 1) - 1);
        received.push({
          id: String(req.headers["webhook-id"]),
          type: json.type,
          partnerId: json.partner_id,
          at: Date.now(),
          port,
        });
        res.writeHead(200, { "content-type": "text/plain" }).end("ok");
      };
      if (delayMs > 0) setTimeout(answer, delayMs);
      else answer();
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", () => ok()));
  const port = (server.address() as AddressInfo).port;
  // Every 50 ms: the pids of the processes with a connection to the receiver.
  let sampling = true;
  const sample = async () => {
    while (sampling) {
      try {
        const { stdout } = await exec("ss", ["-tnpH", "state", "established", `( dport = :${port} )`]);
        for (const m of stdout.matchAll(/:(\d+)\s+\S+:\d+\s+users:\(\("[^"]*",pid=(\d+)/g)) {
          pidOfPort.set(Number(m[1]), Number(m[2]));
          senders.add(Number(m[2]));
        }
      } catch {
        // ss missing or refused: the senders set stays empty and the test says so
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const sampler = sample();
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    senders,
    inFlight: () => [...open.values()].reduce((a, b) => a + b, 0),
    /** The process that sent a delivery, when `ss` saw its connection. */
    senderOf: (d: Delivery) => pidOfPort.get(d.port),
    /** Requests from one process not yet answered. */
    inFlightFrom: (pid: number) => [...open].filter(([port]) => pidOfPort.get(port) === pid).reduce((a, [, n]) => a + n, 0),
    setDelay(ms: number) {
      delayMs = ms;
    },
    async close() {
      sampling = false;
      await sampler;
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

/** Free ports for the children (bound and released; nothing else on this machine races for them in practice). */
export { freePort } from "../../apps/gateway/test/pg-server.ts";
