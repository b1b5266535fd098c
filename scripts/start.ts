/**
 * `pnpm start`: every surface in one process over one database. With no configuration the
 * database is an embedded PGlite in .data/pglite (one process's database, so the API, the gateway
 * and the two web apps share this process); with DATABASE_URL it is that PostgreSQL server.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { type ServerType, serve } from "@hono/node-server";
import { createApp, createLogger, DEMO_LOGINS, loadConfig, seedDemo, startMaintenance } from "@shopreg/api";
import { createDb, migrateToLatest } from "@shopreg/db";
import { Hono } from "hono";

const root = resolve(import.meta.dirname, "..");
const env = process.env;
// The demo's admin acts without two-factor until the dashboard has its enrolment screen (issue 14, phase 2);
// every other start requires it of staff admins (STAFF_ADMIN_TWO_FACTOR=required is the default).
const config = loadConfig({
  STAFF_ADMIN_TWO_FACTOR: "optional",
  ...env,
  SHOPREG_DATA_DIR: env.SHOPREG_DATA_DIR ?? join(root, ".data/pglite"),
});
const logger = createLogger(config.logLevel === "info" ? "warn" : config.logLevel);
const ports = {
  api: config.port,
  gateway: Number(env.GATEWAY_PORT ?? 4100),
  partner: Number(env.PARTNER_PORT ?? 4200),
  admin: Number(env.ADMIN_PORT ?? 4300),
};

const handle = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
await migrateToLatest(handle.db);
const services = { db: handle.db, config, clock: () => new Date(), logger };
const { seeded } = env.SHOPREG_SEED === "false" ? { seeded: false } : await seedDemo(services);
const api = createApp(services);
const stopMaintenance = startMaintenance(services);

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
  const started = await gw.startGateway({ handle, port: ports.gateway, host: config.host, publicUrl: config.gatewayPublicUrl });
  gatewayClose = started.close;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
};

/** A built single-page app, with /v1 handed to the API in-process so cookies stay same-origin. */
function webApp(dist: string) {
  return new Hono()
    .all("/v1/*", (c) => api.fetch(c.req.raw))
    .get("*", async (c) => {
      const path = normalize(decodeURIComponent(new URL(c.req.url).pathname)).replace(/^(\.\.[/\\])+/, "");
      const file = join(dist, path);
      if (file.startsWith(dist) && extname(file) && existsSync(file)) {
        const immutable = path.startsWith("/assets/");
        return c.body(await readFile(file), 200, {
          "content-type": TYPES[extname(file)] ?? "application/octet-stream",
          "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
        });
      }
      return c.html(await readFile(join(dist, "index.html"), "utf8"));
    });
}

const surfaces: string[] = [];
for (const [name, port] of [
  ["partner", ports.partner],
  ["admin", ports.admin],
] as const) {
  const dist = join(root, `apps/${name}/dist`);
  if (existsSync(join(dist, "index.html"))) {
    await listen(webApp(dist).fetch, port);
    surfaces.push(name);
  }
}

const host = config.host === "0.0.0.0" ? "localhost" : config.host;
const line = (label: string, value: string) => console.log(`  ${label.padEnd(22)} ${value}`);
console.log(
  `\nshopreg is running on ${handle.engine === "pglite" ? `embedded PGlite (${config.dataDir})` : "PostgreSQL (DATABASE_URL)"}${seeded ? ", seeded with demo data" : ""}\n`,
);
line("API", `http://${host}:${ports.api}/v1`);
line("API docs", `http://${host}:${ports.api}/docs`);
line("OpenAPI", `http://${host}:${ports.api}/openapi.json`);
if (gatewayClose) line("Gateway (links)", config.gatewayPublicUrl);
if (surfaces.includes("partner")) line("Partner portal", `http://${host}:${ports.partner}`);
if (surfaces.includes("admin")) line("Reviewer dashboard", `http://${host}:${ports.admin}`);
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
  await gatewayClose?.();
  await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  await handle.close();
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
