/**
 * The gateway as its own process (scripts/start.ts runs it inside the all-in-one process instead).
 * Env: DATABASE_URL (PostgreSQL) or SHOPREG_DATA_DIR (a PGlite folder no other process has open),
 * GATEWAY_PORT (4100), GATEWAY_HOST (127.0.0.1), GATEWAY_PUBLIC_URL and the GATEWAY_* settings of
 * config.ts. SIGTERM and SIGINT flush every click before exiting.
 */
import { createDb, migrateToLatest } from "@shopreg/db";
import { GatewayConfigError, loadGatewayConfig } from "./config.ts";
import { startGateway } from "./index.ts";

const env = process.env;
const fail = (message: string): never => {
  process.stderr.write(`gateway: ${message}\n`);
  process.exit(1);
};

// Every problem is reported at once; `--check-config` (what `shopreg check-config` runs) stops here.
const problems: string[] = [];
if (!env.DATABASE_URL && !env.SHOPREG_DATA_DIR) {
  problems.push(
    "DATABASE_URL: set it (a PostgreSQL server), or SHOPREG_DATA_DIR (an embedded PGlite folder no other process has open)",
  );
}
const port = Number(env.GATEWAY_PORT ?? 4100);
if (!Number.isInteger(port) || port < 0 || port > 65_535)
  problems.push(`GATEWAY_PORT: must be a port number (got "${env.GATEWAY_PORT}")`);
const host = env.GATEWAY_HOST ?? "127.0.0.1";

let config: ReturnType<typeof loadGatewayConfig> | undefined;
try {
  config = loadGatewayConfig(env);
} catch (error) {
  if (!(error instanceof GatewayConfigError)) throw error;
  problems.push(...error.problems);
}
if (problems.length > 0) fail(`Invalid gateway configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
if (process.argv.includes("--check-config")) {
  process.stdout.write("gateway: configuration ok\n");
  process.exit(0);
}

const handle = await createDb({
  databaseUrl: env.DATABASE_URL,
  dataDir: env.SHOPREG_DATA_DIR,
  maxConnections: Number(env.GATEWAY_DB_POOL ?? 4),
});
await migrateToLatest(handle.db);
const gateway = await startGateway({
  handle,
  port,
  host,
  publicUrl: config!.publicUrl,
  config: config!,
});
process.stderr.write(`gateway listening on ${gateway.url} (links: ${config!.publicUrl}/{token})\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await gateway.close();
  // Connections an outage left reconnecting would keep close() waiting.
  await handle.pg?.end({ timeout: 2 }).catch(() => {});
  await handle.close();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
