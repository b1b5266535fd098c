import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { COMPLETE_DETAILS, signConversion, startTestApi, type TestApi } from "@shopreg/api/testing";
import { newId } from "@shopreg/db";
import { testEngines } from "@shopreg/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningGateway, startGateway } from "../src/index.ts";
import { CHROME_UA, get, IPHONE_UA, testGatewayConfig } from "./helpers.ts";

const SECRET = "test-conversions-secret-0123456789abcdef";

// Done means (issue 15): a tagged link opened through the real gateway, a signed registration, and
// the campaign in the API's breakdown; a local seller through the cross-border link is a wrong-link
// registration; a reviewer reads the partner's referral quality.
describe.each(testEngines())("campaign tags from the gateway to the analytics API on $engine", ({ engine }) => {
  let api: TestApi;
  let gw: RunningGateway;
  let dir: string;
  let partner: Awaited<ReturnType<TestApi["signUp"]>>;
  let reviewer: string;
  let links: { id: string; url: string; audience: string }[];

  beforeAll(async () => {
    api = await startTestApi(engine, { conversionsSecret: SECRET });
    dir = mkdtempSync(join(tmpdir(), "shopreg-gw-"));
    gw = await startGateway({
      handle: api.handle,
      port: 0,
      host: "127.0.0.1",
      publicUrl: "http://gateway.test",
      config: testGatewayConfig(join(dir, "spill.jsonl"), { GATEWAY_CLICK_FLUSH_MS: "60000" }),
      logger: { info() {}, warn() {}, error() {} },
    });
    partner = await api.signUp();
    reviewer = (await api.staff("reviewer")).cookie;
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
    await api.request(`/v1/staff/applications/${app.body.id}/approve`, { cookie: reviewer, method: "POST" });
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
    const published = await api.request(`/v1/services/${service.body.id}/publish`, {
      cookie: partner.cookie,
      body: { confirm_target_market: "US" },
    });
    links = published.body.referral_links;
  });
  afterAll(async () => {
    await gw?.close();
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const linkOf = (audience: string) => links.find((l) => l.audience === audience) as (typeof links)[number];
  const open = async (audience: string, query: string, ip: string, ua = CHROME_UA) => {
    const res = await get(`${gw.url}${new URL(linkOf(audience).url).pathname}${query}`, {
      "user-agent": ua,
      "x-test-client-ip": ip,
    });
    expect(res.status).toBe(302);
    return new URL(res.headers.get("location") as string);
  };
  const register = async (sellerType: string, clickId: string) => {
    const raw = JSON.stringify({
      event_id: `evt_${newId()}`,
      event_type: "seller.registered",
      occurred_at: new Date().toISOString(),
      seller_id: `seller_${newId()}`,
      seller_type: sellerType,
      click_id: clickId,
    });
    const ts = Math.floor(Date.now() / 1000);
    const res = await api.request("/v1/conversions", {
      method: "POST",
      rawBody: raw,
      headers: { "x-shopreg-timestamp": String(ts), "x-shopreg-signature": signConversion(SECRET, ts, raw) },
    });
    expect(res.status).toBe(201);
    return res.body;
  };

  it("records the tags, never passes them on, credits the campaign, and flags the wrong link", async () => {
    const plain = await open("LOCAL_SELLER", "", "198.51.100.9");
    const tagged = await open(
      "LOCAL_SELLER",
      "?utm_campaign=spring-webinar&utm_source=newsletter&utm_medium=email&sub=rep-7&redirect=https://evil.com&shop_region=CN",
      "198.51.100.1",
    );
    // The destination is the same URL as without tags: same host, same three values, nothing else.
    expect(tagged.origin + tagged.pathname).toBe(plain.origin + plain.pathname);
    expect([...tagged.searchParams.keys()].sort()).toEqual(["channel", "click_id", "shop_region"]);
    expect(tagged.searchParams.get("shop_region")).toBe("US");
    const hostile = await open(
      "LOCAL_SELLER",
      `?utm_campaign=%0D%0ALocation:%20https://evil.com&utm_source=https://evil.com/@x&utm_content=%E2%80%AEtxt.exe&url=//evil.com`,
      "198.51.100.2",
    );
    expect(hostile.host).toBe("seller-us.tiktok.com");
    expect([...hostile.searchParams.keys()].sort()).toEqual(["channel", "click_id", "shop_region"]);
    const wrong = await open("CROSS_BORDER_SELLER", "?utm_campaign=fb-group", "198.51.100.3", IPHONE_UA);
    expect(wrong.host).toBe("seller.us.tiktokshopglobalselling.com");
    await gw.flush();

    const clickId = tagged.searchParams.get("click_id") as string;
    const rows = await api.db
      .selectFrom("clicks")
      .select(["id", "utm_source", "utm_medium", "utm_campaign", "utm_content"])
      .where("id", "in", [clickId, hostile.searchParams.get("click_id") as string, plain.searchParams.get("click_id") as string])
      .execute();
    expect(rows.find((r) => r.id === clickId)).toMatchObject({
      utm_source: "newsletter",
      utm_medium: "email",
      utm_campaign: "spring-webinar",
      utm_content: "rep-7",
    });
    // Control and invisible characters are refused; a URL-looking value is only text on the click.
    expect(rows.find((r) => r.id === hostile.searchParams.get("click_id"))).toMatchObject({
      utm_campaign: null,
      utm_source: "https://evil.com/@x",
      utm_content: null,
    });
    expect(rows.find((r) => r.id === plain.searchParams.get("click_id"))).toMatchObject({ utm_campaign: null, utm_source: null });

    const ok = await register("LOCAL_SELLER", clickId);
    expect(ok).toMatchObject({ attributed: true, utm_campaign: "spring-webinar", utm_content: "rep-7", wrong_link: false });
    const local = await register("LOCAL_SELLER", wrong.searchParams.get("click_id") as string);
    expect(local).toMatchObject({ attributed: true, utm_campaign: "fb-group", wrong_link: true });

    const breakdown = await api.request("/v1/analytics/breakdown?dimension=campaign", { cookie: partner.cookie });
    expect(breakdown.status).toBe(200);
    const byValue = new Map(breakdown.body.data.map((r: { value: string }) => [r.value, r]));
    expect(byValue.get("spring-webinar")).toMatchObject({ clicks: 1, registrations: 1, wrong_link_registrations: 0 });
    expect(byValue.get("fb-group")).toMatchObject({ clicks: 1, registrations: 1, wrong_link_registrations: 1 });
    expect(byValue.get("(none)")).toMatchObject({ clicks: 2, registrations: 0 });
    const bySource = await api.request("/v1/analytics/breakdown?dimension=source", { cookie: partner.cookie });
    expect(bySource.body.data.map((r: { value: string }) => r.value).sort()).toEqual([
      "(none)",
      "https://evil.com/@x",
      "newsletter",
    ]);

    const funnel = await api.request("/v1/analytics/funnel?group_by=audience", { cookie: partner.cookie });
    expect(
      funnel.body.data.map((r: { audience: string; registrations: number; wrong_link_registrations: number }) => [
        r.audience,
        r.registrations,
        r.wrong_link_registrations,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ["CROSS_BORDER_SELLER", 1, 1],
        ["LOCAL_SELLER", 1, 0],
      ]),
    );
    const byCampaign = await api.request("/v1/analytics/funnel?group_by=campaign", { cookie: partner.cookie });
    expect(byCampaign.body.data.find((r: { key: string }) => r.key === "spring-webinar")).toMatchObject({
      clicks: 1,
      registrations: 1,
    });
    const series = await api.request("/v1/analytics/timeseries?campaign=spring-webinar", { cookie: partner.cookie });
    expect(series.body.data.reduce((n: number, b: { clicks: number }) => n + b.clicks, 0)).toBe(1);
    const csv = await api.request("/v1/analytics/export?report=breakdown&dimension=campaign", { cookie: partner.cookie });
    expect(csv.body).toContain("value,clicks,unique_clicks,bot_clicks,registrations,approved_shops,wrong_link_registrations");
    expect(csv.body).toContain("spring-webinar,1,1,0,1,0,0");

    // Analysts see the wrong link across partners.
    const analyst = (await api.staff("analyst")).cookie;
    const top = await api.request("/v1/staff/analytics/funnel?group_by=partner", { cookie: analyst });
    expect(top.body.data.find((r: { key: string }) => r.key === partner.partnerId)).toMatchObject({
      registrations: 2,
      wrong_link_registrations: 1,
    });

    // A reviewer reads the partner's referral quality, alone or beside others.
    const quality = await api.request(`/v1/staff/partners/${partner.partnerId}/referral-quality`, { cookie: reviewer });
    expect(quality.status).toBe(200);
    expect(quality.body).toMatchObject({
      partner_id: partner.partnerId,
      registrations: 2,
      approved_shops: 0,
      approval_rate: 0,
      wrong_link_registrations: 1,
      wrong_link_rate: 0.5,
      total_clicks: 4,
      bot_clicks: 0,
      bot_click_share: 0,
    });
    expect(new Date(quality.body.to).getTime() - new Date(quality.body.from).getTime()).toBe(90 * 86_400_000);
    const other = newId();
    const batch = await api.request(`/v1/staff/referral-quality?partner_ids=${partner.partnerId},${other}`, { cookie: reviewer });
    expect(batch.body.data.map((q: { partner_id: string; registrations: number }) => [q.partner_id, q.registrations])).toEqual([
      [partner.partnerId, 2],
      [other, 0],
    ]);
    expect((await api.request(`/v1/staff/referral-quality?partner_ids=nope`, { cookie: reviewer })).status).toBe(422);
    expect((await api.request(`/v1/staff/partners/${other}/referral-quality`, { cookie: reviewer })).status).toBe(404);
    expect(
      (await api.request(`/v1/staff/partners/${partner.partnerId}/referral-quality`, { cookie: partner.cookie })).status,
    ).toBe(401);
  });
});
