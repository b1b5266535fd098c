import type { TestApi } from "@shopreg/api/testing";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  dashboardScreens,
  expectAccessible,
  openChromium,
  referringPartner,
  startDashboard,
  submitApplication,
  TEST_PASSWORD,
  type World,
  withBrowserErrors,
} from "./harness.ts";

describe("a reviewer decides a non-U.S. application in the dashboard", () => {
  let world: World;
  let api: TestApi;
  let context: BrowserContext;
  let browser: Awaited<ReturnType<typeof openChromium>>;
  let shots: Awaited<ReturnType<typeof dashboardScreens>>;

  beforeAll(async () => {
    shots = await dashboardScreens("review");
    world = await startDashboard();
    api = world.api;
    browser = await openChromium("e2e");
    context = browser.context;
  });

  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  it("filters the queue, requests info, and approves the resubmission; both decisions reach the history and the audit log", async () => {
    // Partners apply over the API: two U.S. companies and one non-U.S. company.
    const submit = async (company: string, entity: "US" | "NON_US") => {
      const region = entity === "US" ? "US" : "CN";
      const partner = await api.signUp({
        company_name: company,
        registration_region: region,
        company_registration_region: region,
      });
      return { ...partner, applicationId: await submitApplication(api, partner, entity) };
    };
    await submit("Brooklyn Storefronts LLC", "US");
    const global = await submit("Shenzhen Bridge Trading Ltd", "NON_US");
    await submit("Austin Shop Builders Inc", "US");
    const reviewer = await api.staff("reviewer");
    // One partner already approved, with a published service and its two referral links.
    await referringPartner(api, { company_name: "Chicago Launch Co", service_name: "Chicago Launch: TikTok Shop setup" });

    const page: Page = context.pages()[0] ?? (await context.newPage());
    await withBrowserErrors(page, shots.dir, async () => {
      // Sign in.
      await page.goto(world.web.url);
      await page.getByLabel("Email").waitFor();
      await shots.shot(page, "login");
      await expectAccessible(page, "login");
      await page.getByLabel("Email").fill(reviewer.email);
      await page.getByLabel("Password").fill(TEST_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();

      // The queue, oldest first.
      const rows = page.locator("tbody tr");
      await page.getByText("Austin Shop Builders Inc").waitFor();
      expect(await rows.allInnerTexts()).toEqual([
        expect.stringContaining("Brooklyn Storefronts LLC"),
        expect.stringContaining("Shenzhen Bridge Trading Ltd"),
        expect.stringContaining("Austin Shop Builders Inc"),
      ]);
      await shots.shot(page, "queue");
      await expectAccessible(page, "queue");

      // Only non-U.S. applications.
      await page.getByRole("combobox", { name: "Entity type" }).click();
      await page.getByRole("option", { name: "Non-U.S. (Cross-Border)" }).click();
      await page.getByText("Brooklyn Storefronts LLC").waitFor({ state: "detached" });
      expect(await rows.count()).toBe(1);
      await expect.poll(() => rows.first().textContent()).toContain("Shenzhen Bridge Trading Ltd");
      await shots.shot(page, "queue-non-us");

      // The application: every field of its form, the partner, the history.
      await rows.first().click();
      await page.getByRole("heading", { name: "Application form" }).waitFor();
      await page.getByText("Company registration number").waitFor();
      await page.getByText("REG-123456").waitFor();
      await shots.shot(page, "application");
      await expectAccessible(page, "application");

      // Request info, with a reason.
      await page.getByRole("button", { name: "Request info" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByLabel("Reason (the partner sees it)").fill("Please add the U.S. local contact's email.");
      await shots.shot(page, "request-info-dialog");
      await expectAccessible(page, "request info dialog");
      await dialog.getByRole("button", { name: "Confirm: Request info" }).click();
      await page.getByRole("table", { name: "History" }).getByText("Requested more info", { exact: true }).waitFor();
      await page.getByText("Needs more info").first().waitFor();
      expect(await page.getByRole("button", { name: "Approve" }).count()).toBe(0);
      await shots.shot(page, "info-requested");

      // The partner adds the contact and resubmits, over the API.
      const patched = await api.request(`/v1/applications/${global.applicationId}`, {
        method: "PATCH",
        cookie: global.cookie,
        body: { details: { us_local_contact_email: "us-ops@global.example.com" } },
      });
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
      const resubmitted = await api.request(`/v1/applications/${global.applicationId}/resubmit`, {
        method: "POST",
        cookie: global.cookie,
      });
      expect(resubmitted.status, JSON.stringify(resubmitted.body)).toBe(200);

      // Back in the queue (still filtered), the resubmission is there; its page shows what changed.
      await page.getByRole("link", { name: "Back to queue" }).click();
      await page.getByText("Shenzhen Bridge Trading Ltd").waitFor();
      await rows.first().click();
      await page.getByRole("button", { name: "Approve" }).waitFor();
      const changes = page.getByRole("table", { name: "Changes from revision 1 to 2" });
      await changes.getByText("us-ops@global.example.com").waitFor();
      await shots.shot(page, "resubmitted");

      await page.getByRole("button", { name: "Approve" }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Confirm: Approve" }).click();
      await page.getByRole("table", { name: "History" }).getByText("Approved", { exact: true }).waitFor();
      await shots.shot(page, "approved");

      // The audit log shows both decisions.
      await page.getByRole("menuitem", { name: "Audit log" }).click();
      await page.getByText("Requested more info").first().waitFor();
      await page.getByText("Please add the U.S. local contact's email.").waitFor();
      await shots.shot(page, "audit-log");
      await expectAccessible(page, "audit log");

      // The other screens: services with their links and clicks, partners with their applications.
      await page.getByRole("menuitem", { name: "Services" }).click();
      await page.getByText("Chicago Launch: TikTok Shop setup").waitFor();
      await page.getByRole("link", { name: "Chicago Launch Co" }).waitFor();
      await shots.shot(page, "services");
      await expectAccessible(page, "services");
      await page.getByText("Chicago Launch: TikTok Shop setup").click();
      const links = page.getByRole("table", { name: "Referral links" });
      await links.waitFor();
      expect(await links.locator("tbody tr").count()).toBe(2);
      await expect.poll(() => links.locator("tbody tr").first().textContent()).toContain("http://gateway.test/");
      await shots.shot(page, "service");
      await expectAccessible(page, "service");

      await page.getByRole("menuitem", { name: "Partners" }).click();
      await page.getByText("Shenzhen Bridge Trading Ltd").waitFor();
      await shots.shot(page, "partners");
      await expectAccessible(page, "partners");
      await page.getByText("Shenzhen Bridge Trading Ltd").click();
      await page.getByRole("table", { name: "Applications" }).getByText("Approved").waitFor();
      await shots.shot(page, "partner");
      await expectAccessible(page, "partner");

      // And so do the partner's history and the audit log API.
      const history = await api.request(`/v1/applications/${global.applicationId}/history`, { cookie: global.cookie });
      expect(history.status).toBe(200);
      const decisions = (history.body.data as { action: string; reason: string | null }[]).filter((e) =>
        ["request_info", "approve"].includes(e.action),
      );
      expect(decisions).toEqual([
        expect.objectContaining({ action: "request_info", reason: "Please add the U.S. local contact's email." }),
        expect.objectContaining({ action: "approve" }),
      ]);
      const audit = await api.request(`/v1/staff/audit-events?entity_id=${global.applicationId}`, { cookie: reviewer.cookie });
      expect(audit.status).toBe(200);
      const byReviewer = (audit.body.data as { action: string; actor_id: string | null }[])
        .filter((e) => e.actor_id === reviewer.userId)
        .map((e) => e.action);
      expect(byReviewer.sort()).toEqual(["approve", "request_info"]);
      const app = await api.request(`/v1/applications/${global.applicationId}`, { cookie: global.cookie });
      expect(app.body.status).toBe("APPROVED");
    });
  });
});
