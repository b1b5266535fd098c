import { type DbHandle, writeClicks } from "@shopreg/db";
import { sql } from "kysely";
import type { GatewayConfig } from "./config.ts";
import type { GatewayMetrics } from "./metrics.ts";
import { ClickRecorder, type Logger } from "./recorder.ts";
import { SpillFile } from "./spill-file.ts";

/**
 * The Node click recorder, started: batches go to the database through writeClicks, and to the
 * spill file at `clicks.spillFile` while it is unreachable. Used on the server thread (PGlite, or
 * GATEWAY_CLICK_WRITER=in-process) and on the click writer thread alike. With `reopen` (the thread,
 * whose connections are its own), connections that stop answering are replaced; `handle()` is the
 * one in use.
 */
export function startDatabaseRecorder(
  handle: DbHandle,
  clicks: GatewayConfig["clicks"],
  metrics: GatewayMetrics,
  log: Logger,
  reopen?: () => Promise<DbHandle>,
): { recorder: ClickRecorder; spill: SpillFile; handle: () => DbHandle } {
  let current = handle;
  const spill = new SpillFile(clicks.spillFile);
  const recorder = new ClickRecorder(
    {
      write: async (batch) => {
        await writeClicks(current, batch);
      },
      ping: async () => {
        await sql`SELECT 1`.execute(current.db);
      },
      ...(reopen && {
        reconnect: async () => {
          const old = current;
          current = await reopen();
          // Whatever waits on the old connections fails now (and is spilled or retried), not never.
          void old.pg?.end({ timeout: 0 }).catch(() => {});
        },
      }),
    },
    spill,
    clicks,
    metrics,
    log,
  );
  recorder.start();
  return { recorder, spill, handle: () => current };
}
