/**
 * Issue 15's reviewer side in a real Chromium: a partner's referred sellers arrive through the real
 * gateway (a browser, and a link-preview bot), Seller Center reports them to the signed conversions
 * intake (one local seller on the cross-border link, one shop approved), and a reviewer signed in to
 * the dashboard sees the partner's referral quality (registrations, approval rate, wrong-link rate,
 * bot share) beside the application in the queue and on the partner's page.
 */
import type { TestApi } from "@shopreg/api/testing";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  dashboardScreens,
  expectAccessible,
  openChromium,
  openReferralLink,
  type ReferringPartner,
  referringPartner,
  signedConversion,
  signInToDashboard,
  startDashboard,
  until,
  type World,
} from "./harness.ts";

const SELLER_BROWSER =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";

describe("a reviewer reads a partner's referral quality in the dashboard", () => {
  let world: World;
  let api: TestApi;
  let partner: ReferringPartner;
  let browser: Awaited<ReturnType<typeof openChromium>>;
  let seller: Awaited<ReturnType<typeof openChromium>>;
  let context: BrowserContext;
  let page: Page;
  let shots: Awaited<ReturnType<typeof dashboardScreens>>;

  beforeAll(async () => {
    shots = await dashboardScreens("referral-quality");
    world = await startDashboard({ gateway: true });
    api = world.api;
    partner = await referringPartner(api, { company_name: "Pearl River Growth", service_name: "Pearl River Shop Launch" });
    browser = await openChromium("referral-quality");
    context = browser.context;
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await browser?.close();
    await seller?.close();
    await world?.close();
  });

  it("shows registrations, approval rate, wrong-link rate and bot share beside the application and on the partner's page", async () => {
    // Two sellers open the links in a browser: one the local link (tagged), one the cross-border link.
    seller = await openChromium("referral-quality-seller", { userAgent: SELLER_BROWSER });
    const local = await openReferralLink(seller.context, `${partner.links.LOCAL_SELLER}?utm_campaign=spring-webinar`);
    const cross = await openReferralLink(seller.context, partner.links.CROSS_BORDER_SELLER);
    // A third person opens the local link too; a chat app's link preview fetches it (a bot).
    for (const ua of [
      SELLER_BROWSER.replace("Macintosh; Intel Mac OS X 10_15_7", "Windows NT 10.0; Win64; x64"),
      "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    ]) {
      const res = await fetch(partner.links.LOCAL_SELLER, { redirect: "manual", headers: { "user-agent": ua } });
      expect(res.status).toBe(302);
    }

    const reviewer = await api.staff("reviewer");
    const quality = async () =>
      (await api.request(`/v1/staff/partners/${partner.partnerId}/referral-quality?days=90`, { cookie: reviewer.cookie })).body;
    // The gateway writes clicks on its own schedule: wait for all four before the sellers register.
    await until(async () => (await quality()).total_clicks === 4, 15_000, "the gateway to write four clicks");

    const event = (n: string, type: "seller.registered" | "shop.approved", seller_id: string, landed: URL) => ({
      event_id: `evt-${n}-${Date.now()}`,
      event_type: type,
      occurred_at: new Date().toISOString(),
      seller_id,
      seller_type: "LOCAL_SELLER" as const,
      click_id: landed.searchParams.get("click_id")!,
      channel: landed.searchParams.get("channel")!,
    });
    for (const e of [
      event("a", "seller.registered", "seller-a", local),
      // A local seller who used the cross-border link.
      event("b", "seller.registered", "seller-b", cross),
      event("c", "shop.approved", "seller-a", local),
    ]) {
      const res = await signedConversion(api, e);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.attributed).toBe(true);
    }
    expect(await quality()).toMatchObject({
      registrations: 2,
      approved_shops: 1,
      approval_rate: 0.5,
      wrong_link_registrations: 1,
      wrong_link_rate: 0.5,
      total_clicks: 4,
      bot_clicks: 1,
      bot_click_share: 0.25,
    });

    // The reviewer, in the dashboard: the queue, with approved applications shown too.
    await signInToDashboard(page, world.web.url, reviewer.email);
    await page.getByRole("combobox", { name: "Status" }).click();
    await page.getByRole("option", { name: "Approved" }).click();
    await page.keyboard.press("Escape");
    const row = page.getByRole("row", { name: /Pearl River Growth/ });
    await expect
      .poll(() => row.getByTestId(`quality-${partner.partnerId}`).textContent())
      .toBe("2 registrations · 50% approved · 50% wrong link · 25% bot clicks");
    await shots.shot(page, "queue-referrals");
    await expectAccessible(page, "queue with referral quality");

    // The application, then its partner's page: the same numbers, spelled out.
    await row.click();
    await page.getByRole("table", { name: "Partner" }).getByRole("link", { name: "Pearl River Growth" }).click();
    const panel = page.getByRole("table", { name: "Referral quality, last 90 days" });
    await panel.waitFor();
    const value = (label: string) =>
      panel
        .getByRole("row", { name: new RegExp(`^${label}`) })
        .locator("td")
        .first();
    expect(await value("Registrations").textContent()).toBe("2");
    expect(await value("Approval rate").textContent()).toBe("50%");
    expect(await value("Wrong-link rate").textContent()).toBe("50%");
    expect(await value("Bot share").textContent()).toBe("25%");
    await panel.getByText("1 registered through the link for the other audience").waitFor();
    await panel.getByText("1 of 4 clicks were bots").waitFor();
    await shots.shot(page, "partner-referral-quality");
    await expectAccessible(page, "partner page with referral quality");
  });
});
