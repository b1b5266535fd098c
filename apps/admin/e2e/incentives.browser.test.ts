/**
 * Issue 27's done-means in a real Chromium, across both apps against one API: a staff admin defines
 * an incentive program in the dashboard (previewed before publishing); sellers click the partner's
 * referral links through the real gateway and Seller Center reports their registrations and
 * lifecycle events over the signed intakes (the SDK's sendSellerEvent, as Seller Center signs
 * them); the partner follows each seller's state on the portal's Incentives page (English and
 * Chinese); the closing job closes and signs the statement; the portal checks the signature in the
 * browser; the partner disputes a line (in Chinese) and a reviewer accepts it in the dashboard, which
 * puts an adjustment line on the partner's next statement. Screens go to apps/admin/artifacts/incentives/,
 * each checked with axe.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { createApp } from "@shopreg/api";
import { type TestApi, totpCode } from "@shopreg/api/testing";
import { type SignedIncentiveStatement, sendSellerEvent, verifyStatement } from "@shopreg/sdk";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runIncentiveJob } from "../../api/src/usecases/incentives.ts";
import {
  launchChromium,
  logIn,
  openReferralLink,
  PORTAL_DIST,
  type ReferringPartner,
  referringPartner,
  type Served,
  serveApp,
  signedConversion,
  until,
} from "../../partner/e2e/harness.ts";
import { dashboardScreens, signInToDashboard, startDashboard, type World, withBrowserErrors } from "./harness.ts";

const DAY = 86_400_000;
/** A seller's desktop Chrome (a headless browser's own user agent reads, rightly, as a bot). */
const SELLER_BROWSER =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";
const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe("an incentive program from creation to a closed, verified statement with one dispute accepted", () => {
  let world: World;
  let api: TestApi;
  let portal: Served;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let shots: Awaited<ReturnType<typeof dashboardScreens>>;
  let partner: ReferringPartner;
  /** s1 and s4 qualify (s4 at medium risk, half the reward), s2's GMV falls short, s3 used the wrong link. */
  const sellers = { s1: "", s2: "", s3: "", s4: "" };
  const stamp = Date.now().toString(36);

  beforeAll(async () => {
    // The portal's build too: this test walks both apps (pnpm build or the portal's test:browser makes it).
    if (!existsSync(join(PORTAL_DIST, "index.html"))) {
      execFileSync("npx", ["vite", "build", "--logLevel", "warn"], { cwd: join(PORTAL_DIST, ".."), stdio: "inherit" });
    }
    shots = await dashboardScreens("incentives");
    world = await startDashboard({ gateway: true });
    api = world.api;
    portal = await serveApp(PORTAL_DIST, createApp(api.services).fetch);
    browser = await launchChromium();
    partner = await referringPartner(api, { company_name: "Lotus Bay Commerce", service_name: "Lotus Bay Shop Launch" });

    // Four sellers click the partner's links (a real browser through the real gateway) and register.
    const seller = await browser.newPerson({ userAgent: SELLER_BROWSER });
    const register = async (sellerId: string, link: "LOCAL_SELLER" | "CROSS_BORDER_SELLER") => {
      const url = partner.links[link];
      const landed = await openReferralLink(seller.context, url);
      const clickId = landed.searchParams.get("click_id")!;
      await until(
        async () => (await api.db.selectFrom("clicks").select("id").where("id", "=", clickId).executeTakeFirst()) !== undefined,
        15_000,
        `the click behind ${sellerId}`,
      );
      const res = await signedConversion(api, {
        event_id: `evt-reg-${sellerId}`,
        event_type: "seller.registered",
        occurred_at: new Date().toISOString(),
        seller_id: sellerId,
        seller_type: "LOCAL_SELLER",
        click_id: clickId,
        channel: url.split("/").pop()!,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.attributed).toBe(true);
      return sellerId;
    };
    sellers.s1 = await register(`seller-lotus-1-${stamp}`, "LOCAL_SELLER");
    sellers.s2 = await register(`seller-lotus-2-${stamp}`, "LOCAL_SELLER");
    // A local seller through the cross-border link: a wrong-link registration.
    sellers.s3 = await register(`seller-lotus-3-${stamp}`, "CROSS_BORDER_SELLER");
    sellers.s4 = await register(`seller-lotus-4-${stamp}`, "LOCAL_SELLER");
    await seller.context.close();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await portal?.close();
    await world?.close();
  });

  /** Lifecycle events over POST /v1/seller-events, signed by the SDK exactly as Seller Center signs them. */
  const sellerEvent = async (event: Parameters<typeof sendSellerEvent>[0]["event"]) => {
    const res = await sendSellerEvent({ baseUrl: api.url, secret: api.services.config.conversionsSecret, event });
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    expect(res.body).toMatchObject({ outcome: "recorded", attributed: true, lines_updated: 1 });
  };

  const lineRow = (page: Page, sellerId: string) => page.getByRole("row", { name: new RegExp(sellerId) });
  const setLang = async (page: Page, lang: "en" | "zh", heading: string) => {
    await page.evaluate((l) => localStorage.setItem("shopreg.partner.lang", l), lang);
    await page.reload();
    await page.getByRole("heading", { name: heading, level: 1 }).waitFor();
  };

  it("walks the program through both apps", async () => {
    const admin = await api.staff("admin");
    const reviewer = await api.staff("reviewer");
    const staffPage = (await browser.newPerson({ viewport: { width: 1400, height: 900 } })).page;
    const partnerPage = (await browser.newPerson()).page;
    const today = Date.now();
    let programId = "";

    // 1. A staff admin defines the program in the dashboard and previews it before publishing.
    {
      const page = staffPage;
      await signInToDashboard(page, world.web.url, admin.email);
      await page.getByLabel(/Verification code/).fill(totpCode(admin.totpSecret!, 1));
      await page.getByRole("button", { name: "Verify" }).click();
      await page.getByRole("menuitem", { name: /Incentive programs/ }).click();
      await page.getByText("No incentive programs yet.").waitFor();
      await page.getByRole("link", { name: "New program" }).click();
      await page.getByLabel("Name (English)").fill("Q4 Europe & US activation");
      await page.getByLabel("Name (简体中文)").fill("第四季度欧美激活计划");
      await page.getByLabel("Period starts (UTC)").fill(utcDate(today - DAY));
      await page.getByLabel("Period ends (UTC, exclusive)").fill(utcDate(today + 2 * DAY));
      await page.getByLabel("Grace days before statements close").fill("2");
      await page.getByLabel("First order within (days)").fill("2");
      await page.getByLabel("GMV at least (major units)").fill("1000");
      await page.getByLabel("GMV within (days)").fill("2");
      await page.getByLabel("Reward per eligible seller (major units)").fill("2000");
      await page.getByLabel("Cap per partner (major units)").fill("2500");

      // A mistake first: the API's field-level answer shows under the field (the browser logs the 422,
      // so this part is outside the no-browser-errors check below).
      await page.getByLabel("Grace days before statements close").fill("1");
      await page.getByLabel("This period, as of now").check();
      await page.getByRole("button", { name: "Preview", exact: true }).click();
      await page.getByText(/The grace period must cover the longest window \(2 days\)/).waitFor();
      await page.getByLabel("Grace days before statements close").fill("2");
    }
    await withBrowserErrors(staffPage, shots.dir, async () => {
      const page = staffPage;

      // The preview over what is already recorded: the partner's four sellers, none decided yet but the wrong link.
      await page.getByRole("button", { name: "Preview", exact: true }).click();
      const previewRow = page
        .getByRole("table", { name: "Preview by partner" })
        .getByRole("row", { name: new RegExp(partner.partnerId.slice(0, 8)) });
      await previewRow.waitFor();
      expect((await previewRow.locator("td").allInnerTexts()).slice(1, 4)).toEqual(["0", "3", "1"]);
      expect(await previewRow.locator("td").nth(6).textContent()).toContain(
        "Registered through the link for the other seller type: 1",
      );
      await shots.screen(page, "dashboard-program-preview");

      await page.getByRole("button", { name: "Publish program" }).click();
      await page
        .getByRole("dialog")
        .getByText(/Its rules then change only by a new version/)
        .waitFor();
      await shots.screen(page, "dashboard-publish-confirm");
      await page.getByRole("dialog").getByRole("button", { name: "Publish" }).click();
      await page.getByText(/Version 1 · statements close/).waitFor();
      programId = page.url().match(/incentive-programs\/([0-9a-f-]{36})/)?.[1] ?? "";
      expect(programId).toMatch(/^[0-9a-f-]{36}$/);
      await page.getByRole("table", { name: "Rules" }).getByText("CN¥2,000.00 per eligible seller").waitFor();
      await shots.screen(page, "dashboard-program");
    });

    // 2. Seller Center reports what the sellers did, each event signed. Times fall between the
    // registrations (before this test) and now (the dashboard steps took longer than these seconds).
    const at = (seconds: number) => new Date(today + seconds * 1000).toISOString();
    await sellerEvent({ event_id: `fo-1-${stamp}`, event_type: "seller.first_order", occurred_at: at(1), seller_id: sellers.s1 });
    await sellerEvent({
      event_id: `gmv-1-${stamp}`,
      event_type: "seller.gmv",
      occurred_at: at(2),
      seller_id: sellers.s1,
      gmv: { amount_minor: 150_000, currency: "CNY" },
    });
    // s2: a first order, but GMV below the threshold (pending until its window ends).
    await sellerEvent({ event_id: `fo-2-${stamp}`, event_type: "seller.first_order", occurred_at: at(1), seller_id: sellers.s2 });
    await sellerEvent({
      event_id: `gmv-2-${stamp}`,
      event_type: "seller.gmv",
      occurred_at: at(2),
      seller_id: sellers.s2,
      gmv: { amount_minor: 40_000, currency: "CNY" },
    });
    // s4 arrives out of order (GMV before the first order) and is flagged at medium risk.
    await sellerEvent({
      event_id: `gmv-4-${stamp}`,
      event_type: "seller.gmv",
      occurred_at: at(3),
      seller_id: sellers.s4,
      gmv: { amount_minor: 300_000, currency: "CNY" },
    });
    await sellerEvent({ event_id: `fo-4-${stamp}`, event_type: "seller.first_order", occurred_at: at(1), seller_id: sellers.s4 });
    await sellerEvent({
      event_id: `risk-4-${stamp}`,
      event_type: "seller.governance_flag",
      occurred_at: at(0.5),
      seller_id: sellers.s4,
      risk_level: "medium",
    });

    // 3. The partner follows it on the portal, in English and Chinese.
    await withBrowserErrors(partnerPage, shots.dir, async () => {
      const page = partnerPage;
      await logIn(page, portal.url, partner.email);
      await page.getByRole("link", { name: "Incentives", exact: true }).click();
      await page.getByRole("heading", { name: "Incentives", level: 1 }).waitFor();
      await page.getByRole("heading", { name: "Q4 Europe & US activation" }).waitFor();
      await lineRow(page, sellers.s1).getByText("Eligible").waitFor();
      await lineRow(page, sellers.s4).getByText("reward reduced by 50% for governance risk").waitFor();
      await lineRow(page, sellers.s2)
        .getByText(/Decided by /)
        .waitFor();
      await lineRow(page, sellers.s2).getByText("Waiting on: GMV threshold within N days").waitFor();
      await lineRow(page, sellers.s3).getByText("Registered through the link for the other seller type").waitFor();
      await lineRow(page, sellers.s3).getByText("Rule: Wrong-link registration (wrong_link)").waitFor();
      // Earned 2,000 + 1,000; the cap of 2,500 applies.
      expect(await page.getByTestId("total-gross").textContent()).toBe("CN¥3,000.00");
      expect(await page.getByTestId("total-payable").textContent()).toBe("CN¥2,500.00");
      await page.getByTestId("cap-applied").waitFor();
      await page.getByRole("figure", { name: "Sellers by state" }).locator("svg").first().waitFor();
      await shots.screen(page, "portal-statement-open");

      await setLang(page, "zh", "激励计划");
      await page.getByRole("heading", { name: "第四季度欧美激活计划" }).waitFor();
      await lineRow(page, sellers.s3).getByText("通过另一商家类型的链接注册").waitFor();
      await lineRow(page, sellers.s3).getByText("规则：错误链接注册 (wrong_link)").waitFor();
      await lineRow(page, sellers.s2)
        .getByText(/将于 .* 前判定/)
        .waitFor();
      await page.getByRole("figure", { name: "商家状态分布" }).waitFor();
      await shots.screen(page, "portal-statement-open-zh");
      await setLang(page, "en", "Incentives");
    });

    // 4. The period ends and the grace days pass: the closing job (it runs with maintenance) closes and signs.
    const job = await runIncentiveJob({ ...api.services, clock: () => new Date(today + 6 * DAY), requestId: "e2e-close" });
    expect(job.closed).toBe(1);

    const { body: mine } = await api.request<{ data: { statements: { id: string; status: string }[] }[] }>(
      "/v1/incentives/programs",
      { cookie: partner.cookie },
    );
    const closed = mine.data[0]!.statements.find((s) => s.status === "closed")!;
    const signed = await api.request<SignedIncentiveStatement>(`/v1/incentives/statements/${closed.id}/signed`, {
      cookie: partner.cookie,
    });
    const key = await api.request("/v1/incentives/signing-key");
    // The same check the portal makes, here in Node: the API's document is valid under its published key.
    expect(await verifyStatement(signed.body, key.body)).toMatchObject({ valid: true, content_hash: signed.body.content_hash });

    // 5. The portal shows it closed and checks the signature in the browser; the CSV has every line.
    await withBrowserErrors(partnerPage, shots.dir, async () => {
      const page = partnerPage;
      await page.reload();
      await page.getByText("Signature verified").waitFor();
      expect(await page.getByTestId("content-hash").textContent()).toBe(signed.body.content_hash);
      await lineRow(page, sellers.s2).getByText("GMV below the threshold within the allowed days").waitFor();
      expect(await page.getByTestId("total-payable").textContent()).toBe("CN¥2,500.00");
      const href = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
      const csv = await page.request.get(new URL(href!, portal.url).toString());
      expect(csv.status()).toBe(200);
      const text = await csv.text();
      expect(text.trim().split("\n")).toHaveLength(5);
      for (const id of Object.values(sellers)) expect(text).toContain(id);
      await shots.screen(page, "portal-statement-closed");
      await setLang(page, "zh", "激励计划");
      await page.getByText("签名已验证").waitFor();
      await shots.screen(page, "portal-statement-closed-zh");

      // 6. The partner disputes s2's line, in Chinese.
      await lineRow(page, sellers.s2)
        .getByRole("button", { name: `对 ${sellers.s2} 的记录提出申诉` })
        .click();
      const dialog = page.getByRole("dialog");
      await dialog.getByLabel("说明").fill("太短");
      await dialog.getByRole("button", { name: "提交申诉" }).click();
      await dialog.getByText("请说明问题（至少 10 个字符）。").waitFor();
      await dialog.getByLabel("说明").fill("商家的 GMV 报告延迟了：Seller Center 后台显示 2 天内 GMV 为 1,200 元。");
      await dialog.getByLabel("您对该商家的备注编号").fill("LB-2207");
      await shots.screen(page, "portal-dispute-zh");
      await dialog.getByRole("button", { name: "提交申诉" }).click();
      await dialog.waitFor({ state: "detached" });
      await lineRow(page, sellers.s2).getByText("审核中").waitFor();
      await page.getByRole("table", { name: "您的申诉" }).getByText("LB-2207", { exact: false }).waitFor();
      await setLang(page, "en", "Incentives");
      await lineRow(page, sellers.s2).getByText("Under review").waitFor();
    });

    // 7. A reviewer accepts it in the dashboard (reviewers resolve disputes; only admins create programs).
    const reviewerPage = (await browser.newPerson({ viewport: { width: 1400, height: 900 } })).page;
    await withBrowserErrors(reviewerPage, shots.dir, async () => {
      const page = reviewerPage;
      await signInToDashboard(page, world.web.url, reviewer.email);
      await page.getByRole("menuitem", { name: /Incentive programs/ }).click();
      await page.getByRole("link", { name: "Q4 Europe & US activation" }).waitFor();
      expect(await page.getByRole("link", { name: "New program" }).count()).toBe(0);
      await page.getByRole("menuitem", { name: /Incentive disputes/ }).click();
      const row = page.getByRole("row", { name: /LB-2207/ });
      await row.waitFor();
      await shots.screen(page, "dashboard-disputes-queue");
      await row.getByRole("button", { name: "Accept" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByLabel(/Adjustment \(CNY/).fill("1000");
      await dialog.getByLabel(/Reason/).fill("Seller Center confirmed the GMV report was late; the seller qualified.");
      await dialog
        .getByText("An adjustment line of CN¥1,000.00 goes on the partner's next statement. This cannot be undone.")
        .waitFor();
      await shots.screen(page, "dashboard-accept-confirm");
      await dialog.getByRole("button", { name: "Accept and add the adjustment" }).click();
      await page.getByText("No disputes waiting for review.").waitFor();
      await page.locator("#disputes-status").click();
      await page.getByRole("option", { name: "Accepted" }).click();
      await page
        .getByRole("row", { name: /LB-2207/ })
        .getByText("Accepted")
        .waitFor();

      // Statements across partners: the closed one with its hash, the new adjustment statement open.
      await page.getByRole("menuitem", { name: /Incentive statements/ }).click();
      const closedRow = page.locator(`tr[data-statement="${closed.id}"]`);
      await closedRow.getByText("Closed").waitFor();
      expect(await closedRow.locator("td").last().getAttribute("title")).toBe(signed.body.content_hash);
      await page
        .getByRole("row", { name: /Adjustments #2/ })
        .getByText("Open")
        .waitFor();
      await shots.screen(page, "dashboard-statements");
    });

    // 8. The partner sees the decision and the adjustment on the next statement, in both languages.
    await withBrowserErrors(partnerPage, shots.dir, async () => {
      const page = partnerPage;
      await page.reload();
      await page.getByRole("table", { name: "Your disputes" }).getByText("Accepted").waitFor();
      await page.getByText("Adjustment of CN¥1,000.00 on your next statement").waitFor();
      await page.locator("#incentives-sequence").click();
      await page.getByRole("option", { name: "Adjustments (statement 2)" }).click();
      const adjustment = page
        .getByRole("table", { name: "Sellers" })
        .getByRole("row", { name: /Seller Center confirmed the GMV report was late/ });
      await adjustment.getByRole("cell", { name: "CN¥1,000.00", exact: true }).waitFor();
      expect(await page.getByTestId("total-payable").textContent()).toBe("CN¥1,000.00");
      await shots.screen(page, "portal-adjustment");
      await setLang(page, "zh", "激励计划");
      await page.getByRole("table", { name: "您的申诉" }).getByText("已接受").waitFor();
      await shots.screen(page, "portal-adjustment-zh");
      await setLang(page, "en", "Incentives");
    });
  });
});
