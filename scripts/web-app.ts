import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { Hono } from "hono";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
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

type Api = { fetch(request: Request, env?: unknown): Response | Promise<Response> };

/**
 * A built single-page app, with /v1 handed to the API in-process so cookies stay same-origin. The
 * node-server bindings (the socket) go along, so the API sees the browser's address for its rate
 * limits rather than one shared "unknown" bucket.
 */
export function webApp(dist: string, api: Api) {
  return new Hono()
    .use("*", async (c, next) => {
      await next();
      if (c.req.path.startsWith("/v1/")) return; // the API sets its own headers
      c.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      c.header("X-Content-Type-Options", "nosniff");
      c.header("Referrer-Policy", "strict-origin-when-cross-origin");
      c.header("X-Frame-Options", "DENY");
    })
    .all("/v1/*", (c) => api.fetch(c.req.raw, c.env))
    .get("*", async (c) => {
      let decoded: string;
      try {
        decoded = decodeURIComponent(new URL(c.req.url).pathname);
      } catch {
        return c.text("Bad request: the path is not valid percent-encoded UTF-8.", 400);
      }
      const path = normalize(decoded).replace(/^(\.\.[/\\])+/, "");
      const file = join(dist, path);
      if (file.startsWith(dist) && extname(file) && existsSync(file)) {
        const immutable = path.startsWith("/assets/");
        return c.body(await readFile(file), 200, {
          "content-type": TYPES[extname(file)] ?? "application/octet-stream",
          "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
        });
      }
      return c.html(await readFile(join(dist, "index.html"), "utf8"));
    });
}
