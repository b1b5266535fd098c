import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { type ServerType, serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiProxy, webApp } from "../src/web-app.ts";

const listen = async (fetch: (r: Request, env?: unknown) => Response | Promise<Response>) => {
  const server = serve({ fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((ok) => server.once("listening", () => ok()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
};
const close = (s: ServerType) => new Promise<void>((ok) => s.close(() => ok()));

const BIG_JS = `console.log(${JSON.stringify("shopreg ".repeat(400))});\n`;
const INDEX = '<!doctype html><html><body><script type="module" src="/assets/app-abc123.js"></script></body></html>';

async function builtApp(root: string) {
  await mkdir(join(root, "assets"), { recursive: true });
  await writeFile(join(root, "index.html"), INDEX);
  await writeFile(join(root, "assets/app-abc123.js"), BIG_JS);
  // As apps/web/build-apps.mjs writes them.
  await writeFile(join(root, "assets/app-abc123.js.br"), brotliCompressSync(BIG_JS));
  await writeFile(join(root, "assets/app-abc123.js.gz"), gzipSync(BIG_JS));
  await writeFile(join(root, "assets/style-def456.css"), `body{color:red}\n${"/* pad */\n".repeat(300)}`);
  await writeFile(join(root, "favicon.svg"), "<svg/>");
}

/** Issue 24, item 3: the production web server of the portal and the dashboard (apps/web). */
describe("the production web server", () => {
  let dist: string;
  let web: { server: ServerType; url: string };
  let api: { server: ServerType; url: string };
  let proxied: { server: ServerType; url: string };

  beforeAll(async () => {
    dist = await mkdtemp(join(tmpdir(), "shopreg-web-"));
    await builtApp(dist);
    web = await listen(webApp(dist).fetch);
    // A real HTTP API stand-in: echoes what it received.
    api = await listen(
      new Hono().all("/v1/*", async (c) =>
        c.json(
          {
            path: c.req.path,
            query: c.req.query("q") ?? null,
            method: c.req.method,
            body: c.req.method === "POST" ? await c.req.text() : null,
            forwardedFor: c.req.header("x-forwarded-for") ?? null,
            cookie: c.req.header("cookie") ?? null,
            remote: (c.env as { incoming: IncomingMessage }).incoming.socket.remoteAddress,
          },
          201,
          { "set-cookie": "shopreg_partner_session=abc; Path=/; HttpOnly", location: "/elsewhere" },
        ),
      ).fetch,
    );
    proxied = await listen(webApp(dist, apiProxy(api.url)).fetch);
  });
  afterAll(async () => {
    for (const s of [web, api, proxied]) await close(s.server);
    await rm(dist, { recursive: true, force: true });
  });

  it("hashed assets are cached for a year, index.html and app routes are revalidated", async () => {
    const asset = await fetch(`${web.url}/assets/app-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(asset.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    for (const path of ["/", "/index.html", "/applications/123", "/favicon.svg"]) {
      const res = await fetch(web.url + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("cache-control"), path).toBe("no-cache");
    }
    expect(await (await fetch(`${web.url}/services/abc/links`)).text()).toBe(INDEX);
  });

  it("sends the build's .br or .gz copy to a browser that takes it, the plain file otherwise", async () => {
    const get = (encoding: string) =>
      new Promise<{ encoding: string | undefined; vary: string | undefined; body: Buffer }>((ok, fail) => {
        // node:http, so the body arrives as sent (fetch would decode it).
        import("node:http").then(({ get }) =>
          get(`${web.url}/assets/app-abc123.js`, { headers: { "accept-encoding": encoding } }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (d) => chunks.push(d));
            res.on("end", () =>
              ok({
                encoding: res.headers["content-encoding"],
                vary: res.headers.vary,
                body: Buffer.concat(chunks),
              }),
            );
          }).on("error", fail),
        );
      });
    const br = await get("gzip, deflate, br");
    expect(br.encoding).toBe("br");
    expect(br.vary).toBe("Accept-Encoding");
    expect(brotliDecompressSync(br.body).toString()).toBe(BIG_JS);
    const gz = await get("gzip");
    expect(gz.encoding).toBe("gzip");
    expect(gunzipSync(gz.body).toString()).toBe(BIG_JS);
    const plain = await get("identity");
    expect(plain.encoding).toBeUndefined();
    expect(plain.body.toString()).toBe(BIG_JS);
    const refused = await get("br;q=0, gzip;q=0");
    expect(refused.encoding).toBeUndefined();
  });

  it("compresses on the fly what the build did not", async () => {
    const res = await fetch(`${web.url}/assets/style-def456.css`, { headers: { "accept-encoding": "gzip" } });
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect(await res.text()).toContain("body{color:red}");
  });

  it("a missing file is a real 404; only paths without an extension are app routes; robots.txt keeps crawlers out", async () => {
    for (const path of ["/assets/gone-000.js", "/favicon.ico", "/wp-login.php", "/.env"]) {
      const res = await fetch(web.url + path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain("<html");
    }
    const robots = await fetch(`${web.url}/robots.txt`);
    expect(robots.status).toBe(200);
    expect(await robots.text()).toBe("User-agent: *\nDisallow: /\n");
  });

  it("every page and error carries the security headers", async () => {
    for (const path of ["/", "/assets/app-abc123.js", "/missing.js", "/%E0%A4%A", "/_/health"]) {
      const res = await fetch(web.url + path);
      expect(res.headers.get("content-security-policy"), path).toContain("frame-ancestors 'none'");
      expect(res.headers.get("content-security-policy"), path).not.toMatch(/script-src[^;]*unsafe/);
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expect(res.headers.get("referrer-policy"), path).toBe("strict-origin-when-cross-origin");
    }
    expect((await fetch(`${web.url}/%E0%A4%A`)).status).toBe(400);
  });

  it("has a health endpoint", async () => {
    const res = await fetch(`${web.url}/_/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("without API_URL, /v1 says where it should go", async () => {
    const res = await fetch(`${web.url}/v1/session`);
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toMatch(/route \/v1 to the API/);
  });

  it("with API_URL, forwards /v1 with its method, body, query and cookies, appends the client to X-Forwarded-For, and passes cookies and redirects back", async () => {
    const res = await fetch(`${proxied.url}/v1/session?q=1`, {
      method: "POST",
      body: '{"email":"a@b.co"}',
      headers: { "content-type": "application/json", cookie: "x=1", "x-forwarded-for": "203.0.113.9" },
      redirect: "manual",
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("set-cookie")).toBe("shopreg_partner_session=abc; Path=/; HttpOnly");
    expect(res.headers.get("location")).toBe("/elsewhere");
    expect(res.headers.get("content-security-policy")).toBeNull(); // the API's own headers only
    expect(await res.json()).toMatchObject({
      path: "/v1/session",
      query: "1",
      method: "POST",
      body: '{"email":"a@b.co"}',
      cookie: "x=1",
      // A forged entry stays first; the API reads the last, which this server appended.
      forwardedFor: "203.0.113.9, 127.0.0.1",
    });
  });
});

const freePort = () =>
  new Promise<number>((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => ok(port));
    });
  });

/** The entry itself (src/server.ts, as `node apps/web/dist/server.js` runs once built). */
describe("apps/web/src/server.ts", () => {
  const tsx = resolve(import.meta.dirname, "../../../node_modules/.bin/tsx");
  const entry = resolve(import.meta.dirname, "../src/server.ts");
  const children: ChildProcess[] = [];
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "shopreg-webroot-"));
    await builtApp(join(root, "partner"));
    await builtApp(join(root, "admin"));
  });
  afterAll(async () => {
    for (const c of children) c.kill("SIGKILL");
    await rm(root, { recursive: true, force: true });
  });
  const run = (env: Record<string, string>, args: string[] = []) => {
    const child = spawn(tsx, [entry, ...args], { env: { PATH: process.env.PATH, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    children.push(child);
    let output = "";
    child.stdout?.on("data", (d) => (output += d));
    child.stderr?.on("data", (d) => (output += d));
    const exited = new Promise<number | null>((ok) => child.once("exit", (code) => ok(code)));
    return { child, exited, output: () => output };
  };

  it("--check-config names every bad variable and starts nothing", async () => {
    const bad = run({ WEB_ROOT: join(root, "nowhere"), PARTNER_PORT: "http", API_URL: "ftp://x" }, ["--check-config"]);
    expect(await bad.exited).toBe(1);
    for (const name of ["WEB_ROOT", "PARTNER_PORT", "API_URL"]) expect(bad.output()).toContain(name);
    const good = run({ WEB_ROOT: root }, ["--check-config"]);
    expect(await good.exited).toBe(0);
    expect(good.output()).toContain("web: configuration ok");
  });

  it("serves the portal and the dashboard on their ports and stops on SIGTERM", async () => {
    const [partner, admin] = [await freePort(), await freePort()];
    const server = run({ WEB_ROOT: root, PARTNER_PORT: String(partner), ADMIN_PORT: String(admin) });
    for (let i = 0; i < 100 && !server.output().includes("admin on"); i++) await new Promise((r) => setTimeout(r, 100));
    for (const port of [partner, admin]) {
      const res = await fetch(`http://127.0.0.1:${port}/some/route`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(INDEX);
    }
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  });
});
