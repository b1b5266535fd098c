/**
 * Issue 15's done-means in a real Chromium: a partner's fixed referral link carries a campaign
 * (`?utm_campaign=spring-webinar`); the browser opens it through the real gateway and lands on
 * Seller Center (same host as untagged); Seller Center reports the registration to the signed
 * conversions intake for that click; the portal's Analytics and the API's campaign breakdown both
 * say one click and one registration. A local seller who came through the cross-border link is a
 * wrong-link registration. The filtered view lives in the URL and survives a reload. Screens in
 * English and Chinese go to artifacts/campaigns/ and are checked with axe.
 */
import type { TestApi } from "@shopreg/api/testing";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  logIn,
  openChromium,
  openReferralLink,
  PORTAL_ARTIFACTS,
  type ReferringPartner,
  referringPartner,
  screens,
  signedConversion,
  startWorld,
  until,
  type World,
} from "./harness.ts";

/** A seller's desktop Chrome (a headless browser's own user agent reads, rightly, as a bot). */
const SELLER_BROWSER =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";

type BreakdownRow = {
  value: string;
  clicks: number;
  unique_clicks: number;
  bot_clicks: number;
  registrations: number | null;
  wrong_link_registrations: number | null;
};

describe("campaign tags on a fixed referral link, in Chromium", () => {
  let world: World;
  let api: TestApi;
  let webUrl: string;
  let partner: ReferringPartner;
  let browser: Awaited<ReturnType<typeof openChromium>>;
  let context: BrowserContext;
  let page: Page;
  let shots: Awaited<ReturnType<typeof screens>>;

  const screen = (name: string) => shots.screen(page, name);
  /** The partner's campaign breakdown as the API answers it (the default range: the last 30 days). */
  const campaignRows = async (): Promise<BreakdownRow[]> => {
    const res = await api.request<{ data: BreakdownRow[] }>("/v1/analytics/breakdown?dimension=campaign", {
      cookie: partner.cookie,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.data;
  };
  const campaignRow = async (campaign: string) => (await campaignRows()).find((r) => r.value === campaign);
  const cell = (row: ReturnType<Page["getByRole"]>, i: number) => row.locator("td").nth(i);

  beforeAll(async () => {
    shots = await screens(PORTAL_ARTIFACTS("campaigns"));
    world = await startWorld({ gateway: true });
    api = world.api;
    webUrl = world.web.url;
    partner = await referringPartner(api, { company_name: "Pearl River Growth", service_name: "Pearl River Shop Launch" });
    browser = await openChromium("campaigns", { userAgent: SELLER_BROWSER });
    context = browser.context;
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  it("a tagged link lands on Seller Center; the signed registration shows under spring-webinar in Analytics and the API", async () => {
    const token = partner.links.LOCAL_SELLER.split("/").pop()!;
    const landed = await openReferralLink(context, `${partner.links.LOCAL_SELLER}?utm_campaign=spring-webinar`);
    // The destination does not change with a tag: Seller Center's host and path, the link's channel.
    expect(landed.origin + landed.pathname).toBe("https://seller-us.tiktok.com/account/register");
    expect(landed.searchParams.get("channel")).toBe(token);
    const clickId = landed.searchParams.get("click_id");
    expect(clickId).toMatch(/^[0-9a-f-]{36}$/);

    // The gateway writes clicks on its own schedule: wait until the API reads this one.
    await until(async () => (await campaignRow("spring-webinar"))?.clicks === 1, 15_000, "the tagged click in the breakdown");

    // Seller Center reports the registration, signed with the shared secret, for that click.
    const registered = await signedConversion(api, {
      event_id: `evt-spring-${Date.now()}`,
      event_type: "seller.registered",
      occurred_at: new Date().toISOString(),
      seller_id: "seller-spring-1",
      seller_type: "LOCAL_SELLER",
      click_id: clickId!,
      channel: token,
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    expect(registered.body).toMatchObject({ attributed: true, utm_campaign: "spring-webinar", wrong_link: false });

    // The API's breakdown: one click, one registration under the campaign.
    expect(await campaignRow("spring-webinar")).toMatchObject({
      clicks: 1,
      unique_clicks: 1,
      bot_clicks: 0,
      registrations: 1,
      wrong_link_registrations: 0,
    });

    // The partner's Analytics, as the partner reads it.
    await logIn(page, webUrl, partner.email);
    await page.getByRole("link", { name: "Analytics", exact: true }).click();
    await page.getByRole("heading", { name: "Analytics", level: 1 }).waitFor();
    await page.getByRole("tab", { name: "Campaign" }).click();
    await page.waitForURL(/[?&]dimension=campaign/);
    const table = page.getByRole("table", { name: "Campaign", exact: true });
    const row = table.getByRole("row", { name: /spring-webinar/ });
    await row.waitFor();
    // Clicks, unique clicks, bot clicks, registrations, wrong-link registrations.
    expect(await row.locator("td").allInnerTexts()).toEqual(["1", "1", "0", "1", "0", "100%"]);
    await page.getByTestId("other-note").waitFor();

    // The series for that campaign only: the filter goes into the URL, and so does its CSV.
    await page.locator("#analytics-campaign").click();
    await page.getByRole("option", { name: "spring-webinar" }).click();
    await page.waitForURL(/[?&]campaign=spring-webinar/);
    const csv = await page.getByRole("link", { name: "Download CSV: Clicks and registrations over time" }).getAttribute("href");
    expect(new URL(csv!, webUrl).searchParams.get("campaign")).toBe("spring-webinar");
    await screen("analytics-spring-webinar");

    // A filtered view is a link: reloaded (or shared), it shows the same.
    const shared = page.url();
    await page.reload();
    expect(page.url()).toBe(shared);
    await row.waitFor();
    expect(await page.getByRole("tab", { name: "Campaign" }).getAttribute("aria-selected")).toBe("true");
    expect(await page.locator("#analytics-campaign").textContent()).toBe("spring-webinar");
    expect(await row.locator("td").allInnerTexts()).toEqual(["1", "1", "0", "1", "0", "100%"]);

    // The same view in Chinese.
    await page.evaluate(() => localStorage.setItem("shopreg.partner.lang", "zh"));
    await page.reload();
    await page.getByRole("heading", { name: "数据分析", level: 1 }).waitFor();
    await page
      .getByRole("table", { name: "推广活动", exact: true })
      .getByRole("row", { name: /spring-webinar/ })
      .waitFor();
    await screen("analytics-spring-webinar-zh");
    await page.evaluate(() => localStorage.setItem("shopreg.partner.lang", "en"));
    await page.reload();
    await page.getByRole("heading", { name: "Analytics", level: 1 }).waitFor();
  });

  it("a local seller who used the cross-border link shows up as a wrong-link registration", async () => {
    const before = Number(await page.getByTestId("total-wrong_link_registrations").textContent());
    const token = partner.links.CROSS_BORDER_SELLER.split("/").pop()!;
    const landed = await openReferralLink(
      context,
      `${partner.links.CROSS_BORDER_SELLER}?utm_campaign=canton-fair&utm_source=wechat`,
    );
    expect(landed.origin + landed.pathname).toBe("https://seller.us.tiktokshopglobalselling.com/account/register");
    expect(landed.searchParams.get("channel")).toBe(token);
    await until(async () => (await campaignRow("canton-fair"))?.clicks === 1, 15_000, "the cross-border click in the breakdown");

    const registered = await signedConversion(api, {
      event_id: `evt-canton-${Date.now()}`,
      event_type: "seller.registered",
      occurred_at: new Date().toISOString(),
      seller_id: "seller-canton-1",
      seller_type: "LOCAL_SELLER",
      click_id: landed.searchParams.get("click_id")!,
      channel: token,
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    expect(registered.body).toMatchObject({ attributed: true, utm_campaign: "canton-fair", wrong_link: true });

    // The funnel by audience: the cross-border link's row counts the seller who should have used the other one.
    await page.goto(`${webUrl}/analytics?group_by=audience&dimension=campaign`);
    await expect
      .poll(async () => Number(await page.getByTestId("total-wrong_link_registrations").textContent()))
      .toBe(before + 1);
    const funnel = page.getByRole("table", { name: "Funnel" });
    const crossBorder = funnel.getByRole("row", { name: /Cross-border sellers/ });
    await crossBorder.waitFor();
    // Clicks, unique clicks, registrations, approved shops, conversion rate, wrong-link registrations.
    expect(await cell(crossBorder, 2).textContent()).toBe("1");
    expect(await cell(crossBorder, 5).textContent()).toBe("1");
    expect(await cell(funnel.getByRole("row", { name: /Local sellers/ }), 5).textContent()).toBe("0");
    await page.getByText(/^Wrong-link registrations: a local seller who registered through the cross-border link/).waitFor();
    // And by campaign: where the wrong link was shared.
    const canton = page.getByRole("table", { name: "Campaign", exact: true }).getByRole("row", { name: /canton-fair/ });
    expect((await canton.locator("td").allInnerTexts()).slice(3, 5)).toEqual(["1", "1"]);
    await screen("analytics-wrong-link");
    await shots.inChinese(page, "analytics-wrong-link", "数据分析");

    // The API says the same.
    expect(await campaignRow("canton-fair")).toMatchObject({ clicks: 1, registrations: 1, wrong_link_registrations: 1 });
    const audience = await api.request("/v1/analytics/funnel?group_by=audience", { cookie: partner.cookie });
    expect(audience.body.data.find((r: { key: string }) => r.key === "CROSS_BORDER_SELLER")).toMatchObject({
      registrations: 1,
      wrong_link_registrations: 1,
    });
  });
});
