import { newId } from "@shopreg/db";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  dashboardScreens,
  expectAccessible,
  openChromium,
  type ReferringPartner,
  referringPartner,
  signInToDashboard,
  startDashboard,
  type World,
  withBrowserErrors,
} from "./harness.ts";

const HOUR = 3_600_000;

describe("an analyst reads the analytics dashboard", () => {
  let world: World;
  let context: BrowserContext;
  let browser: Awaited<ReturnType<typeof openChromium>>;
  let shots: Awaited<ReturnType<typeof dashboardScreens>>;

  beforeAll(async () => {
    shots = await dashboardScreens("analytics");
    world = await startDashboard();
    browser = await openChromium("analytics-e2e");
    context = browser.context;
  });

  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  /** An approved U.S. partner with a published service and its two referral links. */
  const publishedPartner = (company: string) =>
    referringPartner(world.api, { company_name: company, service_name: `${company}: TikTok Shop setup` });

  /** Clicks as the gateway records them, straight into the clicks table, spread over the last days. */
  async function insertClicks(p: ReferringPartner, n: number, bots: number) {
    const now = Date.now();
    const rows = Array.from({ length: n + bots }, (_, i) => {
      const link = p.referralLinks[i % 2]!;
      return {
        id: newId(),
        link_id: link.id,
        service_id: link.service_id,
        partner_id: p.partnerId,
        audience: link.audience,
        clicked_at: new Date(now - (2 + ((i * 7) % 60)) * HOUR),
        visitor_hash: `visitor-${i % 5}`,
        country: ["US", "US", "CA", "GB"][i % 4]!,
        device: i % 3 === 0 ? "desktop" : "mobile",
        browser: i % 3 === 0 ? "Chrome" : "Safari",
        os: i % 3 === 0 ? "Windows" : "iOS",
        referrer_host: i % 2 === 0 ? "www.tiktok.com" : null,
        is_bot: i >= n,
        link_active: true,
        is_unique: i % 5 === i % 10,
      };
    });
    await world.api.db.insertInto("clicks").values(rows).execute();
    return rows;
  }

  /** A conversion signed as Seller Center signs it. */
  async function convert(event: Record<string, unknown>) {
    const res = await world.api.convert({ event_id: `evt_${newId()}`, seller_id: `seller_${newId()}`, ...event });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }

  it("sees totals and charts with data, drills into a partner, and downloads its CSV", async () => {
    const lakeside = await publishedPartner("Lakeside Commerce");
    const harbor = await publishedPartner("Harbor Launch Co");
    const clicks = await insertClicks(lakeside, 24, 3);
    await insertClicks(harbor, 6, 0);
    const oneHourAgo = new Date(Date.now() - HOUR).toISOString();
    // Two sellers credited to Lakeside, one to nobody (a channel no link stands for).
    await convert({
      event_type: "seller.registered",
      seller_type: "LOCAL_SELLER",
      click_id: clicks[0]!.id,
      occurred_at: oneHourAgo,
    });
    await convert({
      event_type: "seller.registered",
      seller_type: "LOCAL_SELLER",
      click_id: clicks[5]!.id,
      occurred_at: oneHourAgo,
    });
    await convert({
      event_type: "seller.registered",
      seller_type: "CROSS_BORDER_SELLER",
      channel: "newsletter",
      occurred_at: oneHourAgo,
    });
    const analyst = await world.api.staff("analyst");

    const page = context.pages()[0] ?? (await context.newPage());
    await withBrowserErrors(page, shots.dir, async () => {
      await signInToDashboard(page, world.web.url, analyst.email);
      await page.getByRole("menuitem", { name: "Analytics" }).click();

      // Totals: every human click of both partners; the bots apart.
      await page.getByRole("heading", { name: "Analytics: all partners" }).waitFor();
      await expect.poll(() => page.getByTestId("total-clicks").textContent()).toBe("30");
      expect(await page.getByTestId("total-bot_clicks").textContent()).toBe("3");
      expect(await page.getByTestId("total-registrations").textContent()).toBe("2");

      // The series: three drawn lines; the breakdown by audience: a table.
      const chart = page.getByTestId("timeseries-chart");
      await expect.poll(() => chart.locator("path.MuiLineChart-line").count()).toBe(3);
      for (const d of await chart.locator("path.MuiLineChart-line").evaluateAll((ps) => ps.map((p) => p.getAttribute("d"))))
        expect(d).toMatch(/^M[\d.,-]+[LC]/);
      await expect.poll(() => page.getByRole("table", { name: "Audience" }).locator("tbody tr").count()).toBeGreaterThan(0);
      // Partners ranked by the funnel, grouped by partner (the first grouping over every partner).
      const partners = page.getByRole("table", { name: "Funnel" });
      await expect.poll(() => partners.locator("tbody tr").count()).toBe(2);
      expect(await partners.locator("tbody tr").allInnerTexts()).toEqual([
        expect.stringContaining("Lakeside Commerce"),
        expect.stringContaining("Harbor Launch Co"),
      ]);
      await expect
        .poll(() => page.getByTestId("conversions-count").textContent())
        .toBe("1 unattributed conversion in this range");
      await page.getByRole("table", { name: "Unattributed conversions" }).getByText("newsletter").waitFor();
      await shots.shot(page, "all-partners");
      await expectAccessible(page, "analytics");

      // Country breakdown.
      await page.getByRole("tab", { name: "Country or region" }).click();
      await page.getByRole("table", { name: "Country or region" }).getByText("GB").waitFor();

      // Drill into Lakeside: the same dashboard, its numbers only.
      await partners.getByRole("link", { name: "Lakeside Commerce" }).click();
      await page.getByRole("heading", { name: "Analytics for Lakeside Commerce" }).waitFor();
      await expect.poll(() => page.getByTestId("total-clicks").textContent()).toBe("24");
      await expect.poll(() => chart.locator("path.MuiLineChart-line").count()).toBe(3);
      const credited = page.getByRole("table", { name: "Attributed conversions" });
      await expect.poll(() => credited.locator("tbody tr").count()).toBe(2);
      await shots.shot(page, "partner");
      await expectAccessible(page, "analytics for one partner");

      // Its CSV link downloads that partner's funnel with the session cookie.
      const href = await page.getByRole("link", { name: "Download CSV: Funnel" }).getAttribute("href");
      expect(new URL(href!, world.web.url).searchParams.get("partner_id")).toBe(lakeside.partnerId);
      const csv = await page.request.get(new URL(href!, world.web.url).toString());
      expect(csv.status()).toBe(200);
      expect(csv.headers()["content-type"]).toContain("text/csv");
      const lines = (await csv.text()).trim().split("\r\n");
      expect(lines[0]).toMatch(/^key,label,partner_id,/);
      expect(lines).toHaveLength(3); // the header and Lakeside's two links
      for (const line of lines.slice(1)) expect(line).toContain(lakeside.partnerId);

      // From the partner's own page, too.
      await page.getByRole("link", { name: "Partner page" }).click();
      await page.getByRole("table", { name: "Applications" }).waitFor();
      // Referral quality over 90 days, for a reviewer judging the partner.
      const quality = page.getByRole("table", { name: "Referral quality, last 90 days" });
      await quality.getByRole("row", { name: /Registrations/ }).waitFor();
      await shots.shot(page, "partner-page-referral-quality");
      await page.getByRole("link", { name: "Analytics" }).click();
      await page.getByRole("heading", { name: "Analytics for Lakeside Commerce" }).waitFor();

      // The breakdown's tab and the funnel's grouping go into the URL beside the partner: reloaded, the view is the same.
      await page.getByRole("tab", { name: "Campaign" }).click();
      await page.getByRole("button", { name: "By audience" }).click();
      await page.waitForURL(/dimension=campaign.*group_by=audience|group_by=audience.*dimension=campaign/);
      expect(page.url()).toContain(`partner_id=${lakeside.partnerId}`);
      await page.reload();
      await page.getByRole("heading", { name: "Analytics for Lakeside Commerce" }).waitFor();
      await page.getByRole("table", { name: "Campaign", exact: true }).waitFor();
      expect(await page.getByRole("tab", { name: "Campaign" }).getAttribute("aria-selected")).toBe("true");
      expect(await page.getByRole("button", { name: "By audience" }).getAttribute("aria-pressed")).toBe("true");
      await page
        .getByRole("table", { name: "Funnel" })
        .getByRole("row", { name: /Cross-border sellers/ })
        .waitFor();
    });
  });
});
