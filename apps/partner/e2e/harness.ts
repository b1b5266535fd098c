/**
 * What the browser tests share: Debian's Chromium (playwright-core) with this closed network's flags,
 * axe on every screen, the built web app served the way `pnpm start` serves it, the API over a fresh
 * PGlite, the real gateway in the same process (PGlite is one process's database), a real SMTP server
 * for the mail the API sends, Seller Center's signed conversions, and a partner ready to refer
 * (approved, one published service).
 *
 * The portal's tests import it directly; the dashboard's harness (apps/admin/e2e/harness.ts)
 * re-exports the app-neutral parts, so both apps launch, serve and check the same way.
 */
import { createHmac } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { serve } from "@hono/node-server";
import { createApp } from "@shopreg/api";
import { COMPLETE_DETAILS, startTestApi, TEST_PASSWORD, type TestApi } from "@shopreg/api/testing";
import axe from "axe-core";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { expect } from "vitest";
import { webApp } from "../../../scripts/web-app.ts";
import { startSmtp } from "../../api/test/webhook-kit.ts";
import { type RunningGateway, startGateway } from "../../gateway/src/index.ts";

export type { RunningGateway };
export { TEST_PASSWORD };

/** The portal's build (run `vite build` first; `pnpm test:browser` does). */
export const PORTAL_DIST = resolve(import.meta.dirname, "..", "dist");
/** Where each test file's screens go: artifacts/<name>/NN-screen.png. */
export const artifactsOf = (appDir: string, name: string) => join(appDir, "artifacts", name);
export const PORTAL_ARTIFACTS = (name: string) => artifactsOf(resolve(import.meta.dirname, ".."), name);

/** Chromium flags for this closed network (TOOLCHAIN.md): no background traffic, no sandbox as root. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export type BrowserOptions = { viewport?: { width: number; height: number }; locale?: string; userAgent?: string };
const PAGE = { viewport: { width: 1280, height: 860 }, locale: "en-US" };

/** Debian's Chromium with a new, empty profile (no state from an earlier run), removed on close. */
export async function openChromium(
  name: string,
  opts: BrowserOptions = {},
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = await mkdtemp(join(tmpdir(), `shopreg-${name}-`));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    ...PAGE,
    ...opts,
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Chromium for tests with several people at once: one fresh context (cookies, storage) each. */
export async function launchChromium(): Promise<
  Browser & { newPerson(opts?: BrowserOptions): Promise<{ context: BrowserContext; page: Page }> }
> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return Object.assign(browser, {
    async newPerson(opts: BrowserOptions = {}) {
      const context = await browser.newContext({ ...PAGE, ...opts });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      return { context, page };
    },
  });
}

/**
 * No serious or critical accessibility violations on the screen as it is now; with `all`, no
 * violation of any impact (the page sweeps, a11y.e2e.ts and a11y.browser.test.ts, hold every page to that).
 */
export async function expectAccessible(page: Page, screen: string, opts: { all?: boolean } = {}) {
  // Evaluated through the DevTools protocol: the page's CSP (script-src 'self') forbids inline script tags.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axe.source);
  // A dialog fading in has blended colours: measure contrast once transitions have finished.
  // (Endless ones, such as a spinner, are not waited for.)
  await page.waitForFunction(
    () =>
      document
        .getAnimations()
        .every((a) => a.playState !== "running" || a.effect?.getTiming().iterations === Number.POSITIVE_INFINITY),
    undefined,
    { timeout: 5_000 },
  );
  const violations = await page.evaluate(async () => {
    const w = window as unknown as { axe: typeof axe };
    const res = await w.axe.run(document, { resultTypes: ["violations"] });
    return res.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary ?? ""}`),
    }));
  });
  const bad = opts.all ? violations : violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad, `${screen}: ${JSON.stringify(bad, null, 2)}`).toEqual([]);
}

/**
 * Numbered screenshots in `dir` (emptied first), each screen also checked with axe; `inChinese`
 * shows the same portal screen in Simplified Chinese (the language the portal remembers), then
 * goes back to English.
 */
export async function screens(dir: string) {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  let step = 0;
  const shot = async (page: Page, name: string) => {
    step += 1;
    await page.screenshot({ path: join(dir, `${String(step).padStart(2, "0")}-${name}.png`), fullPage: true });
  };
  const screen = async (page: Page, name: string) => {
    // MUI's enter transitions finish before we look (contrast is judged on final colours).
    await page.waitForTimeout(350);
    await shot(page, name);
    await expectAccessible(page, name);
  };
  const inChinese = async (page: Page, name: string, heading: string) => {
    await page.evaluate(() => localStorage.setItem("shopreg.partner.lang", "zh"));
    await page.reload();
    await page.getByRole("heading", { name: heading, level: 1 }).waitFor();
    await screen(page, `${name}-zh`);
    await page.evaluate(() => localStorage.setItem("shopreg.partner.lang", "en"));
    await page.reload();
  };
  return { dir, shot, screen, inChinese };
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

export type Served = { url: string; close(): Promise<void> };

/**
 * A built web app (dist/) served by scripts/start.ts's own web-app server (CSP and all), with /v1
 * handed to the API in-process, on 127.0.0.1 and the port given (or a free one).
 */
export async function serveApp(dist: string, api: (req: Request) => Response | Promise<Response>, port = 0): Promise<Served> {
  expect(existsSync(join(dist, "index.html")), `${dist} has no build: run vite build first (pnpm test:browser does)`).toBe(true);
  const server = serve({ fetch: webApp(dist, { fetch: (req: Request) => api(req) }).fetch, port, hostname: "127.0.0.1" });
  await new Promise<void>((ok) => server.once("listening", () => ok()));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/** What a real SMTP server received from the API's mailer. */
export type Mailbox = {
  mails: Awaited<ReturnType<typeof startSmtp>>["mails"];
  /** The latest link to the portal's `path` (e.g. "reset-password") mailed to `email`, waited for. */
  link(email: string, path: string): Promise<string>;
};

export type World = {
  api: TestApi;
  /** The built portal (or the app given), its /v1 the API. */
  web: Served;
  /** The real gateway on its public URL, when asked for. */
  gateway: RunningGateway | undefined;
  /** The mail the API sent, when asked for. */
  mail: Mailbox | undefined;
  close(): Promise<void>;
};

/**
 * The API over a fresh PGlite, the built app in front of it and, when asked, the gateway in this
 * process on the URL every referral link carries (the API must know it before minting any) and
 * the job worker (webhooks, mail). With `mail`, the API sends its mail to a real SMTP server started
 * here (through the worker, so that starts too), with links to the served portal.
 */
export async function startWorld(
  opts: {
    gateway?: boolean;
    worker?: boolean;
    mail?: boolean;
    dist?: string;
    /** The web app's port is part of what the API says (invitation links): pick it first. */
    apiConfig?: (web: { url: string }) => Parameters<typeof startTestApi>[1];
  } = {},
): Promise<World> {
  const tmp = await mkdtemp(join(tmpdir(), "shopreg-e2e-"));
  const gatewayUrl = opts.gateway ? `http://127.0.0.1:${await freePort()}` : undefined;
  const webPort = await freePort();
  const webUrl = `http://127.0.0.1:${webPort}`;
  const smtp = opts.mail ? await startSmtp() : undefined;
  const api = await startTestApi("pglite", {
    ...(gatewayUrl ? { gatewayPublicUrl: gatewayUrl } : {}),
    ...(smtp ? { smtpUrl: smtp.url, partnerPublicUrl: webUrl } : {}),
    ...opts.apiConfig?.({ url: webUrl }),
  });
  if (opts.worker || smtp) await api.startWorker();
  const gateway = gatewayUrl
    ? await startGateway({
        handle: api.handle,
        port: Number(new URL(gatewayUrl).port),
        host: "127.0.0.1",
        publicUrl: gatewayUrl,
        env: {
          GATEWAY_SPILL_FILE: join(tmp, "clicks.spill.jsonl"),
          GATEWAY_LOG_LEVEL: "error",
          GATEWAY_VISITOR_HASH_SECRET: "e2e-visitor-hash-secret-0123456789",
        },
      })
    : undefined;
  const web = await serveApp(opts.dist ?? PORTAL_DIST, createApp(api.services).fetch, webPort);
  return {
    api,
    web,
    gateway,
    mail: smtp ? mailbox(smtp.mails, web.url) : undefined,
    async close() {
      await gateway?.close();
      await web.close();
      await api.close();
      await smtp?.close();
      await rm(tmp, { recursive: true, force: true });
    },
  };
}

function mailbox(mails: Mailbox["mails"], webUrl: string): Mailbox {
  return {
    mails,
    async link(email, path) {
      const pattern = new RegExp(`https?://\\S+/${path}\\?token=[^\\s"<>]+`);
      const withLink = () => mails.filter((m) => JSON.stringify(m.to ?? "").includes(email) && pattern.test(m.text ?? ""));
      await until(() => withLink().length > 0, 10_000, `the ${path} email`);
      const link = withLink().at(-1)?.text?.match(pattern)?.[0];
      expect(link, `a ${path} link mailed to ${email}`).toBeTruthy();
      // The mail points at this portal, not at a configured default.
      expect(link!.startsWith(webUrl), link).toBe(true);
      return link!;
    },
  };
}

/** Signs in on the portal's login page (a TOTP code when two-factor asks for one). */
export async function logIn(page: Page, webUrl: string, email: string, password = TEST_PASSWORD, code?: () => string) {
  await page.goto(`${webUrl}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  if (code) {
    await page.getByLabel(/Verification code/).fill(code());
    await page.getByRole("button", { name: "Verify" }).click();
  }
}

type Partner = Awaited<ReturnType<TestApi["signUp"]>>;
type Entity = keyof typeof COMPLETE_DETAILS;

/** A shop registration application, submitted over the API (the portal's own form is partner-flow.e2e.ts's). */
export async function submitApplication(api: TestApi, partner: Partner, entity: Entity = "US"): Promise<string> {
  const draft = await api.request("/v1/applications", {
    cookie: partner.cookie,
    body: { category_id: "shop_registration", target_market: "US", details: COMPLETE_DETAILS[entity] },
  });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  const submitted = await api.request(`/v1/applications/${draft.body.id}/submit`, { cookie: partner.cookie, method: "POST" });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  return draft.body.id as string;
}

/** A referral link as the publish response gives it. */
export type ReferralLink = { id: string; service_id: string; audience: "LOCAL_SELLER" | "CROSS_BORDER_SELLER"; url: string };

export type ReferringPartner = Partner & {
  applicationId: string;
  serviceId: string;
  /** The service's two referral URLs on the gateway, by audience. */
  links: { LOCAL_SELLER: string; CROSS_BORDER_SELLER: string };
  /** The same links whole, in the response's order (tests that write clicks need their ids). */
  referralLinks: ReferralLink[];
};

/** Signs up, applies, is approved by a reviewer, creates and publishes a service: all over the API. */
export async function referringPartner(
  api: TestApi,
  input: { company_name: string; service_name: string; entity?: Entity },
): Promise<ReferringPartner> {
  const entity = input.entity ?? "US";
  const region = entity === "US" ? "US" : "CN";
  const partner = await api.signUp({
    company_name: input.company_name,
    registration_region: region,
    company_registration_region: region,
  });
  const applicationId = await submitApplication(api, partner, entity);
  const reviewer = await api.staff("reviewer");
  const approved = await api.request(`/v1/staff/applications/${applicationId}/approve`, {
    method: "POST",
    cookie: reviewer.cookie,
  });
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  const service = await api.request("/v1/services", {
    cookie: partner.cookie,
    body: {
      type: "CUSTOM",
      category_id: "shop_registration",
      target_market: "US",
      name: input.service_name,
      description: "We open and run U.S. TikTok Shops.",
      contact_email: "ops@example.com",
    },
  });
  expect(service.status, JSON.stringify(service.body)).toBe(201);
  const published = await api.request(`/v1/services/${service.body.id}/publish`, {
    cookie: partner.cookie,
    body: { confirm_target_market: "US" },
  });
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  const referralLinks = published.body.referral_links as ReferralLink[];
  const urlOf = (audience: string) => referralLinks.find((l) => l.audience === audience)!.url;
  return {
    ...partner,
    applicationId,
    serviceId: service.body.id,
    links: { LOCAL_SELLER: urlOf("LOCAL_SELLER"), CROSS_BORDER_SELLER: urlOf("CROSS_BORDER_SELLER") },
    referralLinks,
  };
}

/** Seller Center's two sign-up hosts (DEFAULT_DESTINATIONS). */
export const SELLER_CENTER = /^https:\/\/(seller-us\.tiktok\.com|seller\.us\.tiktokshopglobalselling\.com)\//;

/**
 * Opens a referral link in a new tab, as a seller does, and returns the Seller Center URL the
 * gateway's 302 sent the browser to. This closed network cannot load Seller Center (and Chromium
 * does not let a test intercept a followed redirect), so the tab's navigation ends there.
 */
export async function openReferralLink(context: BrowserContext, url: string): Promise<URL> {
  const tab = await context.newPage();
  try {
    const toSellerCenter = tab.waitForRequest(SELLER_CENTER, { timeout: 15_000 });
    await tab.goto(url).catch(() => undefined);
    const landing = await toSellerCenter;
    expect(landing.isNavigationRequest()).toBe(true);
    const hop = landing.redirectedFrom();
    expect(hop?.url()).toBe(url);
    expect((await hop?.response())?.status()).toBe(302);
    return new URL(landing.url());
  } finally {
    await tab.close();
  }
}

export type ConversionEvent = {
  event_id: string;
  event_type: "seller.registered" | "shop.approved";
  occurred_at: string;
  seller_id: string;
  seller_type: "LOCAL_SELLER" | "CROSS_BORDER_SELLER";
  click_id?: string;
  channel?: string;
};

/**
 * Posts a seller event to the conversions intake over HTTP, signed as Seller Center signs it
 * (HMAC-SHA256 of `${timestamp}.${raw body}` with the shared secret), independently of the API's code.
 */
export async function signedConversion(api: TestApi, event: ConversionEvent) {
  const raw = JSON.stringify(event);
  const ts = Math.floor(Date.now() / 1000);
  const signature = createHmac("sha256", api.services.config.conversionsSecret).update(`${ts}.${raw}`).digest("hex");
  const res = await fetch(`${api.url}/v1/conversions`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-shopreg-timestamp": String(ts),
      "x-shopreg-signature": `sha256=${signature}`,
    },
    body: raw,
  });
  return { status: res.status, body: (await res.json()) as { attributed: boolean; [k: string]: unknown } };
}

/** Retries `check` until it passes (the gateway writes clicks on its own schedule), up to `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms: number, what: string) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
