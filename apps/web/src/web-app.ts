import { readdirSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import { extname, join, relative, sep } from "node:path";
import { Hono } from "hono";
import { compress } from "hono/compress";
import { proxy } from "hono/proxy";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".gif": "image/gif",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".map": "application/json",
  ".webmanifest": "application/manifest+json",
  ".txt": "text/plain; charset=utf-8",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
};

/**
 * Scripts only from the app's own files; MUI/emotion inject <style> elements, hence style-src
 * 'unsafe-inline' (styles cannot run code). No framing (clickjacking), no plugins, no foreign forms.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** The portals are private apps: nothing in them is for search engines. */
const ROBOTS = "User-agent: *\nDisallow: /\n";

/** Whoever answers /v1: the API in-process (the demo) or a proxy to API_URL (apiProxy). */
export type Upstream = { fetch(request: Request, env?: unknown): Response | Promise<Response> };

type Entry = { file: string; br?: string; gz?: string };

/** Every file of the built app, read once: the build does not change under a running server. */
function indexFiles(dist: string): Map<string, Entry> {
  const index = new Map<string, Entry>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (!name.endsWith(".br") && !name.endsWith(".gz"))
        index.set(`/${relative(dist, file).split(sep).join("/")}`, { file });
    }
  };
  walk(dist);
  for (const [path, entry] of index) {
    try {
      if (statSync(`${entry.file}.br`).isFile()) entry.br = `${entry.file}.br`;
    } catch {}
    try {
      if (statSync(`${entry.file}.gz`).isFile()) entry.gz = `${entry.file}.gz`;
    } catch {}
    index.set(path, entry);
  }
  return index;
}

/** The encodings a request accepts (q=0 excluded). */
const accepts = (header: string | undefined, coding: string) =>
  (header ?? "").split(",").some((part) => {
    const [name, ...params] = part.trim().split(";");
    return name?.trim() === coding && !params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p));
  });

/**
 * A built single-page app: its files with the security headers, hashed assets (vite's /assets/)
 * cached for a year, index.html revalidated, .br/.gz copies made at build time sent to browsers that
 * take them (other text compressed on the fly); a missing file is a real 404, only paths without a
 * file extension are app routes (index.html). /v1 goes to `api`: in-process in the demo, so the
 * node-server bindings (the socket) go along and the API sees the browser's address.
 */
export function webApp(dist: string, api?: Upstream) {
  const files = indexFiles(dist);
  if (!files.has("/index.html")) throw new Error(`${dist} has no index.html: build the app first.`);
  const send = async (path: string, acceptEncoding: string | undefined) => {
    const entry = files.get(path) as Entry;
    const type = TYPES[extname(path)] ?? "application/octet-stream";
    const headers: Record<string, string> = {
      "content-type": type,
      "cache-control": path.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
    };
    if (entry.br || entry.gz) headers.vary = "Accept-Encoding";
    let file = entry.file;
    if (entry.br && accepts(acceptEncoding, "br")) {
      file = entry.br;
      headers["content-encoding"] = "br";
    } else if (entry.gz && accepts(acceptEncoding, "gzip")) {
      file = entry.gz;
      headers["content-encoding"] = "gzip";
    }
    return new Response(await readFile(file), { status: 200, headers });
  };

  const app = new Hono();
  app.use("*", async (c, next) => {
    await next();
    if (c.req.path.startsWith("/v1/")) return; // the API sets its own headers
    c.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Referrer-Policy", "strict-origin-when-cross-origin");
    c.header("X-Frame-Options", "DENY");
  });
  app.all("/v1/*", (c) =>
    api
      ? api.fetch(c.req.raw, c.env)
      : c.json(
          {
            error: {
              code: "not_found",
              message: "This server serves the web app only: route /v1 to the API at your proxy, or set API_URL.",
            },
          },
          404,
        ),
  );
  // Liveness of this server (the API has its own /health/ready).
  app.get("/_/health", (c) => c.json({ status: "ok" }, 200, { "cache-control": "no-store" }));
  // What the build did not compress is compressed per request (compress skips encoded responses).
  app.use("*", compress());
  app.get("*", async (c) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(c.req.url).pathname);
    } catch {
      return c.text("Bad request: the path is not valid percent-encoding of UTF-8.", 400);
    }
    // Only names in the index are served: no path leaves the build folder, whatever its dots.
    if (files.has(path) && path !== "/index.html") return send(path, c.req.header("accept-encoding"));
    if (path === "/robots.txt") return c.text(ROBOTS, 200, { "cache-control": "no-cache" });
    const last = path.slice(path.lastIndexOf("/") + 1);
    if (last.includes(".") && path !== "/index.html") return c.text("Not found.", 404, { "cache-control": "no-cache" });
    return send("/index.html", c.req.header("accept-encoding"));
  });
  return app;
}

/**
 * /v1 forwarded to the API at `apiUrl`. The client's address is appended to X-Forwarded-For (the
 * API reads it with CLIENT_IP_HEADER=X-Forwarded-For); behind a proxy of its own, `clientIpHeader`
 * names the header that proxy sets, whose last entry is the client.
 */
export function apiProxy(apiUrl: string, clientIpHeader?: string | null): Upstream {
  const base = apiUrl.replace(/\/+$/, "");
  return {
    fetch(request, env) {
      const url = new URL(request.url);
      const headers = new Headers(request.headers);
      const fromHeader = clientIpHeader ? headers.get(clientIpHeader)?.split(",").pop()?.trim() : undefined;
      const client = fromHeader || (env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket.remoteAddress;
      const chain = [headers.get("x-forwarded-for"), client].filter(Boolean).join(", ");
      if (chain) headers.set("x-forwarded-for", chain);
      headers.set("x-forwarded-host", url.host);
      headers.set("x-forwarded-proto", url.protocol.replace(":", ""));
      for (const h of [
        "host",
        "connection",
        "keep-alive",
        "transfer-encoding",
        "upgrade",
        "te",
        "trailer",
        "proxy-authorization",
      ])
        headers.delete(h);
      // The API's redirects and cookies go back to the browser as they are.
      return proxy(`${base}${url.pathname}${url.search}`, { raw: request, headers, redirect: "manual" });
    },
  };
}
