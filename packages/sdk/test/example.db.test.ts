import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { COMPLETE_DETAILS, startTestApi, type TestApi } from "@shopreg/api/testing";
import { testEngines } from "@shopreg/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const examples = fileURLToPath(new URL("../../../examples/", import.meta.url));
const tsx = fileURLToPath(new URL("../../../node_modules/.bin/tsx", import.meta.url));

/** A partner with an approved Shop registration application and an API key, all over HTTP. */
async function approvedPartnerKey(api: TestApi): Promise<string> {
  const partner = await api.signUp();
  const app = await api.request("/v1/applications", {
    cookie: partner.cookie,
    body: { category_id: "shop_registration", target_market: "US", details: COMPLETE_DETAILS.US },
  });
  await api.request(`/v1/applications/${app.body.id}/submit`, { cookie: partner.cookie, method: "POST" });
  const reviewer = await api.staff("reviewer");
  const approved = await api.request(`/v1/staff/applications/${app.body.id}/approve`, {
    cookie: reviewer.cookie,
    method: "POST",
  });
  expect(approved.status).toBe(200);
  const key = await api.request("/v1/api-keys", { cookie: partner.cookie, body: { name: "example" } });
  return key.body.secret;
}

describe.each(testEngines())("examples/publish-campaigns.ts on $engine", ({ engine }) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(engine);
  });
  afterAll(async () => {
    await api?.close();
  });

  it("publishes one service per campaign and prints both links of each, and a re-run creates no duplicates", async () => {
    const env = { ...process.env, SHOPREG_API_KEY: await approvedPartnerKey(api), SHOPREG_BASE_URL: api.url };
    const run = () => promisify(execFile)(tsx, ["publish-campaigns.ts"], { cwd: examples, env });
    const { stdout } = await run();
    expect(stdout).toMatch(/\[1\/3\] spring-fashion: published \S+ \(ON\)/);
    expect(stdout).toMatch(/\[3\/3\] home-goods: published/);
    expect(stdout.match(/local sellers: +http:\/\/gateway\.test\/\S+/g)).toHaveLength(3);
    expect(stdout.match(/cross-border sellers: +http:\/\/gateway\.test\/\S+/g)).toHaveLength(3);
    expect(stdout).toContain("3 published, 0 failed");

    const again = await run();
    const links = (s: string) => s.match(/http:\/\/gateway\.test\/\S+/g);
    expect(links(again.stdout)).toEqual(links(stdout));
    const services = await api.request("/v1/services", { token: env.SHOPREG_API_KEY });
    expect(services.body.data).toHaveLength(3);

    const quick = await promisify(execFile)(tsx, ["quickstart.ts"], { cwd: examples, env });
    expect(quick.stdout.trim().split("\n").sort()).toEqual([
      expect.stringMatching(/^CROSS_BORDER_SELLER http:\/\/gateway\.test\/\S+$/),
      expect.stringMatching(/^LOCAL_SELLER http:\/\/gateway\.test\/\S+$/),
    ]);
  });
});
