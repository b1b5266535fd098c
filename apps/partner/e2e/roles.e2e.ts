/**
 * Issue 23 item 4 in a real Chromium against the real API (PGlite): a developer and an analyst walk
 * the portal in English and Chinese. Every button a screen offers is one the API lets them use (the
 * API is asked for each action the page's resources offer, and none answers 403), the navigation
 * shows only what the role can open, and a page the role cannot open explains why in the reader's
 * language, with a way home, instead of "Something went wrong… Try again". After a revocation the
 * owner is not offered 重新发布 (it would answer 403).
 */
import type { TestApi } from "@shopreg/api/testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  launchChromium,
  logIn,
  PORTAL_ARTIFACTS,
  type ReferringPartner,
  referringPartner,
  screens,
  startWorld,
  type World,
} from "./harness.ts";

type Lang = "en" | "zh";
const WORDS = {
  en: {
    forbidden: "This page is not part of your role",
    home: "Go to your home page",
    error: "Something went wrong",
    retry: "Try again",
    nav: { profile: "Profile", services: "App & Service", analytics: "Analytics", keys: "API keys", webhooks: "Webhooks" },
    edit: "Edit",
    addCategory: "+ Apply for a category & market",
    publishAgain: "Publish again",
  },
  zh: {
    forbidden: "此页面不属于您的角色",
    home: "前往我的首页",
    error: "出错了",
    retry: "重试",
    nav: { profile: "个人信息主页", services: "应用与服务", analytics: "数据分析", keys: "API 密钥", webhooks: "Webhooks" },
    edit: "编辑",
    addCategory: "+ 申请类目与市场",
    publishAgain: "重新发布",
  },
} as const;

describe("what each role is offered, in Chromium", () => {
  let world: World;
  let api: TestApi;
  let webUrl: string;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let shots: Awaited<ReturnType<typeof screens>>;
  let partner: ReferringPartner;

  beforeAll(async () => {
    shots = await screens(PORTAL_ARTIFACTS("roles"));
    world = await startWorld();
    api = world.api;
    webUrl = world.web.url;
    browser = await launchChromium();
    partner = await referringPartner(api, { company_name: "Harbor Roles Agency", service_name: "Harbor Launch" });
  });

  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  async function signedIn(role: "developer" | "analyst", lang: Lang) {
    const member = await api.member(partner.partnerId, role);
    const { page } = await browser.newPerson();
    // Every API answer the page gets: an offered button that answers 403 would show up here.
    const refused: string[] = [];
    page.on("response", (r) => {
      if (r.status() === 403 && new URL(r.url()).pathname.startsWith("/v1/") && r.request().method() !== "GET") {
        refused.push(`${r.request().method()} ${new URL(r.url()).pathname}`);
      }
    });
    await logIn(page, webUrl, member.email);
    await inLanguage(page, lang);
    return { page, member, refused };
  }

  /** Signed in (the login page is in English), the portal switched to the reader's language. */
  async function inLanguage(page: Page, lang: Lang) {
    await page.getByRole("navigation").first().waitFor();
    await page.evaluate((l) => localStorage.setItem("shopreg.partner.lang", l), lang);
    await page.reload();
  }

  /** The navigation's entries, by name. */
  const navOf = async (page: Page) => (await page.getByRole("navigation").getByRole("link").allInnerTexts()).map((s) => s.trim());

  /** A page the role cannot open: the explanation in the reader's language, a way home, no dead end. */
  async function expectForbidden(page: Page, lang: Lang, path: string, name: string) {
    await page.goto(`${webUrl}${path}`);
    await page.getByText(WORDS[lang].forbidden).waitFor();
    await expect(page.getByRole("link", { name: WORDS[lang].home }).count()).resolves.toBe(1);
    await expect(page.getByText(WORDS[lang].error, { exact: true }).count()).resolves.toBe(0);
    await expect(page.getByRole("button", { name: WORDS[lang].retry }).count()).resolves.toBe(0);
    if (lang === "zh") {
      // No English server text on the Chinese screen.
      const text = (await page.locator("main").textContent()) ?? "";
      expect(text).not.toMatch(/scope|Your role|needs the|Something went wrong/);
    }
    await shots.screen(page, `${name}-${lang}`);
  }

  for (const lang of ["en", "zh"] as const) {
    it(`a developer (${lang}) sees no Edit on the profile, no "+ category", no Analytics, and a reason on it`, async () => {
      const w = WORDS[lang];
      const { page, member, refused } = await signedIn("developer", lang);
      await page.getByRole("heading", { level: 1, name: w.nav.profile }).waitFor();
      expect(await navOf(page)).toEqual(expect.arrayContaining([w.nav.profile, w.nav.services, w.nav.keys, w.nav.webhooks]));
      expect(await navOf(page)).not.toContain(w.nav.analytics);
      // Profile: nothing to edit or apply for (the API would answer 403 profile:write / applications:write).
      await expect(page.getByRole("button", { name: w.addCategory }).count()).resolves.toBe(0);
      await expect(page.getByRole("link", { name: w.addCategory }).count()).resolves.toBe(0);
      await page.goto(`${webUrl}/profile?tab=basic`);
      await page.getByRole("tab", { selected: true }).waitFor();
      await expect(page.getByRole("button", { name: w.edit, exact: true }).count()).resolves.toBe(0);
      await shots.screen(page, `developer-profile-${lang}`);
      // The service: the API offers a developer update and deactivate, and each would succeed.
      const service = await api.request(`/v1/services/${partner.serviceId}`, { cookie: member.cookie });
      expect(service.body.allowed_actions.map((a: { action: string }) => a.action).sort()).toEqual(["deactivate", "update"]);
      await page.goto(`${webUrl}/services/${partner.serviceId}`);
      await page.getByRole("heading", { level: 1, name: "Harbor Launch" }).waitFor();
      await expect(page.getByRole("button", { name: w.edit, exact: true }).count()).resolves.toBe(1);
      const apps = await api.request("/v1/applications", { cookie: member.cookie });
      for (const a of apps.body.data) expect(a.allowed_actions).toEqual([]);
      await expectForbidden(page, lang, "/analytics", "developer-analytics-forbidden");
      expect(refused).toEqual([]);
    });

    it(`an analyst (${lang}) sees Analytics only, and a reason on the profile and services`, async () => {
      const w = WORDS[lang];
      const { page, refused } = await signedIn("analyst", lang);
      await page.getByRole("heading", { level: 1, name: w.nav.analytics }).waitFor();
      const nav = await navOf(page);
      expect(nav).toContain(w.nav.analytics);
      for (const hidden of [w.nav.profile, w.nav.services, w.nav.keys, w.nav.webhooks]) expect(nav).not.toContain(hidden);
      await expectForbidden(page, lang, "/profile", "analyst-profile-forbidden");
      await expectForbidden(page, lang, `/services/${partner.serviceId}`, "analyst-service-forbidden");
      // The way home leads to a page the analyst may open.
      await page.getByRole("link", { name: w.home }).click();
      await page.getByRole("heading", { level: 1, name: w.nav.analytics }).waitFor();
      expect(refused).toEqual([]);
    });
  }

  it("after a revocation the owner is not offered 重新发布, and is told why", async () => {
    const other = await referringPartner(api, { company_name: "Revoked Agency", service_name: "Revoked Launch" });
    const admin = await api.staff("admin");
    const revoked = await api.request(`/v1/staff/applications/${other.applicationId}/revoke`, {
      cookie: admin.cookie,
      body: { reason: "Policy violation" },
    });
    expect(revoked.status).toBe(200);
    const { page } = await browser.newPerson();
    await logIn(page, webUrl, other.email);
    await inLanguage(page, "zh");
    await page.goto(`${webUrl}/services/${other.serviceId}`);
    await page.getByRole("heading", { level: 1, name: "Revoked Launch" }).waitFor();
    await page.getByText("此服务已关闭：其类目在该市场的申请已不再是已通过状态").waitFor();
    await expect(page.getByRole("button", { name: WORDS.zh.publishAgain }).count()).resolves.toBe(0);
    await shots.screen(page, "owner-revoked-service-zh");
  });
});
