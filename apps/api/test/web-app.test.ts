import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ServerType, serve } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webApp } from "../../../scripts/web-app.ts";

/** Issue 11, defect 9: the server of the built portal and dashboard (scripts/start.ts). */
describe("the web-app server", () => {
  let dist: string;
  let server: ServerType;
  let url: string;

  beforeAll(async () => {
    dist = await mkdtemp(join(tmpdir(), "shopreg-dist-"));
    await mkdir(join(dist, "assets"));
    await writeFile(
      join(dist, "index.html"),
      '<!doctype html><html><body><script type="module" src="/assets/app.js"></script></body></html>',
    );
    await writeFile(join(dist, "assets/app.js"), "console.log(1)");
    // Stands in for the API: answers with the address it sees the caller at.
    const api = new Hono().all("/v1/*", (c) => {
      let address = "unknown";
      try {
        address = getConnInfo(c).remote.address ?? "unknown";
      } catch {}
      return c.json({ address });
    });
    server = serve({ fetch: webApp(dist, api).fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise<void>((ok) => server.once("listening", () => ok()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((ok) => server.close(() => ok()));
    await rm(dist, { recursive: true, force: true });
  });

  it("pages carry a CSP (own scripts only, no framing), nosniff and a Referrer-Policy", async () => {
    for (const path of ["/", "/applications/123", "/assets/app.js"]) {
      const res = await fetch(url + path);
      expect(res.status).toBe(200);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    }
  });

  it("a path that is not valid percent-encoding is 400, not 500", async () => {
    for (const path of ["/%E0%A4%A", "/%", "/assets/%ZZ.js"]) {
      const res = await fetch(url + path);
      expect(res.status, path).toBe(400);
    }
  });

  it("never serves files outside the built app", async () => {
    const res = await fetch(`${url}/..%2F..%2F..%2Fetc%2Fpasswd`);
    expect(await res.text()).not.toContain("root:");
  });

  it("hands /v1 to the API with the browser's socket, so the API sees the client address", async () => {
    const res = await fetch(`${url}/v1/whoami`);
    expect(await res.json()).toEqual({ address: "127.0.0.1" });
  });
});
