import { testEngines } from "@shopreg/db/testing";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postWebhook } from "../src/jobs/http.ts";
import { QUEUES } from "../src/jobs/queue.ts";
import { startTestApi, type TestApi } from "../src/testing.ts";
import { emit } from "../src/usecases/events.ts";
import { expectError, fieldPaths, type Partner, submittedApplication } from "./helpers.ts";
import { apiKeyPayload, startReceiver, startSmtp, until } from "./webhook-kit.ts";

describe.each(testEngines())("webhooks and mail on $engine", ({ engine }) => {
  let api: TestApi;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let reviewer: { cookie: string };

  beforeAll(async () => {
    smtp = await startSmtp();
    receiver = await startReceiver();
    api = await startTestApi(engine, { smtpUrl: smtp.url });
    await api.startWorker();
    reviewer = await api.staff("reviewer");
  });
  afterAll(async () => {
    await api?.close();
    await receiver?.close();
    await smtp?.close();
  });

  const addEndpoint = async (p: Partner, body: Record<string, unknown>) => {
    const res = await api.request("/v1/webhook-endpoints", { cookie: p.cookie, body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; secret: string };
  };

  it("a reviewer's approval reaches the tool's endpoint, signed, within a second, and the contact's inbox", async () => {
    const partner = await api.signUp();
    const endpoint = await addEndpoint(partner, { url: receiver.url, event_types: ["application.approved"] });
    expect(endpoint.secret).toMatch(/^whsec_/);
    const stored = await api.db
      .selectFrom("webhook_endpoints")
      .selectAll()
      .where("id", "=", endpoint.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(endpoint.secret.slice(6)); // only the ciphertext is kept

    const appId = await submittedApplication(api, partner);
    const approvedAt = Date.now();
    const res = await api.request(`/v1/staff/applications/${appId}/approve`, { cookie: reviewer.cookie, method: "POST" });
    expect(res.status).toBe(200);

    await until(() => receiver.received.some((r) => r.json.type === "application.approved"), 3_000, "the webhook");
    const got = receiver.received.find((r) => r.json.type === "application.approved")!;
    expect(got.at - approvedAt).toBeLessThan(1_000);
    // Only the subscribed type arrives (the submission was not subscribed).
    expect(receiver.received.filter((r) => r.json.partner_id === partner.partnerId).map((r) => r.json.type)).toEqual([
      "application.approved",
    ]);
    const verified = new Webhook(endpoint.secret).verify(got.body, got.headers as Record<string, string>) as any;
    expect(verified).toMatchObject({ type: "application.approved", data: { id: appId, status: "APPROVED" } });
    expect(got.headers["webhook-id"]).toBe(verified.id);

    await until(() => smtp.mails.some((m) => m.subject?.includes("approved") ?? false), 3_000, "the mail");
    const mail = smtp.mails.find((m) => m.subject?.includes("approved"))!;
    expect((mail.to as { text: string }).text).toBe(partner.email);
    expect(mail.text).toContain("Next step");
    expect(mail.html).toContain("<p>");

    await until(async () => {
      const log = await api.request(`/v1/webhook-endpoints/${endpoint.id}/deliveries`, { cookie: partner.cookie });
      return log.body.data[0]?.status === "succeeded";
    });
    const log = await api.request(`/v1/webhook-endpoints/${endpoint.id}/deliveries`, { cookie: partner.cookie });
    expect(log.body.data).toHaveLength(1);
    expect(log.body.data[0]).toMatchObject({
      event_type: "application.approved",
      status: "succeeded",
      attempts: 1,
      response_status: 200,
      response_excerpt: "ok",
      latency_ms: expect.any(Number),
    });
  });

  it("mails a rejection with the reviewer's reason in the user's language", async () => {
    const partner = await api.signUp();
    await api.db.updateTable("users").set({ locale: "zh-CN" }).where("id", "=", partner.userId).execute();
    const appId = await submittedApplication(api, partner);
    const res = await api.request(`/v1/staff/applications/${appId}/reject`, {
      cookie: reviewer.cookie,
      body: { reason: "营业执照无法辨认" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // The sign-up's confirmation mail went to the same address first.
    await until(
      () =>
        smtp.mails.some((m) => (m.to as { text: string }).text === partner.email && m.subject === "您的 shopreg 申请未获批准"),
      3_000,
      "the mail",
    );
    const mail = smtp.mails.find(
      (m) => (m.to as { text: string }).text === partner.email && m.subject === "您的 shopreg 申请未获批准",
    )!;
    expect(mail.subject).toBe("您的 shopreg 申请未获批准");
    expect(mail.text).toContain("营业执照无法辨认");
  });

  it("no event without its deliveries and jobs, and none of them without the change: a rollback leaves nothing", async () => {
    const partner = await api.signUp();
    const endpoint = await addEndpoint(partner, { url: receiver.url });
    const jobsBefore = await countJobs(api);
    await expect(
      api.db.transaction().execute(async (trx) => {
        await emit(trx, api.services, "api_key.created", partner.partnerId, apiKeyPayload(1));
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await api.db.selectFrom("events").selectAll().where("partner_id", "=", partner.partnerId).execute()).toEqual([]);
    expect(await api.db.selectFrom("webhook_deliveries").selectAll().where("endpoint_id", "=", endpoint.id).execute()).toEqual(
      [],
    );
    expect(await countJobs(api)).toBe(jobsBefore);

    // Committed: the event, one delivery per endpoint, one job per delivery.
    const event = await api.db
      .transaction()
      .execute((trx) => emit(trx, api.services, "api_key.created", partner.partnerId, apiKeyPayload(2)));
    const deliveries = await api.db.selectFrom("webhook_deliveries").selectAll().where("event_id", "=", event.id).execute();
    expect(deliveries).toHaveLength(1);
    const jobs = await api.db
      .selectFrom("pgboss.job" as never)
      .select(["data" as never])
      .where("name" as never, "=", QUEUES.webhook as never)
      .execute();
    expect(jobs.map((j: any) => j.data.delivery_id)).toContain(deliveries[0]!.id);
  });

  it("the secret rotates: for a day each webhook is signed with the new and the old secret", async () => {
    const partner = await api.signUp();
    const endpoint = await addEndpoint(partner, { url: receiver.url });
    const rotated = await api.request(`/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, {
      cookie: partner.cookie,
      method: "POST",
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(endpoint.secret);
    const expires = Date.parse(rotated.body.previous_secret_expires_at);
    expect(expires - Date.now()).toBeGreaterThan(23.9 * 3600_000);

    const test = await api.request(`/v1/webhook-endpoints/${endpoint.id}/test`, { cookie: partner.cookie, method: "POST" });
    expect(test.status).toBe(202);
    await until(() => receiver.received.some((r) => r.json.id === test.body.event_id), 3_000, "the test event");
    const got = receiver.received.find((r) => r.json.id === test.body.event_id)!;
    expect(String(got.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    for (const secret of [endpoint.secret, rotated.body.secret]) {
      expect(new Webhook(secret).verify(got.body, got.headers as Record<string, string>)).toMatchObject({
        type: "webhook_endpoint.test",
      });
    }
    expect(() =>
      new Webhook(`whsec_${Buffer.from("x".repeat(32)).toString("base64")}`).verify(
        got.body,
        got.headers as Record<string, string>,
      ),
    ).toThrow();

    // After the overlap only the new secret signs.
    await api.db
      .updateTable("webhook_endpoints")
      .set({ previous_secret_expires_at: new Date(Date.now() - 1) })
      .where("id", "=", endpoint.id)
      .execute();
    const again = await api.request(`/v1/webhook-endpoints/${endpoint.id}/test`, { cookie: partner.cookie, method: "POST" });
    await until(() => receiver.received.some((r) => r.json.id === again.body.event_id), 3_000, "the second test");
    const second = receiver.received.find((r) => r.json.id === again.body.event_id)!;
    expect(String(second.headers["webhook-signature"]).split(" ")).toHaveLength(1);
    expect(() => new Webhook(endpoint.secret).verify(second.body, second.headers as Record<string, string>)).toThrow();
  });

  it("endpoints: CRUD over the API, scopes, validation, redelivery", async () => {
    const partner = await api.signUp();
    const other = await api.signUp();
    const endpoint = await addEndpoint(partner, { url: receiver.url, description: "CRM" });
    const list = await api.request("/v1/webhook-endpoints", { cookie: partner.cookie });
    expect(list.body.data.map((e: { id: string }) => e.id)).toEqual([endpoint.id]);
    expect(list.body.data[0]).not.toHaveProperty("secret");
    expectError(await api.request(`/v1/webhook-endpoints/${endpoint.id}`, { cookie: other.cookie }), 404);
    expect(fieldPaths(await api.request("/v1/webhook-endpoints", { cookie: partner.cookie, body: { url: "nope" } }))).toContain(
      "url",
    );
    expect(
      fieldPaths(
        await api.request("/v1/webhook-endpoints", {
          cookie: partner.cookie,
          body: { url: receiver.url, event_types: ["no.such"] },
        }),
      ),
    ).toContain("event_types.0");

    const patched = await api.request(`/v1/webhook-endpoints/${endpoint.id}`, {
      method: "PATCH",
      cookie: partner.cookie,
      body: { enabled: false, event_types: ["service.published"] },
    });
    expect(patched.body).toMatchObject({
      enabled: false,
      event_types: ["service.published"],
      disabled_reason: "Disabled by the partner.",
    });

    // A read-only key reads but cannot change.
    const key = await api.request("/v1/api-keys", { cookie: partner.cookie, body: { name: "ro", scopes: ["webhooks:read"] } });
    expect((await api.request("/v1/webhook-endpoints", { token: key.body.secret })).status).toBe(200);
    expectError(await api.request("/v1/webhook-endpoints", { token: key.body.secret, body: { url: receiver.url } }), 403);

    await api.request(`/v1/webhook-endpoints/${endpoint.id}`, {
      method: "PATCH",
      cookie: partner.cookie,
      body: { enabled: true },
    });
    const test = await api.request(`/v1/webhook-endpoints/${endpoint.id}/test`, { cookie: partner.cookie, method: "POST" });
    await until(async () => {
      const d = await api.request(`/v1/webhook-endpoints/${endpoint.id}/deliveries`, { cookie: partner.cookie });
      return d.body.data[0]?.status === "succeeded";
    });
    const redo = await api.request(`/v1/webhook-deliveries/${test.body.delivery.id}/redeliver`, {
      cookie: partner.cookie,
      method: "POST",
    });
    expect(redo.status, JSON.stringify(redo.body)).toBe(202);
    expect(redo.body.status).toBe("pending");
    await until(() => receiver.received.filter((r) => r.json.id === test.body.event_id).length === 2, 3_000, "the redelivery");
    expectError(
      await api.request(`/v1/webhook-deliveries/${test.body.delivery.id}/redeliver`, { cookie: other.cookie, method: "POST" }),
      404,
    );

    const del = await api.request(`/v1/webhook-endpoints/${endpoint.id}`, { method: "DELETE", cookie: partner.cookie });
    expect(del.status).toBe(204);
    expectError(await api.request(`/v1/webhook-endpoints/${endpoint.id}`, { cookie: partner.cookie }), 404);
  });
});

describe.each(testEngines())("SSRF guard on $engine (production settings)", ({ engine }) => {
  let api: TestApi;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver();
    api = await startTestApi(engine, { webhookAllowPrivateUrls: false, webhookRetrySchedule: [] });
    await api.startWorker();
  });
  afterAll(async () => {
    await api?.close();
    await receiver?.close();
  });

  it("refuses http, loopback, private and link-local URLs at creation with a clear 422", async () => {
    const partner = await api.signUp();
    for (const url of [
      receiver.url,
      `https://127.0.0.1:${receiver.port}/hooks`,
      "https://localhost/hooks",
      "https://10.1.2.3/hooks",
      "https://169.254.169.254/latest/meta-data",
      "https://[::1]/hooks",
    ]) {
      const res = await api.request("/v1/webhook-endpoints", { cookie: partner.cookie, body: { url } });
      const err = expectError(res, 422);
      expect(fieldPaths(res), url).toEqual(["url"]);
      expect(err.message).toMatch(/https|address/);
    }
  });

  it("refuses at delivery time, after DNS resolution, even when the stored URL slipped past creation", async () => {
    const partner = await api.signUp();
    // As if the name resolved publicly at creation and now points inward (DNS rebinding).
    const endpoint = await api.request("/v1/webhook-endpoints", {
      cookie: partner.cookie,
      body: { url: "https://example.com/hooks" },
    });
    // The sandbox may have no DNS: create the row directly when the API could not resolve the name.
    let id: string = endpoint.body?.id;
    if (endpoint.status !== 201) {
      const { seal } = await import("../src/auth/sealer.ts");
      const row = await api.db
        .insertInto("webhook_endpoints")
        .values({
          id: crypto.randomUUID(),
          partner_id: partner.partnerId,
          url: "https://localhost/hooks",
          event_types: [],
          secret_ciphertext: seal(api.services.config.webhookSecretKey, "whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0dGVzdHRl"),
          created_at: new Date(),
          updated_at: new Date(),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      id = row.id;
    }
    await api.db
      .updateTable("webhook_endpoints")
      .set({ url: `https://localhost:${receiver.port}/hooks` })
      .where("id", "=", id)
      .execute();
    const test = await api.request(`/v1/webhook-endpoints/${id}/test`, { cookie: partner.cookie, method: "POST" });
    expect(test.status).toBe(202);
    await until(async () => {
      const d = await api.request(`/v1/webhook-endpoints/${id}/deliveries`, { cookie: partner.cookie });
      return d.body.data[0]?.status === "failed";
    });
    const d = await api.request(`/v1/webhook-endpoints/${id}/deliveries`, { cookie: partner.cookie });
    expect(d.body.data[0].error).toMatch(/not allowed|private|loopback|127\.0\.0\.1|::1/i);
    expect(receiver.received).toHaveLength(0);

    // And plain http is refused before any connection.
    const r = await postWebhook(receiver.url, "{}", {}, { timeoutMs: 1_000, allowPrivate: false });
    expect(r.error).toMatch(/not https/);
    expect(receiver.received).toHaveLength(0);
  });
});

const countJobs = async (api: TestApi) => {
  const row = await api.db
    .selectFrom("pgboss.job" as never)
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number((row as { n: string }).n);
};
