/**
 * pnpm bench:click-writes: PostgreSQL's CPU per click as the gateway's writer adds clicks to one
 * month, in rounds of 30 batches of 2,500 (writeClicks, COPY, the uniqueness probe and the rollups
 * trigger, on one long-lived connection as the writer thread has). The first round is the baseline:
 * a write path whose cost grows with the clicks already stored shows a last/first ratio well
 * above 1. Every click is the same visitor on the same link (the gateway benchmark's traffic).
 * Run through scripts/with-postgres.sh (PG_DATA_DIR locates the server's processes).
 */

import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { type ClickToRecord, createDb, distribute, migrateToLatest, newId, writeClicks } from "@shopreg/db";
import { seedService } from "../apps/gateway/test/helpers.ts";
import { childPids, cpuMs, postgresCpuMs } from "./proc-cpu.ts";

// BENCH_ENGINE=citus (under scripts/with-citus.sh): the cluster's `shopreg` database, distributed;
// the CPU is the coordinator's and the workers' together (and each apart).
const citus = process.env.BENCH_ENGINE === "citus";
const databaseUrl = citus ? process.env.DATABASE_URL : process.env.TEST_DATABASE_URL;
if (citus && !process.env.CITUS_DIR) throw new Error("BENCH_ENGINE=citus runs through scripts/with-citus.sh");
if (!databaseUrl || (!citus && !process.env.PG_DATA_DIR))
  throw new Error("bench:click-writes runs through scripts/with-postgres.sh");
const nodeCpuMs = (node: string) => {
  const pid = Number(readFileSync(join(process.env.CITUS_DIR as string, node, "postmaster.pid"), "utf8").split("\n")[0]);
  return cpuMs(pid, true) + childPids(pid).reduce((n, c) => n + cpuMs(c), 0);
};
const NODES = ["coordinator", "worker1", "worker2"];
const serverCpuMs = () => (citus ? NODES.reduce((n, node) => n + nodeCpuMs(node), 0) : postgresCpuMs());
const ROUNDS = 4;
const BATCHES = 30;
const BATCH = 2_500;

const handle = await createDb({ databaseUrl, maxConnections: 1 });
await migrateToLatest(handle.db);
if (citus) await distribute(handle.db as never);
const { links, serviceId, partnerId } = await seedService(handle.db, "ON");

const batch = (): ClickToRecord[] =>
  Array.from({ length: BATCH }, () => ({
    id: newId(),
    link_id: links.LOCAL_SELLER.id,
    service_id: serviceId,
    partner_id: partnerId,
    audience: "LOCAL_SELLER",
    clicked_at: new Date(),
    visitor_hash: "0123456789abcdef0123456789abcdef",
    country: "US",
    device: "mobile",
    browser: "Mobile Safari",
    os: "iOS",
    referrer_host: null,
    is_bot: false,
    link_active: true,
  }));

const rounds: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const batches = Array.from({ length: BATCHES }, batch);
  const byNode = citus ? NODES.map(nodeCpuMs) : [];
  const [cpu, wall] = [serverCpuMs(), performance.now()];
  for (const b of batches) await writeClicks(handle, b);
  const n = BATCHES * BATCH;
  const us = ((serverCpuMs() - cpu) * 1000) / n;
  const split = citus
    ? ` (${NODES.map((node, i) => `${node} ${(((nodeCpuMs(node) - (byNode[i] as number)) * 1000) / n).toFixed(1)}`).join(", ")})`
    : "";
  rounds.push(us);
  console.log(
    `round ${r + 1}: clicks stored before ${r * n}, postgres_cpu_us_per_click=${us.toFixed(1)}${split} wall_us_per_click=${(((performance.now() - wall) * 1000) / n).toFixed(1)}`,
  );
}
await handle.close();
console.log(`engine: ${citus ? "Citus 13 (a coordinator and two workers on this machine)" : "PostgreSQL"}`);
console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, node ${process.version}`);
console.log(
  `click writes: last/first round ratio=${((rounds.at(-1) as number) / (rounds[0] as number)).toFixed(2)} (1.00: the cost does not grow with the table)`,
);
