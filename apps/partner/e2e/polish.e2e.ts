/**
 * Issues 26 and 28 as a picky user meets the portal in Chromium (the built app behind the production
 * web server's CSP, the real API): no CSP violation or console error, words and titles in the
 * reader's language, the charts only with Analytics, no duplicate ids, print-size QR codes, a sole
 * owner not offered Leave, and a header that fits a phone.
 */
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectAccessible,
  launchChromium,
  logIn,
  PORTAL_ARTIFACTS,
  type ReferringPartner,
  referringPartner,
  screens,
  startWorld,
  TEST_PASSWORD,
  type World,
} from "./harness.ts";

/** What the browser said was wrong: uncaught errors, console errors and CSP violations. */
function watch(page: Page) {
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    // Chromium logs any 4xx fetch: a signed-out page makes none (no session check without the signed-in cookie).
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  return problems;
}

const duplicateIds = (page: Page) =>
  page.evaluate(() => {
    const seen = new Map<string, number>();
    for (const el of document.querySelectorAll("[id]")) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  });

describe("the portal as a picky user finds it", () => {
  let world: World;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let shots: Awaited<ReturnType<typeof screens>>;
  let partner: ReferringPartner;
  /** The built chunk that holds @mui/x-charts (the only one drawing a line chart). */
  let chartChunks: string[];

  beforeAll(async () => {
    shots = await screens(PORTAL_ARTIFACTS("polish"));
    world = await startWorld();
    browser = await launchChromium();
    partner = await referringPartner(world.api, { company_name: "Harbor Growth Agency", service_name: "Harbor setup" });
    const manifest = JSON.parse(await readFile(new URL("../dist/.vite/manifest.json", import.meta.url), "utf8")) as Record<
      string,
      { file: string }
    >;
    chartChunks = [];
    for (const { file } of Object.values(manifest)) {
      const js = await readFile(new URL(`../dist/${file}`, import.meta.url), "utf8");
      if (js.includes("MuiLineChart")) chartChunks.push(file);
    }
    expect(chartChunks.length).toBeGreaterThan(0);
  });

  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  it("loads signed out without a CSP violation or console error, with a description and a labelled language select", async () => {
    const { page } = await browser.newPerson();
    const problems = watch(page);
    const violations: string[] = [];
    await page.exposeFunction("reportViolation", (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) =>
        (window as unknown as { reportViolation(v: string): void }).reportViolation(`${e.violatedDirective} ${e.sourceFile}`),
      );
    });
    const unauthorized: string[] = [];
    page.on("response", (r) => {
      if (r.status() === 401) unauthorized.push(`${r.request().method()} ${new URL(r.url()).pathname}`);
    });
    await page.goto(`${world.web.url}/login`);
    await page.getByRole("button", { name: "Log in" }).waitFor();
    // A protected page sends the signed-out visitor to log in without asking the API first.
    await page.goto(`${world.web.url}/services`);
    await page.waitForURL(/\/login/);
    await page.getByRole("button", { name: "Log in" }).waitFor();
    expect(unauthorized).toEqual([]);
    expect(await page.locator('meta[name="description"]').getAttribute("content")).toMatch(/Partner Center/);
    const select = page.getByLabel("Language");
    expect(await select.getAttribute("name")).toBe("lang");
    await select.selectOption("zh");
    await page.getByRole("button", { name: "登录" }).waitFor();
    expect(await page.title()).toBe("合作伙伴中心 · 店铺注册");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("zh-CN");
    await expectAccessible(page, "login-zh");
    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("shows a service without the charts, with no duplicate ids, and downloads its QR code as SVG and 1024 px PNG", async () => {
    const { page } = await browser.newPerson();
    const problems = watch(page);
    const scripts: string[] = [];
    page.on("request", (r) => {
      if (r.resourceType() === "script") scripts.push(new URL(r.url()).pathname.slice(1));
    });
    await logIn(page, world.web.url, partner.email, TEST_PASSWORD);
    await page.waitForURL((u) => u.pathname !== "/login");
    await page.goto(`${world.web.url}/services/${partner.serviceId}`);
    const card = page.locator('[data-audience="LOCAL_SELLER"]');
    await card
      .getByRole("button", { name: "Download QR (SVG)" })
      .waitFor()
      .catch(async (e) => {
        await page.screenshot({ path: `${shots.dir}/failure.png`, fullPage: true });
        throw new Error(`${e}\n${problems.join("\n")}`);
      });
    expect(scripts.filter((s) => chartChunks.includes(s))).toEqual([]);
    expect(await duplicateIds(page)).toEqual([]);
    await card.getByRole("button", { name: "Build a tagged link" }).click();
    expect(await duplicateIds(page)).toEqual([]);
    await shots.screen(page, "service");

    const [svg] = await Promise.all([
      page.waitForEvent("download"),
      card.getByRole("button", { name: "Download QR (SVG)" }).click(),
    ]);
    const svgText = await readFile((await svg.path())!, "utf8");
    expect(svgText).toMatch(/^<svg/);
    // A 4-module quiet zone on each side: the view box is the modules plus 8.
    const box = Number(/viewBox="0 0 (\d+) \1"/.exec(svgText)?.[1]);
    expect((box - 8 - 21) % 4).toBe(0);
    const [png] = await Promise.all([
      page.waitForEvent("download"),
      card.getByRole("button", { name: "Download QR (PNG, 1024 px)" }).click(),
    ]);
    const bytes = await readFile((await png.path())!);
    expect(bytes.subarray(1, 4).toString()).toBe("PNG");
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1024, 1024]);

    // Analytics brings the charts.
    await page.getByRole("navigation").getByRole("link", { name: "Analytics" }).click();
    await page.waitForURL(/\/analytics/);
    await expect.poll(() => scripts.some((s) => chartChunks.includes(s)), { timeout: 30_000 }).toBe(true);
    expect(problems).toEqual([]);
  });

  it("explains a service it cannot find without logging an error with a stack", async () => {
    const { page } = await browser.newPerson();
    const problems = watch(page);
    await logIn(page, world.web.url, partner.email, TEST_PASSWORD);
    await page.waitForURL((u) => u.pathname !== "/login");
    await page.goto(`${world.web.url}/services/0190d5a0-0000-7000-8000-000000000000`);
    await page.getByRole("alert").first().waitFor();
    await shots.screen(page, "service-not-found");
    // Chromium's own line for the 404 response stays (the browser writes it); nothing the app logged does.
    expect(problems.filter((p) => !/Failed to load resource: .* 404/.test(p))).toEqual([]);
  });

  it("does not offer the sole owner Leave, names every table column, and fits a phone", async () => {
    const { page } = await browser.newPerson({ viewport: { width: 390, height: 844 } });
    const problems = watch(page);
    await logIn(page, world.web.url, partner.email, TEST_PASSWORD);
    await page.waitForURL((u) => u.pathname !== "/login");
    await page.goto(`${world.web.url}/members`);
    await page.getByRole("heading", { name: "Members", level: 1 }).waitFor();
    expect(await page.getByRole("button", { name: "Leave" }).count()).toBe(0);
    await expectAccessible(page, "members-phone");
    // The header keeps the app's name whole and logs out with one icon.
    const title = page.getByRole("banner").getByText("Partner Center");
    expect(await title.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await page.getByRole("button", { name: "Log out" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await shots.screen(page, "members-phone");
    expect(problems).toEqual([]);
  });
});
