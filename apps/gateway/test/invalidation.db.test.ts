import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { COMPLETE_DETAILS, startTestApi, type TestApi } from "@shopreg/api/testing";
import { testEngines } from "@shopreg/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningGateway, startGateway } from "../src/index.ts";
import { get, testGatewayConfig, until } from "./helpers.ts";

describe.each(testEngines())("link changes through the API reach the gateway on $engine", ({ engine }) => {
  let api: TestApi;
  let gw: RunningGateway;
  let dir: string;

  beforeAll(async () => {
    api = await startTestApi(engine);
    dir = mkdtempSync(join(tmpdir(), "shopreg-gw-"));
    // The gateway shares the API's database; a long TTL proves LISTEN/NOTIFY, not expiry, refreshes the cache.
    gw = await startGateway({
      handle: api.handle,
      port: 0,
      host: "127.0.0.1",
      publicUrl: "http://gateway.test",
      config: testGatewayConfig(join(dir, "spill.jsonl"), { GATEWAY_CACHE_TTL_MS: "600000" }),
      logger: { info() {}, warn() {}, error() {} },
    });
  });
  afterAll(async () => {
    await gw?.close();
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("redirects once published, shows the inactive page right after deactivation, and redirects again after re-publishing", async () => {
    const partner = await api.signUp();
    const app = await api.request("/v1/applications", {
      cookie: partner.cookie,
      body: { category_id: "shop_registration", target_market: "US" },
    });
    await api.request(`/v1/applications/${app.body.id}`, {
      cookie: partner.cookie,
      method: "PATCH",
      body: { details: COMPLETE_DETAILS.US },
    });
    await api.request(`/v1/applications/${app.body.id}/submit`, { cookie: partner.cookie, method: "POST" });
    const reviewer = await api.staff("reviewer");
    await api.request(`/v1/staff/applications/${app.body.id}/approve`, { cookie: reviewer.cookie, method: "POST" });
    const service = await api.request("/v1/services", {
      cookie: partner.cookie,
      body: {
        type: "CUSTOM",
        category_id: "shop_registration",
        target_market: "US",
        name: "Launch",
        description: "We register shops.",
        contact_email: "ops@example.com",
      },
    });
    const publish = () =>
      api.request(`/v1/services/${service.body.id}/publish`, { cookie: partner.cookie, body: { confirm_target_market: "US" } });
    const published = await publish();
    expect(published.status).toBe(200);
    const urls: string[] = published.body.referral_links.map((l: { url: string }) => l.url);
    const local = new URL(urls[0]!).pathname; // "/{token}" on the public URL; the test reaches it on gw.url
    const status = async () => (await get(`${gw.url}${local}`)).status;

    expect(await status()).toBe(302);
    const off = await api.request(`/v1/services/${service.body.id}/deactivate`, { cookie: partner.cookie, method: "POST" });
    expect(off.body.status).toBe("OFF");
    await until(async () => (await status()) === 410, "the inactive page after deactivation");
    const page = await get(`${gw.url}${local}`);
    expect(await page.text()).toContain("inactive");

    expect((await publish()).body.referral_links.map((l: { url: string }) => l.url)).toEqual(urls);
    await until(async () => (await status()) === 302, "the redirect after re-publishing");
    const location = new URL((await get(`${gw.url}${local}`)).headers.get("location")!);
    expect(location.host).toBe("seller-us.tiktok.com");
    expect(location.searchParams.get("channel")).toBe(local.slice(1));
  });
});
