/**
 * Issue 13's done-means in a real Chromium: a partner adds a webhook endpoint in the portal pointing
 * at a real HTTP receiver (127.0.0.1), copies the secret shown once; a reviewer approves the
 * partner's application over the staff API; within a second the receiver gets
 * `application.approved`, verified with the SDK's verifyWebhook and the copied secret; the portal's
 * delivery log shows it succeeded; Send test and Redeliver reach the receiver too. The API runs its
 * job worker (pg-boss over PGlite) in-process, as `pnpm start` does. Screens in English and Chinese
 * go to artifacts/webhooks/ and are checked with axe.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { TestApi } from "@shopreg/api/testing";
import { verifyWebhook } from "@shopreg/sdk";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logIn, openChromium, PORTAL_ARTIFACTS, screens, startWorld, submitApplication, until, type World } from "./harness.ts";

type Received = { at: number; body: string; headers: IncomingHttpHeaders; json: { id: string; type: string; data: unknown } };

/** A TSP tool's endpoint: records every request as received (raw body for the signature) and answers 200. */
async function startReceiver() {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      received.push({ at: Date.now(), body, headers: req.headers, json: JSON.parse(body) });
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", () => ok()));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/shopreg/webhooks`;
  return { url, received, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

describe("webhooks in the partner portal, in Chromium", () => {
  let world: World;
  let api: TestApi;
  let webUrl: string;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let browser: Awaited<ReturnType<typeof openChromium>>;
  let context: BrowserContext;
  let page: Page;
  let partner: Awaited<ReturnType<TestApi["signUp"]>>;
  let applicationId: string;
  let secret: string;
  let shots: Awaited<ReturnType<typeof screens>>;

  const screen = (name: string) => shots.screen(page, name);
  const rows = () => page.getByTestId("delivery-row");

  beforeAll(async () => {
    shots = await screens(PORTAL_ARTIFACTS("webhooks"));
    receiver = await startReceiver();
    world = await startWorld({ worker: true });
    api = world.api;
    webUrl = world.web.url;

    // A partner with an application under review (the portal's own apply flow is partner-flow.e2e.ts's).
    partner = await api.signUp({ company_name: "Bright Harbor Trading" });
    applicationId = await submitApplication(api, partner, "US");

    browser = await openChromium("webhooks");
    context = browser.context;
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: webUrl });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await browser?.close();
    await world?.close();
    await receiver?.close();
  });

  it("adds an endpoint and shows its secret once", async () => {
    await logIn(page, webUrl, partner.email);
    await page.getByRole("link", { name: "Webhooks" }).click();
    await page.getByText("No webhook endpoints yet.").waitFor();
    await screen("empty");

    await page.getByRole("button", { name: "Add endpoint" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a webhook endpoint" });
    await dialog.getByLabel("Endpoint URL").fill(receiver.url);
    await dialog.getByLabel("Description (optional)").fill("Our CRM");
    await dialog.getByRole("checkbox", { name: "All events" }).uncheck();
    // Nothing picked: the form says so and cannot be sent.
    await dialog.getByText("Choose at least one event, or All events.").waitFor();
    await dialog.getByRole("checkbox", { name: /application\.approved/ }).check();
    await dialog.getByRole("checkbox", { name: /webhook_endpoint\.disabled/ }).check();
    await screen("create-dialog");
    await dialog.getByRole("button", { name: "Add endpoint" }).click();

    const secretDialog = page.getByRole("dialog", { name: "Your endpoint's signing secret" });
    await secretDialog.getByText("it is shown only once").waitFor();
    const shown = (await secretDialog.getByTestId("webhook-secret").textContent()) ?? "";
    expect(shown).toMatch(/^whsec_/);
    await secretDialog.getByRole("button", { name: "Copy" }).click();
    await page.getByText("Copied to the clipboard").waitFor();
    secret = await page.evaluate(() => navigator.clipboard.readText());
    expect(secret).toBe(shown);
    await screen("secret");
    await secretDialog.getByRole("button", { name: "I have copied it" }).click();

    // On the endpoint's page; the secret is nowhere to be read again.
    await page.getByRole("heading", { name: receiver.url }).waitFor();
    await page.getByText("Nothing sent to this endpoint yet.").waitFor();
    expect(await page.content()).not.toContain(secret);
  });

  it("a reviewer's approval reaches the receiver within a second, signed, and shows in the log as succeeded", async () => {
    const reviewer = await api.staff("reviewer");
    const approvedAt = Date.now();
    const res = await api.request(`/v1/staff/applications/${applicationId}/approve`, { cookie: reviewer.cookie, method: "POST" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await until(() => receiver.received.some((r) => r.json.type === "application.approved"), 5_000, "application.approved");
    const got = receiver.received.find((r) => r.json.type === "application.approved")!;
    expect(got.at - approvedAt).toBeLessThan(1_000);
    // Only what the endpoint subscribed to arrives (the submission came before; nothing else since).
    expect(receiver.received.map((r) => r.json.type)).toEqual(["application.approved"]);
    const event = verifyWebhook(got.body, got.headers as Record<string, string>, secret);
    expect(event).toMatchObject({ type: "application.approved", data: { id: applicationId, status: "APPROVED" } });
    expect(() =>
      verifyWebhook(got.body.replace("APPROVED", "REJECTED"), got.headers as Record<string, string>, secret),
    ).toThrow();

    await page.getByRole("button", { name: "Refresh" }).click();
    await expect.poll(() => rows().count()).toBe(1);
    const row = rows().first();
    await row.getByText("Succeeded").waitFor();
    expect(await row.textContent()).toContain("application.approved");
    expect(await row.textContent()).toContain("200");
    await screen("log-succeeded");
  });

  it("sends a test event and redelivers an event, both to the receiver, both in the log", async () => {
    await page.getByRole("button", { name: "Send test" }).click();
    await page.getByText("Test event sent.").waitFor();
    await until(() => receiver.received.some((r) => r.json.type === "webhook_endpoint.test"), 5_000, "the test event");
    const test = receiver.received.find((r) => r.json.type === "webhook_endpoint.test")!;
    expect(verifyWebhook(test.body, test.headers as Record<string, string>, secret).type).toBe("webhook_endpoint.test");
    await expect.poll(() => rows().count()).toBe(2);
    await rows().first().getByText("Succeeded").waitFor({ timeout: 5_000 });

    const approvedId = receiver.received.find((r) => r.json.type === "application.approved")!.json.id;
    const approvedRow = rows().filter({ hasText: "application.approved" });
    await approvedRow.getByRole("button", { name: /Redeliver/ }).click();
    await page.getByText("Queued for delivery again.").waitFor();
    await until(
      () => receiver.received.filter((r) => r.json.type === "application.approved").length === 2,
      5_000,
      "the redelivery",
    );
    const again = receiver.received.filter((r) => r.json.type === "application.approved")[1]!;
    // The same event (receivers dedupe on webhook-id), signed afresh.
    expect(again.headers["webhook-id"]).toBe(approvedId);
    expect(verifyWebhook(again.body, again.headers as Record<string, string>, secret).id).toBe(approvedId);
    await page.getByRole("button", { name: "Refresh" }).click();
    await approvedRow.getByText("Succeeded").waitFor();
    await expect.poll(async () => (await approvedRow.locator("td").nth(2).textContent())?.trim()).toBe("2");

    // Filter by status.
    await page.locator("#delivery-status").click();
    await page.getByRole("option", { name: "Failed" }).click();
    await page.getByText("No deliveries with this status.").waitFor();
    await page.locator("#delivery-status").click();
    await page.getByRole("option", { name: "Succeeded" }).click();
    await expect.poll(() => rows().count()).toBe(2);
    await screen("log-after-test-and-redeliver");
  });

  it("rotates the secret (the old one keeps signing for 24 h), disables the endpoint, and speaks Chinese", async () => {
    await page.getByRole("button", { name: "Rotate secret" }).click();
    const confirm = page.getByRole("dialog", { name: "Rotate the signing secret?" });
    await confirm.getByText("The old secret keeps signing for 24 hours").waitFor();
    await confirm.getByRole("button", { name: "Rotate secret" }).click();
    const secretDialog = page.getByRole("dialog", { name: "Your endpoint's signing secret" });
    const rotated = (await secretDialog.getByTestId("webhook-secret").textContent()) ?? "";
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    await secretDialog.getByRole("button", { name: "I have copied it" }).click();
    await page.getByText(/previous secret also signs until/).waitFor();

    // Both secrets verify the next delivery.
    const before = receiver.received.length;
    await page.getByRole("button", { name: "Send test" }).click();
    await until(() => receiver.received.length > before, 5_000, "the test after rotation");
    const next = receiver.received[before]!;
    expect(verifyWebhook(next.body, next.headers as Record<string, string>, rotated).type).toBe("webhook_endpoint.test");
    expect(verifyWebhook(next.body, next.headers as Record<string, string>, secret).type).toBe("webhook_endpoint.test");

    // The switch follows the API's answer, not the click: click it, then wait for the new state.
    const enabled = page.getByRole("switch", { name: "Send events to this endpoint" });
    await enabled.click();
    await page.getByRole("main").getByText("Disabled", { exact: true }).waitFor();
    expect(await enabled.isChecked()).toBe(false);
    expect(await page.getByRole("button", { name: "Send test" }).isDisabled()).toBe(true);

    await page.getByLabel("Language").selectOption("zh");
    await page.getByRole("heading", { name: "投递日志" }).waitFor();
    await screen("endpoint-zh");
    await page.getByRole("link", { name: "Webhooks" }).first().click();
    await page.getByRole("button", { name: "添加端点" }).click();
    await page.getByRole("checkbox", { name: "全部事件" }).uncheck();
    await page.getByRole("checkbox", { name: /application\.approved/ }).waitFor();
    await screen("create-dialog-zh");
    await page.getByRole("button", { name: "取消" }).click();
    await page.getByRole("table", { name: "Webhooks" }).waitFor();
    await screen("list-zh");

    // Delete, confirmed.
    await page.getByRole("link", { name: receiver.url }).click();
    await page.getByRole("button", { name: "删除" }).click();
    await page.getByRole("dialog", { name: "删除此端点？" }).getByRole("button", { name: "删除" }).click();
    await page.getByText("还没有 Webhook 端点。").waitFor();
  });
});
