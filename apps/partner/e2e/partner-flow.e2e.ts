/**
 * The whole Partner Center flow in a real Chromium (Debian's, driven by playwright-core) against the
 * real API over a fresh PGlite, serving the built portal (dist/) the way `pnpm start` does.
 * A non-U.S. partner signs up, applies, is approved by a reviewer, creates and publishes a service,
 * copies both links, opens one through the gateway and deactivates the service.
 * Every screen is screenshotted into artifacts/partner-flow/ and checked with axe (no serious or critical issues).
 */
import type { TestApi } from "@shopreg/api/testing";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openChromium, PORTAL_ARTIFACTS, type RunningGateway, screens, startWorld, type World } from "./harness.ts";

describe("partner portal in Chromium", () => {
  let world: World;
  let api: TestApi;
  let webUrl: string;
  let gateway: RunningGateway;
  let browser: Awaited<ReturnType<typeof openChromium>>;
  let context: BrowserContext;
  let page: Page;
  let shots: Awaited<ReturnType<typeof screens>>;

  const screen = (name: string) => shots.screen(page, name);
  const pickRegion = async (inputId: string, search: string, option: string) => {
    await page.locator(`#${inputId}`).fill(search);
    await page.getByRole("option", { name: option, exact: true }).click();
  };

  beforeAll(async () => {
    shots = await screens(PORTAL_ARTIFACTS("partner-flow"));
    world = await startWorld({ gateway: true });
    api = world.api;
    gateway = world.gateway!;
    webUrl = world.web.url;
    // A new, empty profile for every run.
    browser = await openChromium("partner-flow");
    context = browser.context;
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: webUrl });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  it("signs up a non-U.S. partner, applies, gets approved, publishes a service and copies both links", async () => {
    // A guarded page sends a visitor to login, remembering where they were going.
    await page.goto(`${webUrl}/services`);
    await page.waitForURL(/\/login\?redirect=%2Fservices/);
    await page.getByRole("heading", { name: "Log in to Partner Center" }).waitFor();
    await page.getByText("Please log in to continue.").waitFor();
    await screen("login");

    // Sign up: Cross-Border (company registered in China). The "Shop registration" shortcut is for U.S. companies
    // only (the seed's guide): a non-U.S. partner applies from Profile.
    await page.getByRole("link", { name: "Sign up" }).click();
    await page.getByRole("heading", { name: "Become a TikTok Shop Partner" }).waitFor();
    const email = `li.wei.${Date.now()}@harbor.example.cn`;
    await page.locator("#signup-company_name").fill("Bright Harbor Trading");
    await pickRegion("signup-registration_region", "China", "China (CN)");
    await pickRegion("signup-company_registration_region", "China", "China (CN)");
    await page.locator("#signup-contact_name").fill("Li Wei");
    await page.locator("#signup-contact_email").fill(email);
    await page.locator("#signup-contact_phone").fill("+86 755 5555 0199");
    await page.locator("#signup-password").fill("harbor-password-2026");
    await page.getByText(/apply for Shop registration from My Account > Profile/).waitFor();
    expect(await page.getByRole("checkbox", { name: "Shop registration" }).count()).toBe(0);
    await screen("sign-up");
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.waitForURL(/\/profile/);
    // A new address must be confirmed before submitting (teams.e2e.ts opens the mailed link); here it is confirmed as
    // if the link had been opened, and the page reloads to read the session again.
    await api.db.updateTable("users").set({ email_verified_at: new Date() }).where("email", "=", email).execute();
    await page.reload();

    // Profile > Service category > + Apply for a category & market: Start business asks a cross-border partner for its
    // company information, then opens the draft at Fill out details: the non-U.S. form.
    await page.waitForURL(/\/profile/);
    await page.getByRole("link", { name: "+ Apply for a category & market" }).click();
    await page.locator("#start-company_registration_number").fill("91440300MA5ABCDE1X");
    await page.locator("#start-registered_address").fill("18 Keyuan Road, Nanshan District, Shenzhen");
    await page.locator("#start-legal_representative").fill("Zhang Min");
    await screen("start-business");
    await page.getByRole("button", { name: "Next" }).click();
    await page.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    const applicationId = page.url().split("/").pop()!;
    await page.getByRole("heading", { name: "Application details (non-U.S. entity)" }).waitFor();
    await page.locator("#field-legal_company_name").fill("Shenzhen Bright Harbor Trading Co., Ltd.");
    await page.locator("#field-website").fill("brightharbor"); // not a URL: the API refuses it
    await page.locator("#field-business_contact_name").fill("Li Wei");
    await page.locator("#field-business_contact_email").fill(email);
    await page.locator("#field-business_contact_phone").fill("+86 755 5555 0199");
    await page
      .locator("#field-company_description")
      .fill("Cross-border agency onboarding Chinese manufacturers to U.S. TikTok Shop.");
    await page.locator("#field-sellers_served_last_12_months").fill("120");
    await page.getByRole("checkbox", { name: "Electronics" }).check();
    await page.locator("#field-company_registration_number").fill("91440300MA5ABCDE1X");
    await page.locator("#field-registered_address").fill("18 Keyuan Road, Nanshan District, Shenzhen");
    await pickRegion("field-registered_country", "China", "China (CN)");
    await page.locator("#field-legal_representative").fill("Zhang Min");
    await page.locator("#field-business_license").fill("https://brightharbor.example.cn/license.pdf");
    await page.locator("#field-us_operating_experience").fill("Three years running U.S. marketplace storefronts.");
    await page.getByRole("button", { name: "Submit", exact: true }).click();
    // The field-level error from the API's 422 sits under the field; what was typed stays.
    await page.locator("#field-website-helper-text").getByText("Enter a full http(s) URL").waitFor();
    expect(await page.locator("#field-legal_representative").inputValue()).toBe("Zhang Min");
    await screen("details-field-error");
    await page.locator("#field-website").fill("https://brightharbor.example.cn");
    await page.getByRole("button", { name: "Submit", exact: true }).click();
    await page.getByText("Submitted successfully").waitFor();
    await screen("submitted");

    await page.getByRole("link", { name: "Back to Profile" }).click();
    await page.waitForURL(/\/profile/);
    await page.getByText("Reviewing", { exact: true }).waitFor();
    await screen("profile-reviewing");

    // A reviewer approves over the staff API.
    const reviewer = await api.staff("reviewer");
    const approved = await api.request(`/v1/staff/applications/${applicationId}/approve`, {
      method: "POST",
      body: {},
      cookie: reviewer.cookie,
    });
    expect(approved.status).toBe(200);
    await page.reload();
    await page.getByText("Approved", { exact: true }).waitFor();
    await page.getByRole("button", { name: "History" }).click();
    await page.getByText(/^Reviewing → Approved · /).waitFor();
    await screen("profile-approved");

    // App & Service: empty, then + New service to create the custom service.
    await page.getByRole("link", { name: "App & Service", exact: true }).click();
    await page.getByText("No services yet.").waitFor();
    await screen("services-empty");
    await page.getByRole("link", { name: "+ New service" }).click();
    await page.getByRole("heading", { name: "Create a service" }).waitFor();
    expect(await page.getByRole("radio", { name: /Public/ }).isDisabled()).toBe(true);
    await page.locator("#service-name").fill("Harbor Shop Launch");
    await page.locator("#service-description").fill("We open and run U.S. TikTok Shops for Chinese manufacturers.");
    await screen("service-create");
    await page.getByRole("button", { name: "Create" }).click();
    await page.waitForURL(/\/services\/[0-9a-f-]{36}$/);
    await page.getByRole("heading", { name: "Harbor Shop Launch" }).waitFor();
    await page.getByText("Publish the service to get two referral links").waitFor();

    // Publish (top right) confirms the target market.
    await page.getByRole("button", { name: "Publish" }).click();
    const dialog = page.getByRole("dialog", { name: "Publish this service?" });
    await dialog.waitFor();
    expect(await dialog.getByRole("radio", { name: "Target market: United States" }).isChecked()).toBe(true);
    await screen("publish-confirm");
    await dialog.getByRole("button", { name: "Publish" }).click();
    await page.getByText("On", { exact: true }).waitFor();
    const localUrl = await page.getByTestId("url-LOCAL_SELLER").inputValue();
    const crossUrl = await page.getByTestId("url-CROSS_BORDER_SELLER").inputValue();
    expect(localUrl).toMatch(new RegExp(`^${gatewayUrlOf(api)}/[A-Za-z0-9_-]{11,}$`));
    expect(crossUrl).toMatch(new RegExp(`^${gatewayUrlOf(api)}/[A-Za-z0-9_-]{11,}$`));
    expect(localUrl).not.toBe(crossUrl);
    await page.getByRole("img", { name: "QR code for Local sellers" }).waitFor();
    await page.getByRole("img", { name: "QR code for Cross-border sellers" }).waitFor();
    await screen("published-links");

    // Copy both links: the clipboard holds exactly the displayed URL.
    for (const [audience, url] of [
      ["LOCAL_SELLER", localUrl],
      ["CROSS_BORDER_SELLER", crossUrl],
    ] as const) {
      await page.locator(`[data-audience="${audience}"]`).getByRole("button", { name: "Copy link" }).click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    }

    // A seller opens the local link through the gateway: a 302 to Seller Center carrying the attribution.
    const res = await fetch(localUrl, {
      redirect: "manual",
      headers: { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0" },
    });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location")!);
    expect(location.host).toBe("seller-us.tiktok.com");
    expect(location.searchParams.get("channel")).toBe(localUrl.split("/").pop());

    // The ... menu beside Target sellers: Deactivate, with a confirmation. The URLs stay the same.
    await page.getByRole("button", { name: "More actions" }).click();
    await page.getByRole("menuitem", { name: "Deactivate" }).click();
    const confirm = page.getByRole("dialog", { name: "Deactivate this service?" });
    await confirm.waitFor();
    await screen("deactivate-confirm");
    await confirm.getByRole("button", { name: "Deactivate" }).click();
    await page.getByText("Off", { exact: true }).waitFor();
    expect(await page.getByTestId("url-LOCAL_SELLER").inputValue()).toBe(localUrl);
    expect(await page.getByTestId("url-CROSS_BORDER_SELLER").inputValue()).toBe(crossUrl);
    await screen("deactivated");
    const off = await fetch(localUrl, { redirect: "manual" });
    expect(off.status).not.toBe(302);
  });

  it("creates an API key whose secret is shown once, then revokes it", async () => {
    await page.getByRole("link", { name: "API keys" }).click();
    await page.getByText("No API keys yet.").waitFor();
    await page.locator("#api-key-name").fill("ERP sync");
    await page.getByRole("button", { name: "Create key" }).click();
    const secret = await page.getByTestId("api-key-secret").textContent();
    expect(secret).toMatch(/^sr_/);
    await screen("api-key-secret");
    await page.getByRole("button", { name: "I have copied it" }).click();
    const row = page.getByRole("row", { name: /ERP sync/ });
    await row.getByText("Never").waitFor();
    expect(await page.getByText(secret!).count()).toBe(0);
    await row.getByRole("button", { name: "Revoke ERP sync" }).click();
    await page.getByRole("dialog", { name: "Revoke this key?" }).getByRole("button", { name: "Revoke" }).click();
    await row.getByText("Revoked").waitFor();
    await screen("api-keys");
  });

  it("counts clicks through the gateway and charts them on Analytics", async () => {
    // The first test left the service Off: publish it again (the URLs stay the same).
    await page.getByRole("link", { name: "App & Service", exact: true }).click();
    await page.getByRole("link", { name: "Harbor Shop Launch" }).click();
    await page.getByRole("button", { name: "More actions" }).click();
    await page.getByRole("menuitem", { name: "Publish again" }).click();
    await page.getByRole("dialog", { name: "Publish this service?" }).getByRole("button", { name: "Publish" }).click();
    await page.getByText("On", { exact: true }).waitFor();
    const serviceId = page.url().split("/").pop()!;
    const localUrl = await page.getByTestId("url-LOCAL_SELLER").inputValue();
    const crossUrl = await page.getByTestId("url-CROSS_BORDER_SELLER").inputValue();

    type Summary = { clicks: number; unique_clicks: number; bot_clicks: number; registrations: number };
    const summary = () =>
      page.evaluate((id) => fetch(`/v1/analytics/summary?service_id=${id}`).then((r) => r.json() as Promise<Summary>), serviceId);
    const before = await summary();

    // Three people open the local link, one opens the cross-border link twice, and a link preview bot
    // fetches the local one: 5 clicks, 4 unique, 1 bot.
    const open = async (url: string, ua: string) => {
      const res = await fetch(url, { redirect: "manual", headers: { "user-agent": ua } });
      expect(res.status, `${url} as ${ua}`).toBe(302);
      return new URL(res.headers.get("location")!);
    };
    const people = [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
      "Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Mobile Safari/537.36",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 Edg/140.0.0.0",
    ] as const;
    const landed = await open(localUrl, people[0]);
    for (const ua of people.slice(1)) await open(localUrl, ua);
    await open(crossUrl, people[1]);
    await open(crossUrl, people[1]);
    await open(localUrl, "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)");
    await gateway.flush();

    // Seller Center reports that the first visitor registered (signed like the real thing).
    const conversion = await api.convert({
      event_id: `e2e-reg-${Date.now()}`,
      event_type: "seller.registered",
      occurred_at: new Date().toISOString(),
      seller_id: `e2e-seller-${Date.now()}`,
      seller_type: "LOCAL_SELLER",
      click_id: landed.searchParams.get("click_id") ?? undefined,
      channel: landed.searchParams.get("channel") ?? undefined,
    });
    expect(conversion.status, JSON.stringify(conversion.body)).toBe(201);
    expect(conversion.body.attributed).toBe(true);

    // The service page's link counts lead to Analytics for this service.
    await page.reload();
    await page.getByTestId("stats-LOCAL_SELLER").waitFor();
    await page.getByRole("link", { name: "View analytics: Harbor Shop Launch" }).click();
    await page.waitForURL(new RegExp(`/analytics\\?service_id=${serviceId}$`));
    await page.getByRole("heading", { name: "Analytics", exact: true }).waitFor();

    const after = await summary();
    expect(after.clicks - before.clicks).toBe(5);
    expect(after.unique_clicks - before.unique_clicks).toBe(4);
    expect(after.bot_clicks - before.bot_clicks).toBe(1);
    expect(after.registrations - before.registrations).toBe(1);
    const total = (id: string) => page.getByTestId(`total-${id}`);
    await expect.poll(() => total("clicks").textContent()).toBe(String(after.clicks));
    expect(await total("unique_clicks").textContent()).toBe(String(after.unique_clicks));
    expect(await total("bot_clicks").textContent()).toBe(String(after.bot_clicks));
    expect(await total("registrations").textContent()).toBe(String(after.registrations));

    // Today's clicks, hour by hour: three series drawn as real paths in the chart's SVG.
    await page.getByRole("button", { name: "Last 7 days" }).click();
    await page.getByRole("button", { name: "By hour" }).click();
    await page.waitForURL(/interval=hour/);
    const chart = page.getByTestId("timeseries-chart");
    const lines = chart.locator("svg path.MuiLineChart-line");
    await expect.poll(() => lines.count()).toBe(3);
    for (const d of await lines.evaluateAll((els) => els.map((e) => e.getAttribute("d") ?? ""))) {
      expect(d).toMatch(/^M[\d.,-]+[LC]/);
    }
    // The clicks line reaches above the axis somewhere: its top point is higher than its baseline.
    const ys = await lines.first().evaluate((el) => {
      const p = el as SVGPathElement;
      const n = p.getTotalLength();
      return Array.from({ length: 50 }, (_, i) => p.getPointAtLength((n * i) / 49).y);
    });
    expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThan(20);
    await chart.getByText("Unique clicks", { exact: true }).waitFor();
    await page
      .getByRole("table", { name: "Funnel" })
      .getByRole("row", { name: /Harbor Shop Launch · Local sellers/ })
      .waitFor();
    await screen("analytics");

    // The CSV download is the same report, for the same range, with the session cookie.
    const href = await page.getByRole("link", { name: "Download CSV: Clicks and registrations over time" }).getAttribute("href");
    const csv = await context.request.get(`${webUrl}${href}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-disposition"]).toMatch(/^attachment; filename="shopreg-timeseries-/);
    const rows = (await csv.text()).trim().split("\r\n");
    expect(rows[0]).toBe(
      "bucket_start,clicks,unique_clicks,bot_clicks,inactive_clicks,registrations,approved_shops,wrong_link_registrations",
    );
    expect(rows.length).toBeGreaterThan(6 * 24);
    expect(rows.slice(1).reduce((n, r) => n + Number(r.split(",")[1]), 0)).toBeGreaterThanOrEqual(5);
  });

  it("edits the service's details and the profile's contact", async () => {
    await page.getByRole("link", { name: "App & Service", exact: true }).click();
    await page.getByRole("link", { name: "Harbor Shop Launch" }).click();
    await page.getByRole("button", { name: "Edit" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit service details" });
    await dialog.locator("#edit-name").fill("Harbor Shop Launch Plus");
    await dialog.locator("#edit-contact_email").fill("launch@harbor");
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.getByText("Enter a valid email address.").waitFor();
    await screen("edit-service-error");
    await dialog.locator("#edit-contact_email").fill("launch@harbor.example.cn");
    await dialog.getByRole("button", { name: "Save" }).click();
    await page.getByRole("heading", { name: "Harbor Shop Launch Plus" }).waitFor();
    await page.getByText("launch@harbor.example.cn").waitFor();

    await page.getByRole("link", { name: "Profile", exact: true }).click();
    await page.getByRole("tab", { name: "Basic information" }).click();
    await page.getByRole("button", { name: "Edit" }).click();
    const profile = page.getByRole("dialog", { name: "Edit basic information" });
    await profile.locator("#edit-company_name").fill("Bright Harbor Trading Co.");
    await profile.getByRole("button", { name: "Save" }).click();
    await page.getByText("Profile saved.").waitFor();
    // The header shows the new name too, and it survives a reload.
    await page.reload();
    await page.getByRole("banner").getByText("Bright Harbor Trading Co.").waitFor();
    await screen("profile-edited");
  });

  it("speaks Simplified Chinese when chosen, remembers it, and logs out", async () => {
    await page.getByRole("link", { name: "Profile", exact: true }).click();
    await page.getByLabel("Language").selectOption("zh");
    await page.getByRole("link", { name: "个人信息主页" }).waitFor();
    await page.reload();
    await page.getByRole("link", { name: "+ 申请类目与市场" }).waitFor();
    await screen("profile-zh");
    await page.getByRole("link", { name: "+ 申请类目与市场" }).click();
    await page.getByText("开始入驻").first().waitFor();
    await screen("apply-start-zh");
    await page.getByRole("button", { name: "退出登录" }).click();
    await page.waitForURL(/\/login$/);
    await page.goto(`${webUrl}/profile`);
    await page.waitForURL(/\/login\?redirect=/);
  });
});

const gatewayUrlOf = (api: TestApi) => api.services.config.gatewayPublicUrl.replace(/[.]/g, "\\.");
