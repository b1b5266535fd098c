/**
 * Issue 23: each staff role (reviewer, analyst, admin) walks every page its menu offers, in English
 * and in 简体中文, in the built dashboard against the real API. On every screen: no raw message key
 * or snake_case code in what is shown or announced, no run of English words on a Chinese screen
 * (data such as names, emails, URLs and ids excepted), no 403 among the responses the pages got,
 * only the decision buttons the role may use (from the machine in @shopreg/domain), and axe finds
 * nothing. Screens go to apps/admin/artifacts/roles/.
 */
import { totpCode } from "@shopreg/api/testing";
import {
  APPLICATION_ACTION_WORDS,
  allowedApplicationActions,
  type Lang,
  REVIEW_ACTIONS,
  type ReviewAction,
  type StaffRole,
} from "@shopreg/domain";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  dashboardScreens,
  expectAccessible,
  openChromium,
  type ReferringPartner,
  startReviewWorld,
  TEST_PASSWORD,
  type World,
  withBrowserErrors,
} from "./harness.ts";

/** A message key (ra.action.x, resources.applications.fields.x, shopreg.x, catalogue.x.y) or a snake_case code. */
const RAW_KEY = /\b(?:ra|resources|shopreg|catalogue)\.[\w.-]+|\b[a-z]+\.[a-z_]+\.[a-z_.]+\b|\b[a-z]+(?:_[a-z]+)+\b/;
/** Three English words in a row (lowercase after the first): a sentence or a label that was not translated. */
const ENGLISH = /[A-Za-z]{2,} [a-z]{2,} [a-z]{3,}/;
/** Data that is shown as it is in either language: emails, URLs, ids. */
const DATA = /\S+@\S+|https?:\/\/\S+|[0-9a-f]{8}-[0-9a-f-]{27}|…[0-9a-f]{8}/g;

const SIGN_IN: Record<Lang, { button: string; code: string; verify: string }> = {
  en: { button: "Sign in", code: "Verification code", verify: "Verify" },
  zh: { button: "登录", code: "验证码", verify: "验证" },
};
const STAFF_USERS: Record<Lang, string> = { en: "Staff users", zh: "员工账号" };
const NEW_PROGRAM: Record<Lang, RegExp> = { en: /New program/, zh: /新建激励计划/ };

/** What the screen shows or says to a screen reader, outside code and data marked as such. */
async function screenTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const skip = (el: Element | null) => !el || !!el.closest("code, pre, script, style, [translate='no']");
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (skip(el) || !el?.checkVisibility()) continue;
      const text = n.textContent?.trim();
      if (text) out.push(text);
    }
    for (const el of document.querySelectorAll("[aria-label], [title], [placeholder]")) {
      if (skip(el)) continue;
      for (const a of ["aria-label", "title", "placeholder"]) {
        const v = el.getAttribute(a)?.trim();
        if (v) out.push(v);
      }
    }
    return out;
  });
}

/** The words a screen must not show: raw keys in any language, English runs in Chinese. */
function wordingProblems(texts: readonly string[], lang: Lang): string[] {
  return texts.flatMap((raw) => {
    const text = raw.replace(DATA, " ");
    const problems: string[] = [];
    if (RAW_KEY.test(text)) problems.push(`raw key: ${raw}`);
    if (lang === "zh" && ENGLISH.test(text)) problems.push(`English: ${raw}`);
    return problems;
  });
}

describe("each staff role walks its pages in English and Chinese", () => {
  let world: World;
  let shots: Awaited<ReturnType<typeof dashboardScreens>>;
  let partner: ReferringPartner;
  let waitingApplication: string;

  beforeAll(async () => {
    shots = await dashboardScreens("roles");
    ({ world, partner, waitingApplication } = await startReviewWorld());
  });

  afterAll(async () => {
    await world?.close();
  });

  /** Waits for a screen to settle, then checks its words, keeps it and runs axe. */
  async function check(page: Page, lang: Lang, name: string) {
    await page.getByRole("heading", { level: 1 }).first().waitFor();
    await page.waitForLoadState("networkidle");
    await page
      .getByRole("progressbar")
      .first()
      .waitFor({ state: "detached", timeout: 10_000 })
      .catch(() => undefined);
    await page.waitForTimeout(350);
    expect(wordingProblems(await screenTexts(page), lang), `${name} (${lang})`).toEqual([]);
    await shots.shot(page, name);
    await expectAccessible(page, name, { all: true });
  }

  /** The decision buttons on an application are exactly those the machine gives the role from its status. */
  async function expectDecisions(page: Page, role: StaffRole, lang: Lang, status: "REVIEWING" | "APPROVED") {
    const allowed = new Set(allowedApplicationActions(status, role).map((a) => a.action));
    for (const action of REVIEW_ACTIONS) {
      const label = APPLICATION_ACTION_WORDS[action as ReviewAction].verb[lang];
      const count = await page.getByRole("button", { name: label, exact: true }).count();
      expect(count, `${role} ${lang} ${status}: ${action}`).toBe(allowed.has(action) ? 1 : 0);
    }
  }

  async function walk(role: StaffRole, lang: Lang) {
    const staff = await world.api.staff(role);
    // Chinese from the browser's language, except the reviewer, who picks it on the sign-in page.
    const viaSwitch = role === "reviewer" && lang === "zh";
    const browser = await openChromium(`roles-${role}-${lang}`, { locale: lang === "zh" && !viaSwitch ? "zh-CN" : "en-US" });
    const forbidden: string[] = [];
    try {
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      page.on("response", (r) => {
        if (r.status() === 403) forbidden.push(`${r.request().method()} ${r.url()}`);
      });
      await withBrowserErrors(page, shots.dir, async () => {
        const words = SIGN_IN[lang];
        await page.goto(world.web.url);
        if (viaSwitch) {
          await page.getByRole("button", { name: /Language \/ 语言/ }).click();
          await page.getByRole("menuitem", { name: "简体中文" }).click();
          await page.getByRole("button", { name: words.button }).waitFor();
          // Remembered for the next visit.
          await page.reload();
        }
        await page.getByRole("button", { name: words.button }).waitFor();
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang === "zh" ? "zh-CN" : "en");
        await check(page, lang, `${role}-${lang}-sign-in`);
        await page.locator("input[name=email]").fill(staff.email);
        await page.locator("input[name=password]").fill(TEST_PASSWORD);
        await page.getByRole("button", { name: words.button }).click();
        if (staff.totpSecret) {
          await page.getByLabel(words.code).fill(totpCode(staff.totpSecret, 1));
          await page.getByRole("button", { name: words.verify }).click();
        }
        const menu = page.locator(".RaMenu-open [role=menuitem], .RaMenu-closed [role=menuitem]");
        await menu.first().waitFor();

        // Only an admin manages staff users; every role reads the rest.
        expect(await page.getByRole("menuitem", { name: STAFF_USERS[lang] }).count()).toBe(role === "admin" ? 1 : 0);

        // Every page the menu offers, by clicking it.
        const count = await menu.count();
        expect(count).toBeGreaterThanOrEqual(8);
        for (let i = 0; i < count; i++) {
          const item = menu.nth(i);
          const href = (await item.getAttribute("href")) ?? String(i);
          await item.click();
          const slug = href.replace(/^.*#?\//, "").replaceAll("/", "-") || "home";
          await check(page, lang, `${role}-${lang}-${slug}`);
          if (slug === "incentive-programs") {
            expect(await page.getByRole("link", { name: NEW_PROGRAM[lang] }).count()).toBe(role === "admin" ? 1 : 0);
          }
        }

        // The detail pages, with the decisions each role is offered.
        await page.goto(`${world.web.url}/#/applications/${waitingApplication}/show`);
        await check(page, lang, `${role}-${lang}-application-reviewing`);
        await expectDecisions(page, role, lang, "REVIEWING");
        await page.goto(`${world.web.url}/#/applications/${partner.applicationId}/show`);
        await check(page, lang, `${role}-${lang}-application-approved`);
        await expectDecisions(page, role, lang, "APPROVED");
        await page.goto(`${world.web.url}/#/partners/${partner.partnerId}/show`);
        await check(page, lang, `${role}-${lang}-partner`);
        await page.goto(`${world.web.url}/#/services/${partner.serviceId}/show`);
        await check(page, lang, `${role}-${lang}-service`);
        if (role === "admin") {
          // The forms only an admin opens: a new staff user, a new incentive program.
          await page.goto(`${world.web.url}/#/staff-users/create`);
          await check(page, lang, `${role}-${lang}-staff-user-new`);
          await page.goto(`${world.web.url}/#/incentive-programs/create`);
          await check(page, lang, `${role}-${lang}-program-new`);
        }
        await page.goto(`${world.web.url}/#/security`);
        await check(page, lang, `${role}-${lang}-security`);
        expect(await page.title()).toContain(lang === "zh" ? "店铺注册审核" : "Shop registration review");
      });
      expect(forbidden, `${role} ${lang}: responses answered 403`).toEqual([]);
    } finally {
      await browser.close();
    }
  }

  for (const role of ["reviewer", "analyst", "admin"] as const) {
    for (const lang of ["en", "zh"] as const) {
      it(`${role} in ${lang === "zh" ? "简体中文" : "English"}`, () => walk(role, lang));
    }
  }

  it("the check finds raw keys and English on a Chinese screen", () => {
    expect(wordingProblems(["shopreg.review_queue"], "en")).toHaveLength(1);
    expect(wordingProblems(["ra.action.save"], "zh")).toHaveLength(1);
    expect(wordingProblems(["two_factor_required"], "en")).toHaveLength(1);
    expect(wordingProblems(["No applications are waiting for review."], "zh")).toHaveLength(1);
    expect(wordingProblems(["0 个未归因转化 in this range"], "zh")).toHaveLength(1);
    expect(wordingProblems(["审核队列", "reviewer1-ab12cd@tiktok.test", "Chicago Launch Co"], "zh")).toEqual([]);
  });
});
