/**
 * Issue 26 item 15: axe finds no violation, of any impact, on any page of the dashboard: the
 * sign-in page, then as an admin (who sees every screen) each list, each detail page, the new
 * staff user form, Analytics and Security. Each screen's screenshot goes to artifacts/a11y/.
 */
import { totpCode } from "@shopreg/api/testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  dashboardScreens,
  expectAccessible,
  openChromium,
  type ReferringPartner,
  signInToDashboard,
  startReviewWorld,
  type World,
  withBrowserErrors,
} from "./harness.ts";

describe("every dashboard page passes axe", () => {
  let world: World;
  let shots: Awaited<ReturnType<typeof dashboardScreens>>;
  let partner: ReferringPartner;
  let waitingApplication: string;

  beforeAll(async () => {
    shots = await dashboardScreens("a11y");
    ({ world, partner, waitingApplication } = await startReviewWorld());
  });

  afterAll(async () => {
    await world?.close();
  });

  /** Opens the hash route, waits for its h1 and what loads after it, then checks and keeps it. */
  async function sweep(page: Page, name: string, hash: string) {
    await page.goto(`${world.web.url}/#${hash}`);
    // Signed in: the sidebar is there (the sign-in page has an h1 too).
    await page.getByRole("menuitem", { name: /Staff users/ }).waitFor();
    await page.getByRole("heading", { level: 1 }).first().waitFor();
    expect(await page.getByRole("button", { name: "Sign in" }).count()).toBe(0);
    await page.waitForLoadState("networkidle");
    await page
      .getByRole("progressbar")
      .first()
      .waitFor({ state: "detached", timeout: 10_000 })
      .catch(() => undefined);
    await shots.shot(page, name);
    await expectAccessible(page, name, { all: true });
  }

  it("the sign-in page and every page an admin sees", async () => {
    const browser = await openChromium("a11y");
    try {
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      const admin = await world.api.staff("admin");
      await withBrowserErrors(page, shots.dir, async () => {
        await page.goto(world.web.url);
        await page.getByRole("button", { name: "Sign in" }).waitFor();
        await shots.shot(page, "sign-in");
        await expectAccessible(page, "sign-in", { all: true });
        await signInToDashboard(page, world.web.url, admin.email);
        await page.getByLabel(/Verification code/).fill(totpCode(admin.totpSecret!, 1));
        await page.getByRole("button", { name: "Verify" }).click();
        await page.getByRole("menuitem", { name: /Staff users/ }).waitFor();

        await sweep(page, "applications", "/applications");
        await sweep(page, "application", `/applications/${waitingApplication}/show`);
        await sweep(page, "application-approved", `/applications/${partner.applicationId}/show`);
        await sweep(page, "partners", "/partners");
        await sweep(page, "partner", `/partners/${partner.partnerId}/show`);
        await sweep(page, "services", "/services");
        await sweep(page, "service", `/services/${partner.serviceId}/show`);
        await sweep(page, "audit-events", "/audit-events");
        await sweep(page, "staff-users", "/staff-users");
        await sweep(page, "staff-user-new", "/staff-users/create");
        await sweep(page, "analytics", "/analytics");
        await sweep(page, "security", "/security");
      });
    } finally {
      await browser.close();
    }
  });
});
