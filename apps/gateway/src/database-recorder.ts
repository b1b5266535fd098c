import { type DbHandle, writeClicks } from "@shopreg/db";
import { sql } from "kysely";
import type { GatewayConfig } from "./config.ts";
import type { GatewayMetrics } from "./metrics.ts";
import { ClickRecorder, type Logger } from "./recorder.ts";
import { SpillFile } from "./spill-file.ts";

/**
 * The Node click recorder, started: batches go to the database through writeClicks, and to the
 * spill file at `clicks.spillFile` while it is unreachable. Used on the server thread (PGlite, or
 * GATEWAY_CLICK_WRITER=in-process) and on the click writer thread alike.
 */
export function startDatabaseRecorder(
  handle: DbHandle,
  clicks: GatewayConfig["clicks"],
  metrics: GatewayMetrics,
  log: Logger,
): { recorder: ClickRecorder; spill: SpillFile } {
  const spill = new SpillFile(clicks.spillFile);
  const recorder = new ClickRecorder(
    {
      write: async (batch) => {
        await writeClicks(handle, batch);
      },
      ping: async () => {
        await sql`SELECT 1`.execute(handle.db);
      },
    },
    spill,
    clicks,
    metrics,
    log,
  );
  recorder.start();
  return { recorder, spill };
}
