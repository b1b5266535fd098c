import { randomUUID } from "node:crypto";
import { testEngines } from "@shopreg/db/testing";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createLogger } from "../src/logger.ts";
import { measureRequests, recordMail, recordWebhookDelivery, registerJobQueueProbe } from "../src/metrics.ts";
import { startTestApi, type TestApi } from "../src/testing.ts";

const TOKEN = "test-metrics-token-0123456789";

describe.each(testEngines())("API metrics and health on $engine", ({ engine }) => {
  let api: TestApi;
  let closed: TestApi;

  beforeAll(async () => {
    process.env.API_METRICS_TOKEN = TOKEN;
    api = await startTestApi(engine);
    delete process.env.API_METRICS_TOKEN;
    closed = await startTestApi(engine);
  });
  afterAll(async () => {
    registerJobQueueProbe(undefined);
    await api?.close();
    await closed?.close();
  });

  const scrape = (token = TOKEN) => fetch(`${api.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });

  it("serves /metrics only with the bearer token, and not at all without one configured", async () => {
    expect((await fetch(`${api.url}/metrics`)).status).toBe(401);
    expect((await scrape("wrong-token-0123456789")).status).toBe(401);
    expect((await scrape()).status).toBe(200);
    expect((await fetch(`${closed.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
  });

  it("counts requests by route pattern and status, never by raw path", async () => {
    const id = randomUUID();
    expect((await api.request(`/v1/services/${id}`)).status).toBe(401); // the auth middleware answers
    expect((await api.request("/v1/catalog")).status).toBe(200);
    expect((await api.request(`/no-such-thing/${id}`)).status).toBe(404);
    const text = await (await scrape()).text();
    expect(text).toMatch(
      /api_http_request_duration_seconds_count\{method="GET",route="\/v1\/services\/:id",status="401"\} [1-9]/,
    );
    expect(text).toMatch(/api_http_request_duration_seconds_count\{method="GET",route="\/v1\/catalog",status="200"\} [1-9]/);
    expect(text).toMatch(/api_http_request_duration_seconds_count\{method="GET",route="unmatched",status="404"\} [1-9]/);
    expect(text).toMatch(/api_http_responses_total\{status="401"\} [1-9]/);
    expect(text).not.toContain(id);
    expect(text).toContain("api_database_up 1");
    expect(text).toMatch(/api_database_ping_seconds \d/);
    expect(text).toContain("api_process_cpu_seconds_total");
  });

  it("shows what the job, webhook and mail code report through the hooks", async () => {
    registerJobQueueProbe(async () => [{ queue: "webhook-delivery", waiting: 7, oldestAgeSeconds: 42 }]);
    recordWebhookDelivery("delivered", 0.12);
    recordWebhookDelivery("failed", 5);
    recordMail("sent", "password_reset");
    const text = await (await scrape()).text();
    expect(text).toContain('api_job_queue_depth{queue="webhook-delivery"} 7');
    expect(text).toContain('api_job_queue_oldest_age_seconds{queue="webhook-delivery"} 42');
    expect(text).toMatch(/api_webhook_deliveries_total\{outcome="delivered"\} [1-9]/);
    expect(text).toMatch(/api_webhook_deliveries_total\{outcome="failed"\} [1-9]/);
    expect(text).toMatch(/api_webhook_delivery_duration_seconds_count [1-9]/);
    expect(text).toMatch(/api_mail_messages_total\{outcome="sent",kind="password_reset"\} [1-9]/);
  });

  it("separates liveness from readiness (the database answers)", async () => {
    const live = await api.request("/health/live");
    expect(live).toMatchObject({ status: 200, body: { status: "ok" } });
    const ready = await api.request("/health/ready");
    expect(ready).toMatchObject({ status: 200, body: { status: "ok", database: "up" } });
    await closed.handle.close();
    expect((await fetch(`${closed.url}/health/live`)).status).toBe(200);
    const down = await fetch(`${closed.url}/health/ready`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: "unavailable", database: "down" });
  });
});

describe("structured logs", () => {
  it("carry the request id of the request being handled", async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const logger = createLogger("info");
      const app = new Hono<{ Variables: { requestId: string } }>();
      app.use(async (c, next) => {
        c.set("requestId", "req_0123456789abcdef");
        await next();
      });
      app.use(measureRequests());
      app.get("/work", async (c) => {
        await new Promise((r) => setTimeout(r, 1)); // across an await, as a use case logs
        logger.info("did the work", { items: 2 });
        return c.text("ok");
      });
      expect((await app.request("/work")).status).toBe(200);
      logger.info("outside any request");
    } finally {
      spy.mockRestore();
    }
    const [inside, outside] = lines.map((l) => JSON.parse(l));
    expect(inside).toMatchObject({ level: "info", msg: "did the work", request_id: "req_0123456789abcdef", items: 2 });
    expect(outside).not.toHaveProperty("request_id");
  });
});
