import { destinationUrl, isLinkToken } from "@shopreg/domain";
import { type Context, Hono } from "hono";
import { PatternRouter } from "hono/router/pattern-router";
import { rawQuery } from "./campaign.ts";
import type { CapturedClick } from "./capture.ts";
import type { GatewayConfig } from "./config.ts";
import type { LinkCache, LinkTarget } from "./link-cache.ts";
import type { GatewayMetrics, Outcome } from "./metrics.ts";
import { INACTIVE_PAGE, NOT_FOUND_PAGE, PAGE_HEADERS, UNAVAILABLE_PAGE } from "./pages.ts";

export type HealthReport = { status: "ok" | "degraded"; database: "up" | "down"; click_queue: number; spill_pending: number };

/**
 * What the handler is given. Everything here is web-standard or injected, so the same handler can
 * run on Node (src/index.ts) or an edge runtime with other adapters.
 */
export type GatewayDeps = {
  config: Pick<GatewayConfig, "destinations" | "countryHeader" | "clientIpHeader">;
  links: LinkCache;
  /** Queues a captured click (described and written elsewhere); never waits for the database. */
  recordClick(click: CapturedClick): void;
  newId(): string;
  metrics: GatewayMetrics;
  health(): Promise<HealthReport>;
  /** The peer address when no trusted client-IP header is configured (the adapter knows the socket). */
  peerAddress?(c: Context): string | undefined;
  now?(): number;
};

const NO_STORE = "no-store";
const CLICK_ID_SLOT = "00000000-0000-0000-0000-click-id-slot";

export function createGatewayApp(deps: GatewayDeps): Hono {
  const { config, links, metrics } = deps;
  const now = deps.now ?? Date.now;
  const html = (body: string, status: number, extra: Record<string, string> = {}) =>
    new Response(body, {
      status,
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": NO_STORE, ...PAGE_HEADERS, ...extra },
    });
  const done = (o: Outcome, res: Response) => {
    metrics.outcome(o);
    return res;
  };

  // Only configuration chooses the URL; the token and click id travel as query values. The URL is
  // built by destinationUrl with a placeholder id (a UUID needs no escaping), once per cached link.
  const templates = new WeakMap<LinkTarget, string>();
  const redirectUrl = (destination: string, link: LinkTarget) => {
    let t = templates.get(link);
    if (t === undefined) {
      t = destinationUrl(destination, { token: link.token, clickId: CLICK_ID_SLOT, market: link.targetMarket });
      templates.set(link, t);
    }
    return t;
  };

  // Hono's default router cannot compile "/_/health" beside "/:token" into one RegExp and falls
  // back to its trie, which cost ~2 µs per redirect here; the pattern router matches the same two
  // routes in a fraction of that (measured in bench/README.md).
  const app = new Hono({ router: new PatternRouter() });

  app.get("/_/health", async (c) => {
    metrics.request(c.req.method);
    const report = await deps.health();
    return c.json(report, 200, { "cache-control": NO_STORE });
  });

  // HEAD reaches this GET route too (Hono answers it without a body); c.req.method stays "HEAD".
  // A cached link is answered synchronously: no promise on the fast path.
  app.get("/:token", (c) => {
    metrics.request(c.req.method);
    const token = c.req.param("token");
    if (!isLinkToken(token)) return done("not_found", html(NOT_FOUND_PAGE, 404));
    const cached = links.peek(token);
    if (cached !== undefined) return answer(c, cached);
    return links.get(token).then(
      (link) => answer(c, link),
      () => done("unavailable", html(UNAVAILABLE_PAGE, 503, { "retry-after": "30" })),
    );
  });

  app.notFound((c) => {
    metrics.request(c.req.method);
    return done("not_found", html(NOT_FOUND_PAGE, 404));
  });
  app.onError(() => done("unavailable", html(UNAVAILABLE_PAGE, 503, { "retry-after": "30" })));

  function answer(c: Context, link: LinkTarget | null): Response {
    if (!link) return done("not_found", html(NOT_FOUND_PAGE, 404));
    const destination = link.active ? config.destinations[link.targetMarket]?.[link.audience] : undefined;
    if (link.active && !destination) return done("unavailable", html(UNAVAILABLE_PAGE, 503, { "retry-after": "30" }));

    const id = deps.newId();
    const click: CapturedClick = {
      id,
      at: now(),
      link,
      active: destination !== undefined,
      head: c.req.method === "HEAD",
      ip: clientIp(c) ?? "",
      userAgent: c.req.header("user-agent") ?? "",
      referer: c.req.header("referer") ?? null,
      country: config.countryHeader ? (c.req.header(config.countryHeader) ?? null) : null,
    };
    const query = rawQuery(c.req.url);
    if (query !== undefined) click.query = query;
    deps.recordClick(click);
    if (!destination) return done("inactive", html(INACTIVE_PAGE, 410));
    const location = redirectUrl(destination, link).replace(CLICK_ID_SLOT, id);
    return done("redirected", new Response(null, { status: 302, headers: { location, "cache-control": NO_STORE } }));
  }

  function clientIp(c: Context): string | undefined {
    if (config.clientIpHeader) {
      // The trusted proxy appends the address it saw: the last entry is the one it vouches for.
      const entries = (c.req.header(config.clientIpHeader) ?? "").split(",");
      const last = entries[entries.length - 1]?.trim();
      if (last) return last;
    }
    return deps.peerAddress?.(c);
  }

  return app;
}

/**
 * The metrics listener's app (GATEWAY_METRICS_PORT): Prometheus text at /metrics. It is never
 * mounted on the links port, which faces the internet.
 */
export function createMetricsApp(renderMetrics: () => string): Hono {
  const app = new Hono();
  app.get("/metrics", (c) =>
    c.body(renderMetrics(), 200, { "content-type": "text/plain; version=0.0.4; charset=utf-8", "cache-control": NO_STORE }),
  );
  return app;
}
