import { startTestApi, type TestApi } from "@shopreg/api/testing";
import { testEngines } from "@shopreg/db/testing";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWebhookReceiver } from "../../../examples/webhook-receiver.ts";
import { Shopreg, verifyWebhook, type WebhookEvent, WebhookVerificationError } from "../src/index.ts";

describe.each(testEngines())("webhook endpoints through the SDK, and examples/webhook-receiver.ts, on $engine", ({ engine }) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(engine);
    await api.startWorker();
  });
  afterAll(async () => api?.close());

  it("creates an endpoint, the example receiver verifies the test event, and the delivery log shows it", async () => {
    const partner = await api.signUp();
    const key = await api.request("/v1/api-keys", {
      cookie: partner.cookie,
      body: { name: "tool", scopes: ["webhooks:read", "webhooks:write"] },
    });
    const sdk = new Shopreg({ apiKey: key.body.secret, baseUrl: api.url, maxRetries: 0 });
    let secret = "";
    const events: WebhookEvent[] = [];
    const receiver = await startWebhookReceiver({ secret: () => secret, onEvent: (e) => void events.push(e) });
    try {
      const endpoint = await sdk.webhookEndpoints.create({ url: receiver.url, event_types: ["api_key.created"] });
      secret = endpoint.secret;
      expect((await sdk.webhookEndpoints.list()).data.map((e) => e.id)).toEqual([endpoint.id]);
      const test = await sdk.webhookEndpoints.test(endpoint.id);
      const start = Date.now();
      while (!events.some((e) => e.id === test.event_id) && Date.now() - start < 5_000)
        await new Promise((r) => setTimeout(r, 25));
      const got = events.find((e) => e.id === test.event_id);
      expect(got?.type).toBe("webhook_endpoint.test");
      if (got?.type === "webhook_endpoint.test") expect(got.data.url).toBe(receiver.url);

      const log = await sdk.webhookEndpoints.deliveries(endpoint.id);
      expect(log.data[0]).toMatchObject({ status: "succeeded", response_status: 200, event_type: "webhook_endpoint.test" });
      const updated = await sdk.webhookEndpoints.update(endpoint.id, { description: "CRM sync" });
      expect(updated.description).toBe("CRM sync");
      const again = await sdk.webhookEndpoints.redeliver(log.data[0]!.id);
      expect(again.status).toBe("pending");
      const rotated = await sdk.webhookEndpoints.rotateSecret(endpoint.id);
      expect(rotated.secret).not.toBe(endpoint.secret);
      await sdk.webhookEndpoints.delete(endpoint.id);
      expect((await sdk.webhookEndpoints.list()).data).toEqual([]);

      // The receiver refuses a forged request.
      const forged = await fetch(receiver.url, {
        method: "POST",
        headers: {
          "webhook-id": "x",
          "webhook-timestamp": String(Math.floor(Date.now() / 1000)),
          "webhook-signature": "v1,AAAA",
        },
        body: "{}",
      });
      expect(forged.status).toBe(400);
      expect(await forged.json()).toEqual({ refused: "bad_signature" });
    } finally {
      await receiver.close();
    }
  });
});

describe("verifyWebhook", () => {
  const secret = `whsec_${Buffer.from("k".repeat(32)).toString("base64")}`;
  const body = JSON.stringify({
    id: "evt_1",
    type: "api_key.created",
    api_version: "2026-11-30",
    created_at: "x",
    partner_id: null,
    data: {},
  });
  const signed = (at: Date, payload = body, s = secret) => ({
    "webhook-id": "evt_1",
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(s).sign("evt_1", at, payload),
  });

  it("returns the typed event for a good signature (Headers or a plain object)", () => {
    expect(verifyWebhook(body, signed(new Date()), secret).type).toBe("api_key.created");
    expect(verifyWebhook(new TextEncoder().encode(body), new Headers(signed(new Date())), secret).id).toBe("evt_1");
  });

  it("throws on a stale timestamp, a bad signature, a tampered body, missing headers", () => {
    const reason = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        expect(err).toBeInstanceOf(WebhookVerificationError);
        return (err as WebhookVerificationError).reason;
      }
      return "accepted";
    };
    expect(reason(() => verifyWebhook(body, signed(new Date(Date.now() - 10 * 60_000)), secret))).toBe("stale_timestamp");
    const other = `whsec_${Buffer.from("o".repeat(32)).toString("base64")}`;
    expect(reason(() => verifyWebhook(body, signed(new Date(), body, other), secret))).toBe("bad_signature");
    expect(reason(() => verifyWebhook(body.replace("evt_1", "evt_2"), signed(new Date()), secret))).toBe("bad_signature");
    expect(reason(() => verifyWebhook(body, {}, secret))).toBe("missing_headers");
  });
});
