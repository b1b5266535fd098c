/**
 * A throwaway PostgreSQL server (Debian's binaries) in its own temp dir on a free port, that a test
 * or benchmark can stop and start again. The commands are scripts/with-postgres.sh's; as root, the
 * server runs as user postgres.
 */
import { execFile, execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

export type PgServer = { url: string; port: number; start(): Promise<void>; stop(): Promise<void>; destroy(): Promise<void> };

const exec = promisify(execFile);

export function postgresBin(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const bin = versions.map((v) => join(root, v, "bin")).find((b) => existsSync(join(b, "initdb")));
  if (!bin) throw new Error("PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install -y postgresql)");
  return bin;
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

export async function startPostgres(): Promise<PgServer> {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), "shopreg-gw-pg-"));
  const root = process.getuid?.() === 0;
  if (root) chownSync(dir, Number(execFileSync("id", ["-u", "postgres"]).toString().trim()), 0);
  const port = await freePort();
  // Asynchronous, so a gateway in the same process keeps serving while the server stops and starts.
  const run = async (cmd: string) => {
    if (root) await exec("su", ["postgres", "-s", "/bin/bash", "-c", cmd]);
    else await exec("bash", ["-c", cmd]);
  };
  const data = join(dir, "data");
  await run(`'${bin}/initdb' -D '${data}' -U postgres --auth=trust -E UTF8 >'${dir}/initdb.log' 2>&1`);
  const opts = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories='${dir}' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100`;
  let running = false;
  const server: PgServer = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async start() {
      await run(`'${bin}/pg_ctl' -D '${data}' -l '${dir}/server.log' -o "${opts}" -w start >/dev/null`);
      running = true;
    },
    async stop() {
      // fast: disconnects clients at once, like a crash of the network path would.
      await run(`'${bin}/pg_ctl' -D '${data}' -m fast -w stop >/dev/null`);
      running = false;
    },
    async destroy() {
      if (running) {
        try {
          await server.stop();
        } catch {
          // already gone
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}
