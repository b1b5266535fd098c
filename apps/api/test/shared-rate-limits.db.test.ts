import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import type { DbHandle } from "@shopreg/db";
import { createTestDb, testEngines } from "@shopreg/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app.ts";
import { testConfig } from "../src/config.ts";
import type { AppServices } from "../src/context.ts";
import { createJobQueue, type JobQueue } from "../src/jobs/queue.ts";
import { createLogger } from "../src/logger.ts";
import { TEST_PASSWORD } from "../src/testing.ts";

/**
 * Issue 16, item 1: two API processes (two apps, each on its own HTTP server and its own database
 * pool) over one database find one limit, not twice the limit.
 */
describe.each(testEngines())("rate limits shared by API processes on $engine", ({ engine }) => {
  let handles: DbHandle[] = [];
  let servers: ServerType[] = [];
  let urls: string[] = [];

  const queues: JobQueue[] = [];
  beforeAll(async () => {
    const first = await createTestDb(engine);
    handles = [first];
    // A second pool on the same PostgreSQL database, as a second process has (PGlite is one process's).
    if (engine === "postgres" && first.url) {
      const { createDb } = await import("@shopreg/db");
      handles.push(await createDb({ databaseUrl: first.url, maxConnections: 4 }));
    } else handles.push(first);
    const config = testConfig({ rateLimitStore: "database", rateLimitPerMinute: 6, loginRateLimitPerMinute: 4 });
    for (const h of handles) {
      const jobs = await createJobQueue(h);
      queues.push(jobs);
      const services: AppServices = {
        jobs,
        db: h.db,
        config,
        clock: () => new Date(),
        logger: createLogger(process.env.DEBUG_TEST ? "error" : "silent"),
      };
      const server = serve({ fetch: createApp(services).fetch, port: 0, hostname: "127.0.0.1" });
      await new Promise<void>((ok) => server.once("listening", () => ok()));
      servers.push(server);
      urls.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    }
  });
  afterAll(async () => {
    for (const s of servers) await new Promise<void>((ok) => s.close(() => ok()));
    for (const q of queues) await q.stop();
    for (const h of [...handles].reverse()) if (h !== handles[0]) await h.close();
    await handles[0]?.close();
    servers = [];
    urls = [];
  });

  it("a caller alternating between the two processes gets the limit once", async () => {
    const signUp = await fetch(`${urls[0]}/v1/partners`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        company_name: "Shared",
        registration_region: "US",
        company_registration_region: "US",
        contact_name: "S",
        contact_email: `shared-${Math.random().toString(36).slice(2)}@example.com`,
        password: TEST_PASSWORD,
      }),
    });
    expect(signUp.status).toBe(202);
    const logIn = await fetch(`${urls[1]}/v1/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: (await signUp.json()).email, password: TEST_PASSWORD }),
    });
    expect(logIn.status).toBe(200);
    // That sign-in is not what the next test counts: it starts from a clean per-address login limit.
    await handles[0]?.db.deleteFrom("rate_limits").where("key", "like", "login:%").execute();
    const cookie = (logIn.headers.get("set-cookie") ?? "").split(";")[0] as string;
    const statuses: number[] = [];
    const remaining: string[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await fetch(`${urls[i % 2]}/v1/applications`, { headers: { cookie } });
      statuses.push(res.status);
      remaining.push(res.headers.get("ratelimit-remaining") ?? "");
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
    expect(remaining.slice(0, 6)).toEqual(["5", "4", "3", "2", "1", "0"]);
  });

  it("failed sign-ins on both processes count against one per-address limit", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${urls[i % 2]}/v1/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "nobody@example.com", password: "wrong-password" }),
      });
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 429).length).toBe(2);
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
  });
});
