/**
 * The dashboard's browser tests: the app-neutral parts (Chromium, axe, serving a build, the gateway,
 * signed conversions, a referring partner) are the portal's harness, so both apps launch, serve and
 * check the same way; what is the dashboard's own is here.
 */
import { join, resolve } from "node:path";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import {
  artifactsOf,
  type BrowserOptions,
  openChromium as openBrowser,
  type ReferringPartner,
  referringPartner,
  screens,
  startWorld,
  submitApplication,
  TEST_PASSWORD,
  type World,
} from "../../partner/e2e/harness.ts";

export {
  CHROMIUM_ARGS,
  expectAccessible,
  openReferralLink,
  type ReferralLink,
  type ReferringPartner,
  referringPartner,
  type Served,
  screens,
  signedConversion,
  submitApplication,
  TEST_PASSWORD,
  until,
  type World,
} from "../../partner/e2e/harness.ts";

const appDir = resolve(import.meta.dirname, "..");
/** The dashboard's build (run `vite build` first; `pnpm test:browser` does). */
export const DASHBOARD_DIST = join(appDir, "dist");

/** Numbered screenshots (and axe) for one test file, in apps/admin/artifacts/<name>/. */
export const dashboardScreens = (name: string) => screens(artifactsOf(appDir, name));

/**
 * The API over a fresh PGlite with the built dashboard in front of it (/v1 handed to the API
 * in-process, as `pnpm start` does), on 127.0.0.1; the gateway too when asked.
 */
export function startDashboard(opts: Omit<NonNullable<Parameters<typeof startWorld>[0]>, "dist"> = {}): Promise<World> {
  return startWorld({ ...opts, dist: DASHBOARD_DIST });
}

/**
 * What most dashboard tests review: the dashboard (as `startDashboard`) with one approved partner and
 * its published service (Chicago Launch Co) and one application waiting for review (Austin Shop
 * Builders Inc, U.S.).
 */
export async function startReviewWorld(
  opts: Parameters<typeof startDashboard>[0] = {},
): Promise<{ world: World; partner: ReferringPartner; waitingApplication: string }> {
  const world = await startDashboard(opts);
  const partner = await referringPartner(world.api, { company_name: "Chicago Launch Co", service_name: "Chicago Launch setup" });
  const waiting = await world.api.signUp({ company_name: "Austin Shop Builders Inc" });
  const waitingApplication = await submitApplication(world.api, waiting, "US");
  return { world, partner, waitingApplication };
}

/** Debian's Chromium with a new, empty profile, at the dashboard's width. */
export const openChromium = (name: string, opts: BrowserOptions = {}) =>
  openBrowser(`admin-${name}`, { viewport: { width: 1400, height: 900 }, ...opts });

/** Signs a staff member in on the dashboard's login page. */
export async function signInToDashboard(page: Page, url: string, email: string, password = TEST_PASSWORD) {
  await page.goto(url);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * Runs a test's steps in `page` and passes only if the browser reported no error: uncaught ones and
 * console errors, but the 401 of the session check before signing in, which is expected. On a
 * failure the screen as it was goes beside the steps' screenshots (failure.png) and the error says
 * what the browser reported.
 */
export async function withBrowserErrors(page: Page, dir: string, steps: () => Promise<void>) {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().includes("status of 401")) errors.push(m.text());
  });
  try {
    await steps();
  } catch (e) {
    await page.screenshot({ path: join(dir, "failure.png"), fullPage: true });
    throw new Error(`${(e as Error).message}\nBrowser errors: ${JSON.stringify(errors)}`, { cause: e });
  }
  expect(errors).toEqual([]);
}
