import { existsSync, mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import axe from "axe-core";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { expect } from "vitest";
import { webApp } from "../../../scripts/web-app.ts";

/**
 * Serves the built dashboard (dist/) with /v1 handed to the API in-process, as `pnpm start` does, on
 * 127.0.0.1 and a free port.
 */
export async function serveDashboard(dist: string, api: (req: Request) => Response | Promise<Response>) {
  if (!existsSync(join(dist, "index.html"))) throw new Error(`${dist} has no build: run vite build first.`);
  // scripts/start.ts's own web-app server, so the browser tests run under its CSP.
  const app = webApp(dist, { fetch: (req: Request) => api(req) });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

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

/** Debian's Chromium with a new, empty profile (no state from an earlier run), removed on close. */
export async function openChromium(name: string): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), `shopreg-admin-${name}-`));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] };

/** No serious or critical accessibility violations on the screen as it is now. */
export async function expectAccessible(page: Page, screen: string) {
  // Evaluated through the DevTools protocol: the page's CSP (script-src 'self') forbids inline script tags.
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: AxeViolation[] }> } };
    const r = await w.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target) }));
  });
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad, `${screen}: ${JSON.stringify(bad, null, 1)}`).toEqual([]);
}
