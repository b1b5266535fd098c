/**
 * `pnpm start`: THE DEMO. Every surface in one process over one database, seeded with demo accounts
 * whose password is printed below, and development secrets wherever none is configured. With no
 * configuration the database is an embedded PGlite in .data/pglite (one process's database, so the
 * API, the gateway and the two web apps share this process); with DATABASE_URL it is that
 * PostgreSQL server (still the demo). A deployment runs the built apps/api/dist/server.js,
 * apps/gateway/dist/server.js and apps/web/dist/server.js instead (README, "Deploying"): they never
 * seed and refuse development secrets.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { type ServerType, serve } from "@hono/node-server";
import {
  ConfigError,
  createApp,
  createJobQueue,
  createLogger,
  DEMO_LOGINS,
  demoSurfaces,
  loadConfig,
  seedDemo,
  startMaintenance,
  startWorker,
} from "@shopreg/api";
import { createDb, migrateToLatest } from "@shopreg/db";
import { webApp } from "./web-app.ts";

const root = resolve(import.meta.dirname, "..");
const env = process.env;
// One public URL per app: where it listens, what the banner prints and what mail links to.
const { ports, publicUrls } = demoSurfaces(env);
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(
    {
      // The demo's admin acts without two-factor until the dashboard has its enrolment screen (issue 14,
      // phase 2); every other start requires it of staff admins (STAFF_ADMIN_TWO_FACTOR=required by default).
      STAFF_ADMIN_TWO_FACTOR: "optional",
      ...env,
      ...publicUrls,
      SHOPREG_DATA_DIR: env.SHOPREG_DATA_DIR ?? join(root, ".data/pglite"),
      MAIL_DIR: env.MAIL_DIR ?? join(root, ".data/mail"),
    },
    { demo: true },
  );
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : String(error));
  process.exit(1);
}
const logger = createLogger(config.logLevel === "info" ? "warn" : config.logLevel);

const handle = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
await migrateToLatest(handle.db);
const jobs = await createJobQueue(handle);
const services = { db: handle.db, config, clock: () => new Date(), logger, jobs };
const { seeded } = await seedDemo(services);
const api = createApp(services);
const stopMaintenance = startMaintenance(services);
// Webhook deliveries and mail, from the same queue; without SMTP_URL mail lands in MAIL_DIR as .eml files.
const worker = await startWorker(services);

const servers: ServerType[] = [];
const listen = (fetch: (req: Request) => Response | Promise<Response>, port: number) =>
  new Promise<void>((ok, fail) => {
    const s = serve({ fetch, port, hostname: config.host }, () => ok());
    s.once("error", fail);
    servers.push(s);
  });

await listen(api.fetch, ports.api);

// The gateway shares this process's database (PGlite cannot be shared across processes).
let gatewayClose: (() => Promise<void>) | undefined;
const gatewayEntry = join(root, "apps/gateway/src/index.ts");
if (existsSync(gatewayEntry)) {
  const gw = await import(gatewayEntry);
  const gatewayConfig = gw.loadGatewayConfig(env, {
    publicUrl: config.gatewayPublicUrl,
    spillFile: env.GATEWAY_SPILL_FILE ?? undefined,
    demo: true,
  });
  const started = await gw.startGateway({
    handle,
    port: ports.gateway,
    host: config.host,
    publicUrl: config.gatewayPublicUrl,
    config: gatewayConfig,
  });
  gatewayClose = started.close;
}

const surfaces: string[] = [];
for (const [name, port] of [
  ["partner", ports.partner],
  ["admin", ports.admin],
] as const) {
  // WEB_ROOT (as apps/web reads it): the web server's build, precompressed; else each app's own build.
  const dist = env.WEB_ROOT ? join(env.WEB_ROOT, name) : join(root, `apps/${name}/dist`);
  if (existsSync(join(dist, "index.html"))) {
    await listen(webApp(dist, api).fetch, port);
    surfaces.push(name);
  }
}

const line = (label: string, value: string) => console.log(`  ${label.padEnd(22)} ${value}`);
const bar = "!".repeat(78);
console.log(
  `\n${bar}\n!! DEMO: demo accounts with a published password, development secrets where none is set.\n!! Not for production: see the README, "Deploying".\n${bar}`,
);
console.log(
  `\nshopreg is running on ${handle.engine === "pglite" ? `embedded PGlite (${config.dataDir})` : "PostgreSQL (DATABASE_URL)"}${seeded ? ", seeded with demo data" : ""}\n`,
);
line("API", `${config.apiPublicUrl}/v1`);
line("API docs", `${config.apiPublicUrl}/docs`);
line("OpenAPI", `${config.apiPublicUrl}/openapi.json`);
if (gatewayClose) line("Gateway (links)", config.gatewayPublicUrl);
if (surfaces.includes("partner")) line("Partner portal", config.partnerPublicUrl);
if (surfaces.includes("admin")) line("Reviewer dashboard", config.adminPublicUrl);
line("Mail (outgoing)", worker.mailer.describe);
console.log(`\nDemo logins (password for all: ${DEMO_LOGINS.admin.password})`);
line("admin", `${DEMO_LOGINS.admin.email}${config.staffAdminsNeedTwoFactor ? "" : " (two-factor not required in this demo)"}`);
line("reviewer", DEMO_LOGINS.reviewer.email);
line("analyst", DEMO_LOGINS.analyst.email);
line("U.S. partner", `${DEMO_LOGINS.usPartner.email} (approved, one published service)`);
line("non-U.S. partner", `${DEMO_LOGINS.nonUsPartner.email} (application in review)`);
console.log("\nCtrl+C stops everything.\n");

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  stopMaintenance();
  await worker.stop();
  await jobs.stop();
  await gatewayClose?.();
  await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  await handle.close();
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
