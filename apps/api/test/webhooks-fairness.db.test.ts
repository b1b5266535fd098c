import { testEngines } from "@shopreg/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../src/testing.ts";
import { emit } from "../src/usecases/events.ts";
import { expectError } from "./helpers.ts";
import { apiKeyPayload, startReceiver, until } from "./webhook-kit.ts";

/** One partner cannot starve everyone's webhooks (issue 22, item 5). */
describe.each(testEngines())("webhooks shared fairly on $engine", ({ engine }) => {
  let api: TestApi;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver();
    api = await startTestApi(engine, { webhookEndpointsPerPartner: 3 });
  });
  afterAll(async () => {
    await api?.close();
    await receiver?.close();
  });

  const create = (cookie: string, n: number) =>
    api.request("/v1/webhook-endpoints", { cookie, body: { url: `${receiver.url}?n=${n}` } });

  it("a partner has at most the configured number of endpoints: one more is a 409 limit_reached, even when requests race", async () => {
    const partner = await api.signUp();
    // Five at once for three places: exactly three are created.
    const raced = await Promise.all([1, 2, 3, 4, 5].map((n) => create(partner.cookie, n)));
    expect(raced.map((r) => r.status).sort()).toEqual([201, 201, 201, 409, 409]);
    const refused = raced.find((r) => r.status === 409)!;
    const error = expectError(refused, 409, "limit_reached");
    expect(error.message).toMatch(/at most 3 webhook endpoints/);
    expect(error.details).toEqual({ limit: 3 });
    const list = await api.request("/v1/webhook-endpoints", { cookie: partner.cookie });
    expect(list.body.data).toHaveLength(3);
    // A deleted endpoint frees its place; other partners have their own.
    expect(
      (await api.request(`/v1/webhook-endpoints/${list.body.data[0].id}`, { cookie: partner.cookie, method: "DELETE" })).status,
    ).toBe(204);
    expect((await create(partner.cookie, 6)).status).toBe(201);
    expect((await create(partner.cookie, 7)).status).toBe(409);
    const other = await api.signUp();
    expect((await create(other.cookie, 1)).status).toBe(201);
  });

  it("one partner's backlog does not hold up another partner's delivery", async () => {
    const busy = await api.signUp();
    const quiet = await api.signUp();
    for (const n of [1, 2, 3]) expect((await create(busy.cookie, n)).status).toBe(201);
    expect((await create(quiet.cookie, 9)).status).toBe(201);
    // 100 events x 3 endpoints queued for the busy partner, then one event for the quiet one.
    for (let seq = 0; seq < 100; seq++) {
      await api.db.transaction().execute((trx) => emit(trx, api.services, "api_key.created", busy.partnerId, apiKeyPayload(seq)));
    }
    const late = await api.db
      .transaction()
      .execute((trx) => emit(trx, api.services, "api_key.created", quiet.partnerId, apiKeyPayload()));
    const before = receiver.received.length;
    await api.startWorker({ loops: 1, batchSize: 5 });
    await until(() => receiver.received.some((r) => r.json.id === late.id), 20_000, "the quiet partner's delivery");
    const position = receiver.received.slice(before).findIndex((r) => r.json.id === late.id);
    // In arrival order it would be 301st; with a fair share it is in the first batches.
    expect(position).toBeLessThan(15);
    await until(() => receiver.received.length - before >= 301, 60_000, "every delivery");
  }, 90_000);

  it("an endpoint that stays slow gets the shorter timeout", async () => {
    await api.close();
    const hanging = await startReceiver(() => "hang");
    try {
      api = await startTestApi(engine, {
        webhookRetrySchedule: [0.1, 0.1, 0.1, 0.1, 0.1],
        webhookTimeoutMs: 1_500,
        webhookSlowMs: 1_000,
        webhookSlowTimeoutMs: 300,
      });
      const partner = await api.signUp();
      const endpoint = await api.request("/v1/webhook-endpoints", { cookie: partner.cookie, body: { url: hanging.url } });
      expect(endpoint.status).toBe(201);
      await api.startWorker();
      await api.db.transaction().execute((trx) => emit(trx, api.services, "api_key.created", partner.partnerId, apiKeyPayload()));
      const delivery = async () =>
        api.db.selectFrom("webhook_deliveries").selectAll().where("endpoint_id", "=", endpoint.body.id).executeTakeFirstOrThrow();
      // Three attempts wait the full 1.5 s; from the fourth on, 0.3 s.
      await until(async () => (await delivery()).attempts >= 3, 15_000, "three slow attempts");
      expect((await delivery()).latency_ms).toBeGreaterThanOrEqual(1_400);
      await until(async () => (await delivery()).status === "failed", 15_000, "the last attempt");
      const last = await delivery();
      expect(last.attempts).toBe(6);
      expect(last.latency_ms).toBeLessThan(800);
      expect(last.error).toMatch(/timed out after 300 ms/);
      const row = await api.db
        .selectFrom("webhook_endpoints")
        .selectAll()
        .where("id", "=", endpoint.body.id)
        .executeTakeFirstOrThrow();
      expect(row.slow_streak).toBe(6);
    } finally {
      await hanging.close();
    }
  }, 60_000);
  it("a commit wakes the worker: no wait for the next poll", async () => {
    await api.close();
    api = await startTestApi(engine);
    const partner = await api.signUp();
    const endpoint = await api.request("/v1/webhook-endpoints", { cookie: partner.cookie, body: { url: receiver.url } });
    expect(endpoint.status).toBe(201);
    // Polling every 10 s: only the commit's NOTIFY can bring the deliveries in time.
    await api.startWorker({ pollingIntervalSeconds: 10 });
    await new Promise((r) => setTimeout(r, 500)); // the worker's first (empty) poll is behind it
    const latencies: number[] = [];
    for (let seq = 0; seq < 5; seq++) {
      const event = await api.db
        .transaction()
        .execute((trx) => emit(trx, api.services, "api_key.created", partner.partnerId, apiKeyPayload(seq)));
      const committed = Date.now();
      await until(() => receiver.received.some((r) => r.json.id === event.id), 5_000, "the delivery");
      latencies.push((receiver.received.find((r) => r.json.id === event.id)?.at ?? 0) - committed);
    }
    expect(Math.max(...latencies)).toBeLessThan(1_000);
  });
});
