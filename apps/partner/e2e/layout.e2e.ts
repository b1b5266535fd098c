/**
 * No page of the portal is wider than the window (a headless screenshot of /login at 1280 px once
 * showed a horizontal scrollbar twice the window's width: the language select's hidden label was
 * 100% of the viewport wide, placed at the select). The sign-in page and every signed-in page, at a
 * desktop and a phone width, in English and Chinese.
 */
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

const PAGES = ["/profile", "/services", "/analytics", "/incentives", "/api-keys", "/webhooks", "/members", "/account"];
const WIDTHS = [1280, 390];

/** How far the document is wider than the window (0 when it fits), once the page has settled. */
async function overflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  await page.waitForLoadState("networkidle");
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
}

describe("every page fits the window, in Chromium", () => {
  let world: World;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let shots: Awaited<ReturnType<typeof screens>>;
  let partner: ReferringPartner;

  beforeAll(async () => {
    shots = await screens(PORTAL_ARTIFACTS("layout"));
    world = await startWorld();
    browser = await launchChromium();
    partner = await referringPartner(world.api, { company_name: "Harbor Width Agency", service_name: "Harbor Fit" });
  });

  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  for (const width of WIDTHS) {
    for (const lang of ["en", "zh"] as const) {
      it(`at ${width} px in ${lang}: /login and the signed-in pages scroll no wider than the window`, async () => {
        const { page, context } = await browser.newPerson({ viewport: { width, height: 900 } });
        const url = world.web.url;
        const wide: string[] = [];
        const check = async (path: string) => {
          const { scrollWidth, innerWidth } = await overflow(page);
          if (scrollWidth > innerWidth) wide.push(`${path}: ${scrollWidth} > ${innerWidth}`);
        };
        // The sign-in page in the reader's language (the portal remembers it), then back to English to sign in.
        await page.goto(`${url}/login`);
        await page.evaluate((l) => localStorage.setItem("shopreg.partner.lang", l), lang);
        await page.reload();
        await page.getByRole("button", { name: lang === "zh" ? "登录" : "Log in" }).waitFor();
        await check("/login");
        await shots.shot(page, `login-${width}-${lang}`);
        await page.evaluate(() => localStorage.setItem("shopreg.partner.lang", "en"));
        await logIn(page, url, partner.email);
        await page.getByRole("heading", { level: 1 }).waitFor();
        await page.evaluate((l) => localStorage.setItem("shopreg.partner.lang", l), lang);
        for (const path of [...PAGES, `/services/${partner.serviceId}`, `/applications/${partner.applicationId}`]) {
          await page.goto(`${url}${path}`);
          await page.getByRole("heading", { level: 1 }).first().waitFor();
          await check(path);
        }
        await shots.shot(page, `application-${width}-${lang}`);
        expect(wide).toEqual([]);
        await context.close();
      });
    }
  }
});
