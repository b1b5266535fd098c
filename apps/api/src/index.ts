export { createApp } from "./app.ts";
export { type ApiConfig, ConfigError, demoSurfaces, loadConfig, testConfig } from "./config.ts";
export type { AppServices } from "./context.ts";
export { createJobQueue, type JobQueue, QUEUES } from "./jobs/queue.ts";
export { startWorker, type Worker } from "./jobs/worker.ts";
export { createLogger } from "./logger.ts";
export { pruneExpired, startMaintenance } from "./maintenance.ts";
export { DEMO_LOGINS, seedDemo } from "./seed.ts";
