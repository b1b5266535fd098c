/**
 * The dashboard's browser tests: the app-neutral parts (Chromium, axe, serving a build, the gateway,
 * signed conversions, a referring partner) are the portal's harness, so both apps launch, serve and
 * check the same way; what is the dashboard's own is here.
 */
import type { Page } from "playwright-core";
import {
  type BrowserOptions,
  openChromium as openBrowser,
  type Served,
  serveApp,
  TEST_PASSWORD,
} from "../../partner/e2e/harness.ts";

export {
  CHROMIUM_ARGS,
  expectAccessible,
  openReferralLink,
  type ReferringPartner,
  referringPartner,
  type Served,
  screens,
  signedConversion,
  startWorld,
  until,
  type World,
} from "../../partner/e2e/harness.ts";

/**
 * Serves the built dashboard (dist/) with /v1 handed to the API in-process, as `pnpm start` does, on
 * 127.0.0.1 and a free port.
 */
export function serveDashboard(dist: string, api: (req: Request) => Response | Promise<Response>): Promise<Served> {
  return serveApp(dist, api);
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
