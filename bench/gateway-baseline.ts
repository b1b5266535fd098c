/** The baseline for bench/gateway.ts: Hono on the same Node server adapter, answering every request with a bare 302. */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";

const app = new Hono().get("/:token", (c) =>
  c.body(null, 302, { location: "https://seller-us.tiktok.com/account/register", "cache-control": "no-store" }),
);
const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: "127.0.0.1" }, () => {
  process.stdout.write(`ready ${(server.address() as AddressInfo).port}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
