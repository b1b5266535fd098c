import { TEST_PASSWORD, totpCode } from "@shopreg/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dashboardScreens, expectAccessible, openChromium, signInToDashboard, startDashboard, type World } from "./harness.ts";

describe("staff two-factor in the dashboard", () => {
  let world: World;
  let browser: Awaited<ReturnType<typeof openChromium>>;
  let shots: Awaited<ReturnType<typeof dashboardScreens>>;

  beforeAll(async () => {
    shots = await dashboardScreens("two-factor");
    world = await startDashboard();
    browser = await openChromium("two-factor");
  });

  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  it("a new admin is sent to enrol, turns two-factor on with a code, and signs in again with a TOTP code", async () => {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    // A new admin has no second factor yet: the API lets them sign in only to enrol.
    const admin = await world.api.staff("admin", { twoFactor: false });
    await signInToDashboard(page, world.web.url, admin.email);
    await page.getByRole("heading", { name: "Two-factor authentication" }).waitFor();
    await page.getByText("Staff admins must turn on two-factor").waitFor();
    await shots.shot(page, "enrol-required");
    await expectAccessible(page, "enrol-required");
    // The dashboard is refused until then.
    const refused = await page.evaluate(async () => (await fetch("/v1/staff/applications")).status);
    expect(refused).toBe(403);

    await page.getByRole("button", { name: "Set up two-factor" }).click();
    await page.getByRole("img", { name: "QR code for your authenticator app" }).waitFor();
    const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
    await shots.shot(page, "enrol-qr");
    await expectAccessible(page, "enrol-qr");
    await page.getByLabel(/Your current password/).fill(TEST_PASSWORD);
    await page.getByLabel(/6-digit code/).fill(totpCode(secret));
    await page.getByRole("button", { name: "Turn on two-factor" }).click();
    const codes = page.getByTestId("recovery-codes").locator("li");
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    await shots.shot(page, "recovery-codes");
    await page.getByRole("button", { name: "Continue to the dashboard" }).click();
    await page.getByText("Applications").first().waitFor();

    // Signing out and in again now asks for a code: the next time step's (each step is accepted once).
    await page.evaluate(async () => {
      await fetch("/v1/staff/session", { method: "DELETE" });
    });
    await signInToDashboard(page, world.web.url, admin.email);
    await page.getByLabel(/Verification code/).waitFor();
    await shots.shot(page, "code-asked");
    await expectAccessible(page, "code-asked");
    await page.getByLabel(/Verification code/).fill(totpCode(secret, 1));
    await page.getByRole("button", { name: "Verify" }).click();
    await page
      .getByRole("menuitem", { name: /Applications/ })
      .first()
      .waitFor();
    const me = await page.evaluate(
      async () => (await (await fetch("/v1/staff/session")).json()) as { user: { two_factor_enabled: boolean } },
    );
    expect(me.user.two_factor_enabled).toBe(true);
    await shots.shot(page, "signed-in");
    expect(errors).toEqual([]);
  });

  it("an enrolled admin (the harness computed the secret) signs in with a TOTP code from otpauth", async () => {
    const admin = await world.api.staff("admin");
    const context = browser.context;
    await context.clearCookies();
    const page = await context.newPage();
    await signInToDashboard(page, world.web.url, admin.email);
    await page.getByLabel(/Verification code/).waitFor();
    await page.getByLabel(/Verification code/).fill(totpCode(admin.totpSecret!, 1));
    await page.getByRole("button", { name: "Verify" }).click();
    await page
      .getByRole("menuitem", { name: /Applications/ })
      .first()
      .waitFor();
    await page.close();
  });
});
