/**
 * Issue 26 item 15: axe finds no violation, of any impact, on any page of the portal, in English
 * and in Chinese: every route, signed out and signed in, with a partner that has an application,
 * a published service, an API key and a webhook endpoint (so lists and detail pages have rows).
 * Each screen's screenshot goes to artifacts/a11y/.
 */
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

const LANGS = ["en", "zh"] as const;

describe("every portal page passes axe in both languages", () => {
  let world: World;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let shots: Awaited<ReturnType<typeof screens>>;
  let partner: ReferringPartner;
  let endpointId: string;

  beforeAll(async () => {
    shots = await screens(PORTAL_ARTIFACTS("a11y"));
    world = await startWorld();
    browser = await launchChromium();
    partner = await referringPartner(world.api, { company_name: "Harbor Growth Agency", service_name: "Harbor setup" });
    const key = await world.api.request("/v1/api-keys", { cookie: partner.cookie, body: { name: "Reporting" } });
    expect(key.status, JSON.stringify(key.body)).toBe(201);
    const endpoint = await world.api.request("/v1/webhook-endpoints", {
      cookie: partner.cookie,
      body: { url: "http://127.0.0.1:9/shopreg/webhooks", description: "Our CRM" },
    });
    expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);
    endpointId = endpoint.body.id;
  });

  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  /** Opens `path` in `lang`, waits for its h1 and what loads after it, then checks and keeps it. */
  async function sweep(page: Page, lang: (typeof LANGS)[number], name: string, path: string) {
    await page.goto(`${world.web.url}${path}`);
    await page.evaluate((l) => localStorage.setItem("shopreg.partner.lang", l), lang);
    await page.reload();
    await page.getByRole("heading", { level: 1 }).first().waitFor();
    await page.waitForLoadState("networkidle");
    // Nothing still loading (a spinner's status) when axe looks.
    await page
      .getByRole("progressbar")
      .first()
      .waitFor({ state: "detached", timeout: 10_000 })
      .catch(() => undefined);
    await shots.shot(page, `${name}-${lang}`);
    await expectAccessible(page, `${name} (${lang})`, { all: true });
  }

  it("signed out: log in, sign up, forgotten password, reset and confirmation links, invitation", async () => {
    const { page, context } = await browser.newPerson();
    for (const lang of LANGS) {
      await sweep(page, lang, "login", "/login");
      await sweep(page, lang, "signup", "/signup");
      await sweep(page, lang, "forgot-password", "/forgot-password");
      await sweep(page, lang, "reset-password-unknown", `/reset-password?token=${"x".repeat(43)}`);
      await sweep(page, lang, "reset-password-no-token", "/reset-password");
      await sweep(page, lang, "verify-email-no-token", "/verify-email");
      await sweep(page, lang, "accept-invitation-no-token", "/accept-invitation");
    }
    await context.close();
  });

  it("signed in: every page of the portal", async () => {
    const { page, context } = await browser.newPerson();
    await logIn(page, world.web.url, partner.email, TEST_PASSWORD);
    await page.waitForURL((u) => u.pathname !== "/login");
    const pages: [string, string][] = [
      ["home", "/"],
      ["profile", "/profile"],
      ["application", `/applications/${partner.applicationId}`],
      ["application-new", "/applications/new"],
      ["services", "/services"],
      ["service", `/services/${partner.serviceId}`],
      ["service-new", "/services/new"],
      ["analytics", "/analytics"],
      ["members", "/members"],
      ["account", "/account"],
      ["api-keys", "/api-keys"],
      ["webhooks", "/webhooks"],
      ["webhook", `/webhooks/${endpointId}`],
    ];
    for (const lang of LANGS) for (const [name, path] of pages) await sweep(page, lang, name, path);
    await context.close();
  });
});
