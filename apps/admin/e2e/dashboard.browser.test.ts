import { totpCode } from "@shopreg/api/testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  dashboardScreens,
  expectAccessible,
  openChromium,
  signInToDashboard,
  startReviewWorld,
  type World,
  withBrowserErrors,
} from "./harness.ts";

/** How far the page scrolls sideways (0 when it fits the window). */
const sidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe("the dashboard as a picky reviewer and admin find it", () => {
  let world: World;
  let shots: Awaited<ReturnType<typeof dashboardScreens>>;

  beforeAll(async () => {
    shots = await dashboardScreens("dashboard");
    // With mail: an admin's password reset link goes to a real SMTP server.
    ({ world } = await startReviewWorld({ mail: true }));
  });

  afterAll(async () => {
    await world?.close();
  });

  it("names the queue, shows every application when the status filter is blank, and reaches Security from the account menu", async () => {
    const browser = await openChromium("dashboard-reviewer");
    try {
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      const reviewer = await world.api.staff("reviewer");
      // A signed-out load asks the API nothing it must refuse (no 401 for the console).
      const unauthorized: string[] = [];
      page.on("response", (r) => {
        if (r.status() === 401) unauthorized.push(`${r.request().method()} ${new URL(r.url()).pathname}`);
      });
      await withBrowserErrors(page, shots.dir, async () => {
        await signInToDashboard(page, world.web.url, reviewer.email);
        await page.getByRole("heading", { level: 1, name: "Review queue" }).waitFor();
        expect(unauthorized).toEqual([]);
        await page.getByText("Austin Shop Builders Inc").waitFor();
        expect(await page.getByText("Chicago Launch Co").count()).toBe(0);
        await expectAccessible(page, "queue");

        // All applications: the approved one too, and the title says what is shown.
        await page.getByRole("button", { name: "All applications" }).click();
        await page.getByText("Chicago Launch Co").waitFor();
        await page.getByRole("heading", { level: 1, name: "Applications" }).waitFor();
        await page.getByText("Austin Shop Builders Inc").waitFor();
        await shots.shot(page, "all-applications");

        // The account menu: Security, inside the layout, for a reviewer too.
        await page.getByRole("button", { name: /\(Reviewer\)/ }).click();
        await page.getByRole("menuitem", { name: "Security" }).click();
        await page.getByRole("heading", { name: "Two-factor authentication" }).waitFor();
        await page.getByRole("heading", { name: "Password" }).waitFor();
        await page
          .getByRole("list", { name: "Signed-in sessions" })
          .getByText(/this browser/)
          .waitFor();
        await page.getByRole("button", { name: "Log out other sessions" }).click();
        // The harness's own API session for this reviewer is the other one; the count is in words.
        await page.getByText("Logged out of 1 other session.").waitFor();
        await page
          .getByRole("menuitem", { name: /Applications/ })
          .first()
          .waitFor();
        await shots.shot(page, "security");
        await expectAccessible(page, "security");

        // A phone: nothing scrolls sideways, the queue's table scrolls inside its card.
        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto(`${world.web.url}/#/applications`);
        await page.getByText("Austin Shop Builders Inc").waitFor();
        expect(await sidewaysScroll(page)).toBe(0);
        await shots.shot(page, "queue-390");
      });
    } finally {
      await browser.close();
    }
  });

  it("asks before disabling a staff user and shows roles as words", async () => {
    const browser = await openChromium("dashboard-admin");
    try {
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      const admin = await world.api.staff("admin");
      const analyst = await world.api.staff("analyst");
      await withBrowserErrors(page, shots.dir, async () => {
        await signInToDashboard(page, world.web.url, admin.email);
        await page.getByLabel(/Verification code/).fill(totpCode(admin.totpSecret!, 1));
        await page.getByRole("button", { name: "Verify" }).click();
        await page.getByRole("menuitem", { name: /Staff users/ }).click();
        const row = page.getByRole("row", { name: new RegExp(analyst.email) });
        await row.getByText("Analyst", { exact: true }).waitFor();
        await row.getByRole("button", { name: `Disable ${analyst.email}` }).click();
        const dialog = page.getByRole("dialog");
        await dialog.getByText(/signed out everywhere/).waitFor();
        await shots.shot(page, "disable-confirm");
        await expectAccessible(page, "disable-confirm");
        // Cancelling changes nothing.
        await dialog.getByRole("button", { name: "Cancel" }).click();
        await row.getByText("Active").waitFor();
        await row.getByRole("button", { name: `Disable ${analyst.email}` }).click();
        await page.getByRole("dialog").getByRole("button", { name: "Disable" }).click();
        await page.getByText(/can no longer sign in/).waitFor();
        await row.getByText(/^Disabled/).waitFor();
      });
    } finally {
      await browser.close();
    }
  });

  it("changes a staff member's role and mails them a reset link, each after a confirmation, in words", async () => {
    const browser = await openChromium("dashboard-staff");
    try {
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      const admin = await world.api.staff("admin");
      const analyst = await world.api.staff("analyst");
      await withBrowserErrors(page, shots.dir, async () => {
        await signInToDashboard(page, world.web.url, admin.email);
        await page.getByLabel(/Verification code/).fill(totpCode(admin.totpSecret!, 1));
        await page.getByRole("button", { name: "Verify" }).click();
        await page.getByRole("menuitem", { name: /Staff users/ }).click();
        const row = page.getByRole("row", { name: new RegExp(analyst.email) });
        await row.getByText("Analyst", { exact: true }).waitFor();

        await row.getByRole("button", { name: `Change role of ${analyst.email}` }).click();
        const dialog = page.getByRole("dialog");
        await dialog.getByText(/applies to their next click/).waitFor();
        await dialog.getByLabel("New role").click();
        await page.getByRole("option", { name: "Reviewer" }).click();
        await shots.shot(page, "change-role");
        await expectAccessible(page, "change-role");
        await dialog.getByRole("button", { name: "Change role" }).click();
        await page.getByText("Test analyst is now Reviewer.").waitFor();
        await row.getByText("Reviewer", { exact: true }).waitFor();
        const session = await world.api.request("/v1/staff/session", { cookie: analyst.cookie });
        expect(session.body.user.role).toBe("reviewer");

        await row.getByRole("button", { name: `Reset password of ${analyst.email}` }).click();
        const confirm = page.getByRole("dialog");
        await confirm.getByText(/current password works until they use it/).waitFor();
        await expectAccessible(page, "reset-confirm");
        await confirm.getByRole("button", { name: "Send link" }).click();
        await page.getByText(`A link to choose a new password was emailed to ${analyst.email}.`, { exact: false }).waitFor();
        await shots.shot(page, "reset-sent");
        // The link arrived by mail; no password was shown on the screen.
        expect(await world.mail!.link(analyst.email, "reset-password")).toMatch(/token=/);
        expect(await page.getByText(/password:/i).count()).toBe(0);
        // No generic toast.
        expect(await page.getByText("Element created").count()).toBe(0);
      });
    } finally {
      await browser.close();
    }
  });
});
