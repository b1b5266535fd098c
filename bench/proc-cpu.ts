/** CPU time read from /proc (Linux), for the benchmarks' per-request and per-click figures. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** User + system CPU (ms) from a /proc stat file, plus the reaped children's when asked. */
function statCpuMs(path: string, reaped = false): number {
  const stat = readFileSync(path, "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(f[11]) + Number(f[12]) + (reaped ? Number(f[13]) + Number(f[14]) : 0);
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

/** CPU time (ms, user + system, every thread) of a process, and of the children it has reaped. */
export function cpuMs(pid: number, reaped = false): number {
  try {
    return statCpuMs(`/proc/${pid}/stat`, reaped);
  } catch {
    return 0;
  }
}
/** CPU time (ms) of a process's server (main) thread and of its other threads (click writer, GC, libuv). */
export function cpuByThread(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  let tids: string[] = [];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tids) {
    try {
      const name = tid === String(pid) ? "server_thread" : "other_threads";
      out.set(name, (out.get(name) ?? 0) + statCpuMs(`/proc/${pid}/task/${tid}/stat`));
    } catch {
      // the thread ended
    }
  }
  return out;
}
export const childPids = (pid: number): number[] => {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
};
/** The PostgreSQL server's CPU: the postmaster, the backends it has reaped, and the live ones. */
export function postgresCpuMs(): number {
  const dir = process.env.PG_DATA_DIR;
  if (!dir) return Number.NaN;
  const pid = Number(readFileSync(join(dir, "postmaster.pid"), "utf8").split("\n")[0]);
  return cpuMs(pid, true) + childPids(pid).reduce((n, c) => n + cpuMs(c), 0);
}
