/**
 * Issue 14's done-means in a real Chromium against the real API (PGlite) and a real SMTP server:
 * an owner invites a colleague as analyst, the colleague accepts from the email, signs in, sees
 * analytics and can neither create an API key nor a service (the portal hides it, the API refuses);
 * the owner turns on two-factor and signs in with a TOTP code; a user resets a forgotten password from
 * the email and the old sessions end. Screens in English and Chinese.
 */
import { type TestApi, totpCode } from "@shopreg/api/testing";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  launchChromium,
  logIn,
  type Mailbox,
  PORTAL_ARTIFACTS,
  screens,
  startWorld,
  TEST_PASSWORD,
  type World,
} from "./harness.ts";

/** The browser's console errors from now on. */
function consoleErrors(page: Page) {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  return errors;
}

describe("partner teams in Chromium", () => {
  let world: World;
  let api: TestApi;
  let webUrl: string;
  let mail: Mailbox;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let shots: Awaited<ReturnType<typeof screens>>;

  const screen = (page: Page, name: string) => shots.screen(page, name);
  const inChinese = (page: Page, name: string, heading: string) => shots.inChinese(page, name, heading);
  const newPage = () => browser.newPerson();
  const cookieOf = async (context: BrowserContext) => (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");

  beforeAll(async () => {
    shots = await screens(PORTAL_ARTIFACTS("teams"));
    world = await startWorld({ mail: true });
    api = world.api;
    webUrl = world.web.url;
    mail = world.mail!;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  it("an owner invites an analyst, who accepts, sees analytics and can create neither a key nor a service", async () => {
    const owner = await api.signUp({ company_name: "Harbor Growth Agency", contact_name: "Olivia Owner" });
    const { context: ownerCtx, page } = await newPage();
    await logIn(page, webUrl, owner.email, TEST_PASSWORD);
    await page.getByRole("link", { name: "Members" }).click();
    await page.getByRole("heading", { name: "Members", level: 1 }).waitFor();
    const colleague = "ana.analyst@harbor.example.com";
    await page.getByLabel("Email").fill(colleague);
    await page.getByLabel("Role").click();
    await page.getByRole("option", { name: "Analyst" }).click();
    await page.getByRole("button", { name: "Send invitation" }).click();
    await page.getByText(`Invitation sent to ${colleague}.`).waitFor();
    await page.getByRole("table", { name: "Pending invitations" }).getByText(colleague).waitFor();
    await screen(page, "members-invited");
    await inChinese(page, "members", "成员");

    // The colleague opens the link the invitation carries.
    const link = await mail.link(colleague, "accept-invitation");
    const { context: anaCtx, page: ana } = await newPage();
    await ana.goto(link);
    await ana.getByRole("heading", { name: "Join your team on Partner Center" }).waitFor();
    await screen(ana, "accept-invitation");
    await ana.getByLabel(/Your name/).fill("Ana Analyst");
    await ana.getByLabel(/Choose a password/).fill("analyst-password-1");
    await ana.getByRole("button", { name: "Join the team" }).click();
    await ana.waitForURL(/\/analytics/);
    await ana.getByRole("heading", { name: "Analytics", level: 1 }).waitFor();

    // Signs out and in again with the new password.
    await ana.getByRole("button", { name: "Log out", exact: true }).click();
    await ana.waitForURL(/\/login/);
    await logIn(ana, webUrl, colleague, "analyst-password-1");
    await ana.waitForURL(/\/analytics/);
    await ana.getByRole("heading", { name: "Analytics", level: 1 }).waitFor();
    await screen(ana, "analyst-analytics");
    expect(await ana.getByRole("link", { name: "Members" }).count()).toBe(0);

    // No way to create a key or a service in the portal...
    await ana.goto(`${webUrl}/api-keys`);
    await ana
      .getByText(/This page is not part of your role|Your role does not allow this/)
      .first()
      .waitFor();
    expect(await ana.getByRole("button", { name: "Create key" }).count()).toBe(0);
    await screen(ana, "analyst-api-keys-refused");
    await ana.goto(`${webUrl}/services/new`);
    await ana
      .getByText(/This page is not part of your role|Your role does not allow this/)
      .first()
      .waitFor();
    expect(await ana.getByRole("button", { name: "Create", exact: true }).count()).toBe(0);
    // ...and the API refuses too.
    const cookie = await cookieOf(anaCtx);
    const key = await api.request("/v1/api-keys", { cookie, body: { name: "sneaky" } });
    expect(key.status).toBe(403);
    const service = await api.request("/v1/services", {
      cookie,
      body: {
        type: "CUSTOM",
        category_id: "shop_registration",
        target_market: "US",
        name: "Sneaky service",
        description: "Should not exist.",
        contact_email: colleague,
      },
    });
    expect(service.status).toBe(403);

    // The owner sees the new member.
    await page.reload();
    await page.getByRole("cell", { name: "Ana Analyst", exact: true }).waitFor();
    await screen(page, "members-with-analyst");
    await anaCtx.close();
    await ownerCtx.close();
  });

  it("the owner turns on two-factor, keeps the recovery codes, and signs in with a TOTP code; ends other sessions", async () => {
    const owner = await api.signUp({ company_name: "Pearl River Partners", contact_name: "Wang Fang" });
    // Another device is signed in too.
    const other = await api.request("/v1/session", { body: { email: owner.email, password: TEST_PASSWORD } });
    expect(other.status).toBe(200);
    const { context, page } = await newPage();
    await logIn(page, webUrl, owner.email, TEST_PASSWORD);
    await page.getByRole("link", { name: "Account security" }).click();
    await page.getByRole("heading", { name: "Account security", level: 1 }).waitFor();
    await page.getByRole("button", { name: "Set up two-factor" }).click();
    await page.getByRole("img", { name: "QR code for your authenticator app" }).waitFor();
    const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
    await screen(page, "account-two-factor-qr");
    await page.getByLabel("Your current password").fill(TEST_PASSWORD);
    await page.getByLabel("6-digit code").fill(totpCode(secret));
    await page.getByRole("button", { name: "Turn on" }).click();
    const codes = page.getByTestId("recovery-codes").locator("li");
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    await screen(page, "account-recovery-codes");
    await page.getByRole("button", { name: "I have copied it" }).click();

    const sessions = page.getByRole("table", { name: "Where you are signed in" });
    await sessions.getByText("This device").waitFor();
    expect(await sessions.locator("tbody tr").count()).toBe(3); // sign-up, the other device, this one
    await page.getByRole("button", { name: "Log out of all other sessions" }).click();
    await page.getByText("Logged out of 2 other sessions.").waitFor();
    expect((await api.request("/v1/session", { cookie: other.setCookie!.split(";")[0] })).status).toBe(401);
    await screen(page, "account-security");
    await inChinese(page, "account-security", "账号安全");

    await page.getByRole("button", { name: "Log out", exact: true }).click();
    await page.waitForURL(/\/login/);
    // Each 30-second step is accepted once: the next step's code.
    await logIn(page, webUrl, owner.email, TEST_PASSWORD, () => totpCode(secret, 1));
    await page.waitForURL(/\/profile/);
    await context.close();
  });

  it("a user resets a forgotten password from the email and the old sessions end", async () => {
    const owner = await api.signUp({ company_name: "Jade Harbor Partners", contact_name: "Chen Jing", verified: false });
    // Signed in on one browser; the address is not confirmed yet, and the portal says so.
    const { context: oldCtx, page: old } = await newPage();
    await logIn(old, webUrl, owner.email, TEST_PASSWORD);
    await old.waitForURL(/\/profile/);
    await old.getByText("Confirm your email address: open the link we sent to", { exact: false }).waitFor();
    await screen(old, "unverified-banner");

    // In another browser the user has forgotten the password.
    const { context, page } = await newPage();
    await page.goto(`${webUrl}/login`);
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.getByRole("heading", { name: "Reset your password", level: 1 }).waitFor();
    await screen(page, "forgot-password");
    await inChinese(page, "forgot-password", "重置密码");
    await page.getByLabel("Email").fill(owner.email);
    await page.getByRole("button", { name: "Email me a link" }).click();
    await page.getByText(`If an account exists for ${owner.email}`, { exact: false }).waitFor();
    await screen(page, "forgot-password-sent");

    // The link from the mail the SMTP server received.
    const resetLink = await mail.link(owner.email, "reset-password");
    await page.goto(resetLink);
    await page.getByRole("heading", { name: "Choose a new password", level: 1 }).waitFor();
    await page.locator("#reset-password").waitFor();
    await screen(page, "reset-password");
    await inChinese(page, "reset-password", "设置新密码");
    await page.locator("#reset-password").fill("jade-harbor-new-2026");
    await page.locator("#reset-password-again").fill("jade-harbor-new-2026");
    await page.getByRole("button", { name: "Set the new password" }).click();
    await page.getByText("Your password is changed", { exact: false }).waitFor();
    await screen(page, "reset-password-done");

    // The first browser's session is gone.
    await old.reload();
    await old.waitForURL(/\/login/);
    await old.getByRole("heading", { name: "Log in to Partner Center", level: 1 }).waitFor();
    // The old password no longer works; the new one does.
    expect((await api.request("/v1/session", { body: { email: owner.email, password: TEST_PASSWORD } })).status).toBe(401);
    await page.getByRole("link", { name: "Log in" }).click();
    await logIn(page, webUrl, owner.email, "jade-harbor-new-2026");
    await page.waitForURL(/\/profile/);
    // Resetting from the mailed link proved the address: no banner.
    await page.getByRole("heading", { name: "Profile", level: 1 }).waitFor();
    expect(await page.getByText("Confirm your email address", { exact: false }).count()).toBe(0);

    // The used link, opened again, says so at once: no form, no password typed twice for nothing.
    const noise = consoleErrors(page);
    await page.goto(resetLink);
    await page.getByText("This link was already used", { exact: false }).waitFor();
    expect(await page.locator("#reset-password").count()).toBe(0);
    await page.getByRole("link", { name: "Ask for a new link" }).waitFor();
    await screen(page, "reset-password-used");
    await page.evaluate(() => localStorage.setItem("shopreg.partner.lang", "zh"));
    await page.reload();
    await page.getByText("此链接已被使用", { exact: false }).waitFor();
    expect(await page.locator("#reset-password").count()).toBe(0);
    await screen(page, "reset-password-used-zh");
    await page.evaluate(() => localStorage.setItem("shopreg.partner.lang", "en"));
    // Asking is an answer, not a failed request the console reports.
    expect(noise).toEqual([]);

    // The reset proved the address and retired the sign-up's confirmation link: it says it was used.
    await page.goto(await mail.link(owner.email, "verify-email"));
    await page.getByText("This link was already used", { exact: false }).waitFor();
    await screen(page, "verify-email");
    await inChinese(page, "verify-email", "确认您的邮箱");
    await oldCtx.close();
    await context.close();
  });
});
