/**
 * The production web server: the partner portal on PARTNER_PORT and the reviewer dashboard on
 * ADMIN_PORT, each from its built files (dist/partner, dist/admin beside this file once built), with
 * /v1 forwarded to API_URL when it is set. `--check-config` validates the variables and exits.
 */
import { fileURLToPath } from "node:url";
import { type ServerType, serve } from "@hono/node-server";
import { loadWebConfig, WebConfigError } from "./config.ts";
import { apiProxy, webApp } from "./web-app.ts";

let config: ReturnType<typeof loadWebConfig>;
try {
  // Built: dist/server.js beside dist/partner and dist/admin; from source: apps/web/dist.
  const root = fileURLToPath(new URL(import.meta.url.endsWith(".ts") ? "../dist/" : "./", import.meta.url));
  config = loadWebConfig(process.env, root);
} catch (error) {
  if (!(error instanceof WebConfigError)) throw error;
  process.stderr.write(`web: ${error.message}\n`);
  process.exit(1);
}
if (process.argv.includes("--check-config")) {
  process.stdout.write("web: configuration ok\n");
  process.exit(0);
}

const api = config.apiUrl ? apiProxy(config.apiUrl, config.clientIpHeader) : undefined;
const servers: ServerType[] = [];
for (const app of config.apps) {
  const { fetch } = webApp(app.dist, api);
  await new Promise<void>((ok, fail) => {
    const server = serve({ fetch, port: app.port, hostname: config.host }, (info) => {
      process.stderr.write(
        `web: ${app.name} on http://${info.address}:${info.port}${config.apiUrl ? ` (/v1 -> ${config.apiUrl})` : ""}\n`,
      );
      ok();
    });
    server.once("error", fail);
    servers.push(server);
  });
}

const stop = () => {
  Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r())))).then(() => process.exit(0));
  // Keep-alive connections would hold close() open; they are idle between requests.
  for (const s of servers) (s as { closeIdleConnections?: () => void }).closeIdleConnections?.();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
