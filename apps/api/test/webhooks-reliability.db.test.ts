import { testEngines } from "@shopreg/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../src/testing.ts";
import { emit } from "../src/usecases/events.ts";
import { apiKeyPayload, startReceiver, startSmtp, until } from "./webhook-kit.ts";

/** A fast retry schedule and timeout so hours of backoff fit in seconds; the logic is the production one. */
const FAST = { webhookRetrySchedule: [0.2, 0.4, 0.8, 1, 1, 1, 1, 1], webhookTimeoutMs: 2_000 };

describe.each(testEngines())("delivery survives failures on $engine", ({ engine }) => {
  let api: TestApi;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;

  beforeAll(async () => {
    smtp = await startSmtp();
    api = await startTestApi(engine, { ...FAST, smtpUrl: smtp.url });
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  it("receiver failing, timing out, down for a while, worker restarted mid-delivery: every event arrives, none lost", async () => {
    const N = 40;
    // First attempts: every 3rd answers 500, every 7th hangs past the timeout; retries succeed.
    const seen = new Map<string, number>();
    const receiver = await startReceiver((r) => {
      const id = r.json.id as string;
      const n = (seen.get(id) ?? 0) + 1;
      seen.set(id, n);
      const idx = Number(r.json.data.name);
      if (n === 1 && idx % 7 === 0) return "hang";
      if (n === 1 && idx % 3 === 0) return 500;
      return 200;
    });
    try {
      const partner = await api.signUp();
      const created = await api.request("/v1/webhook-endpoints", { cookie: partner.cookie, body: { url: receiver.url } });
      expect(created.status).toBe(201);
      let worker = await api.startWorker({ batchSize: 5 });

      const emitted: string[] = [];
      for (let seq = 0; seq < N; seq++) {
        const e = await api.db
          .transaction()
          .execute((trx) => emit(trx, api.services, "api_key.created", partner.partnerId, apiKeyPayload(seq)));
        emitted.push(e.id);
        if (seq === 15) await receiver.down(1_500); // connection refused for 1.5 s
        if (seq === 25) {
          await until(() => seen.size >= 20, 10_000, "deliveries in flight");
          await worker.stop(); // the process goes away mid-delivery...
          worker = await api.startWorker({ batchSize: 5 }); // ...and comes back
        }
      }

      await until(
        () => emitted.every((id) => receiver.received.some((r) => r.json.id === id && r.status < 300)),
        30_000,
        "every event delivered",
      );
      const ok = receiver.received.filter((r) => r.status < 300);
      const lost = emitted.filter((id) => !ok.some((r) => r.json.id === id)).length;
      const duplicates = ok.length - new Set(ok.map((r) => r.json.id)).size;
      console.log(
        `reliability[${engine}]: events=${N} attempts=${[...seen.values()].reduce((a, b) => a + b, 0)} lost=${lost} duplicates=${duplicates}`,
      );
      expect(lost).toBe(0);
      expect(duplicates).toBeLessThanOrEqual(N / 10);

      await until(
        async () => {
          const rows = await api.db
            .selectFrom("webhook_deliveries")
            .select("status")
            .where("partner_id", "=", partner.partnerId)
            .execute();
          return rows.length === N && rows.every((r) => r.status === "succeeded");
        },
        10_000,
        "every delivery marked succeeded",
      );
      const retried = await api.db
        .selectFrom("webhook_deliveries")
        .selectAll()
        .where("partner_id", "=", partner.partnerId)
        .where("attempts", ">", 1)
        .execute();
      expect(retried.length).toBeGreaterThan(N / 4);
    } finally {
      await receiver.close();
    }
  }, 90_000);

  it("an endpoint failing past the limit is disabled, announced as webhook_endpoint.disabled, and its owner is mailed", async () => {
    await api.close();
    api = await startTestApi(engine, { ...FAST, smtpUrl: smtp.url, webhookDisableAfterMs: 500 });
    const receiver = await startReceiver(() => 503);
    try {
      const partner = await api.signUp();
      const created = await api.request("/v1/webhook-endpoints", { cookie: partner.cookie, body: { url: receiver.url } });
      await api.startWorker();
      await api.db
        .transaction()
        .execute((trx) => emit(trx, api.services, "api_key.created", partner.partnerId, apiKeyPayload(1)));
      await until(
        async () => {
          const e = await api.request(`/v1/webhook-endpoints/${created.body.id}`, { cookie: partner.cookie });
          return e.body.enabled === false;
        },
        10_000,
        "the endpoint disabled",
      );
      const e = await api.request(`/v1/webhook-endpoints/${created.body.id}`, { cookie: partner.cookie });
      expect(e.body.disabled_reason).toMatch(/failed/);
      const events = await api.db.selectFrom("events").selectAll().where("partner_id", "=", partner.partnerId).execute();
      expect(events.map((x) => x.type)).toContain("webhook_endpoint.disabled");
      // The sign-up's confirmation mail went to the same address first.
      await until(
        () =>
          smtp.mails.some(
            (m) => (m.to as { text: string }).text === partner.email && m.subject === "A shopreg webhook endpoint was disabled",
          ),
        5_000,
        "the mail",
      );
      const mail = smtp.mails.find(
        (m) => (m.to as { text: string }).text === partner.email && m.subject === "A shopreg webhook endpoint was disabled",
      )!;
      expect(mail.subject).toBe("A shopreg webhook endpoint was disabled");
      expect(mail.text).toContain(receiver.url);
      const audit = await api.db.selectFrom("audit_events").selectAll().where("entity_id", "=", created.body.id).execute();
      expect(audit.map((a) => a.action)).toEqual(["create", "disable"]);
    } finally {
      await receiver.close();
    }
  }, 60_000);
});
