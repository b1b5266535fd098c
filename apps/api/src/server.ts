import { serve } from "@hono/node-server";
import { createDb, migrateToLatest } from "@shopreg/db";
import { createApp } from "./app.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { createJobQueue } from "./jobs/queue.ts";
import { startWorker } from "./jobs/worker.ts";
import { createLogger } from "./logger.ts";
import { startMaintenance } from "./maintenance.ts";
import { answerRefusedRequests } from "./middleware/request-id.ts";

/**
 * Runs the API alone, as a deployment does: it never seeds demo accounts and refuses development
 * secrets (scripts/start.ts is the demo, which does both).
 */
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  process.stderr.write(`api: ${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
}
const logger = createLogger(config.logLevel);
const handle = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
await migrateToLatest(handle.db);
const jobs = await createJobQueue(handle);
const services = { db: handle.db, config, clock: () => new Date(), logger, jobs };
const worker = await startWorker(services);
const app = createApp(services);
const stopMaintenance = startMaintenance(services);
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  logger.info("api listening", {
    url: `http://${info.address}:${info.port}`,
    engine: handle.engine,
    mail: worker.mailer.describe,
  });
});
answerRefusedRequests(server);
const stop = async () => {
  stopMaintenance();
  server.close();
  await worker.stop();
  await jobs.stop();
  await handle.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
