/**
 * Issue 23 item 4 in a real Chromium against the real API (PGlite): a developer and an analyst walk
 * the portal in English and Chinese. Every button a screen offers is one the API lets them use (the
 * API is asked for each action the page's resources offer, and none answers 403), the navigation
 * shows only what the role can open, and a page the role cannot open explains why in the reader's
 * language, with a way home, instead of "Something went wrong… Try again". After a revocation the
 * owner is not offered 重新发布 (it would answer 403).
 *
 * Then every role (owner, admin, developer, analyst) walks every page its navigation offers, in
 * English and Chinese: no raw key (a dictionary key or a snake_case code) in the visible text, no
 * English sentence on the Chinese screen (the account's data, such as names, the company's details,
 * emails and URLs aside), no 403 among the API answers the pages get,
 * and no button the role's scopes would not let it use.
 */
import { TEST_PASSWORD, type TestApi } from "@shopreg/api/testing";
import { type ApiKeyScope, type MemberRole, scopesOfRole } from "@shopreg/domain";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INCENTIVE_WORDS } from "../src/components/incentives/words.ts";
import { en } from "../src/lib/i18n.en.ts";
import { zh } from "../src/lib/i18n.zh.ts";
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

  describe("every role walks every page its navigation offers, in English and Chinese", () => {
    type Role = Exclude<MemberRole, never>;
    const DICT = { en: { ...en, ...INCENTIVE_WORDS.en }, zh: { ...zh, ...INCENTIVE_WORDS.zh } } as const;
    type Key = keyof (typeof DICT)["en"];
    /**
     * The controls that change something (buttons, or links to a form), the page they show on, and
     * the scope the API asks for them. Matched by their name's start ("Revoke ERP sync").
     */
    const ACTIONS: { path: string; key: Key; scope: ApiKeyScope }[] = [
      { path: "/profile", key: "category.add", scope: "applications:write" },
      { path: "/profile?tab=basic", key: "common.edit", scope: "profile:write" },
      { path: "/services", key: "services.add", scope: "services:write" },
      { path: "/api-keys", key: "keys.create", scope: "api_keys:write" },
      { path: "/api-keys", key: "keys.revoke", scope: "api_keys:write" },
      { path: "/webhooks", key: "webhooks.add", scope: "webhooks:write" },
      { path: "/members", key: "members.sendInvite", scope: "members:write" },
      { path: "/members", key: "members.revoke", scope: "members:write" },
      { path: "/members", key: "members.resend", scope: "members:write" },
    ];
    const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    /** The dictionary's namespaces ("nav", "keys", ...): a word that did not load shows as "nav.profile". */
    const NAMESPACES = [...new Set(Object.keys(DICT.en).map((k) => k.split(".")[0]))];
    const RAW_KEY = new RegExp(`(?<![\\w@./-])(?:${NAMESPACES.join("|")})\\.[a-zA-Z][\\w.]*`, "g");
    const SNAKE_CASE = /(?<![\w@./:-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w@/:-])/g;
    /** Three English words in a row: a sentence, which the Chinese screen's own words must not hold. */
    const ENGLISH_SENTENCE = /[A-Za-z]{3,}[ ,]+[A-Za-z]{3,}[ ,]+[A-Za-z]{3,}/;
    /** Data, not words: addresses, URLs, scopes ("api_keys:read"), key prefixes. */
    const DATA = [/\S+@\S+/g, /https?:\/\/\S+/g, /\b[a-z_]+:[a-z_]+\b/g, /\bsr_(?:live|test)_\S*/g];

    let owner: { email: string; cookie: string };
    let dataWords: string[];
    /** Its text with the data of this account (names, services, emails, URLs) taken out. */
    const withoutData = (text: string) => {
      let out = text;
      for (const d of dataWords) out = out.replaceAll(d, " ");
      for (const re of DATA) out = out.replace(re, " ");
      return out;
    };

    beforeAll(async () => {
      owner = { email: partner.email, cookie: partner.cookie };
      // A pending invitation, so Members shows its Resend and Revoke to whom they are for.
      const invited = await api.request("/v1/invitations", {
        cookie: owner.cookie,
        body: { email: "pending.colleague@harbor.example.com", role: "analyst" },
      });
      expect(invited.status, JSON.stringify(invited.body)).toBe(201);
      const key = await api.request("/v1/api-keys", { cookie: owner.cookie, body: { name: "ERP sync" } });
      expect(key.status, JSON.stringify(key.body)).toBe(201);
    });

    async function walk(role: Role, lang: Lang) {
      const w = DICT[lang];
      const who = role === "owner" ? owner : await api.member(partner.partnerId, role);
      // The account's own data as the API gives it (names, the company's details, services, keys).
      const strings = (v: unknown): string[] =>
        typeof v === "string" ? [v] : v && typeof v === "object" ? Object.values(v).flatMap(strings) : [];
      const data = await Promise.all(
        ["/v1/session", "/v1/members", "/v1/applications", "/v1/services", "/v1/api-keys"].map(
          async (path) => (await api.request(path, { cookie: owner.cookie })).body,
        ),
      );
      dataWords = [...new Set(data.flatMap(strings))].filter((v) => v.length > 2).sort((a, b) => b.length - a.length);
      const { page } = await browser.newPerson();
      const refused: string[] = [];
      page.on("response", (r) => {
        const path = new URL(r.url()).pathname;
        if (r.status() === 403 && path.startsWith("/v1/")) refused.push(`${r.request().method()} ${path}`);
      });
      await logIn(page, webUrl, who.email, TEST_PASSWORD);
      await inLanguage(page, lang);
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      const paths = await page
        .getByRole("navigation")
        .locator("a[href]")
        .evaluateAll((links) => [...new Set(links.map((a) => new URL((a as HTMLAnchorElement).href).pathname))]);
      expect(paths.length).toBeGreaterThan(1);
      const scopes = new Set(scopesOfRole(role));
      const problems: string[] = [];
      // The profile's other tab too, where its Edit is.
      const visits = paths.includes("/profile") ? [...paths, "/profile?tab=basic"] : paths;
      for (const path of visits) {
        await page.goto(`${webUrl}${path}`);
        await page.getByRole("heading", { level: 1 }).first().waitFor();
        await page.waitForLoadState("networkidle");
        // biome-ignore lint/performance/useDomNodeTextContent: the text as a reader sees it (laid out, visible)
        const text = withoutData(await page.locator("body").innerText());
        for (const m of text.matchAll(RAW_KEY)) problems.push(`${path}: raw key "${m[0]}"`);
        for (const m of text.matchAll(SNAKE_CASE)) problems.push(`${path}: raw code "${m[0]}"`);
        if (lang === "zh") {
          for (const line of text.split("\n")) {
            if (ENGLISH_SENTENCE.test(line)) problems.push(`${path}: English on the Chinese screen "${line.trim()}"`);
          }
        }
        for (const a of ACTIONS.filter((x) => x.path === path)) {
          const name = new RegExp(`^${literal(w[a.key])}`);
          const offered = (await page.getByRole("button", { name }).count()) + (await page.getByRole("link", { name }).count());
          if (offered > 0 && !scopes.has(a.scope)) problems.push(`${path}: "${w[a.key]}" offered without ${a.scope}`);
          // The owner may do everything: the table still names buttons that are there.
          if (role === "owner" && offered === 0) problems.push(`${path}: the owner is not offered "${w[a.key]}"`);
        }
        await shots.shot(page, `walk-${role}-${lang}${path.replace(/[/?=]/g, "-")}`);
      }
      expect(problems).toEqual([]);
      expect(refused).toEqual([]);
      return paths;
    }

    for (const lang of ["en", "zh"] as const) {
      for (const role of ["owner", "admin", "developer", "analyst"] as const) {
        it(`${role} (${lang})`, async () => {
          const paths = await walk(role, lang);
          if (role === "owner" || role === "admin") expect(paths).toEqual(expect.arrayContaining(["/members", "/account"]));
          if (role === "analyst") expect(paths).not.toContain("/profile");
        });
      }
    }
  });
});
