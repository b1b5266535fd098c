import type { ClickToRecord } from "@shopreg/db";
import { destinationUrl, isLinkToken } from "@shopreg/domain";
import { type Context, Hono } from "hono";
import type { GatewayConfig } from "./config.ts";
import type { LinkCache, LinkTarget } from "./link-cache.ts";
import type { GatewayMetrics, Outcome } from "./metrics.ts";
import { INACTIVE_PAGE, NOT_FOUND_PAGE, UNAVAILABLE_PAGE } from "./pages.ts";
import { parseUserAgent } from "./user-agent.ts";
import type { VisitorHasher } from "./visitor.ts";

export type HealthReport = { status: "ok" | "degraded"; database: "up" | "down"; click_queue: number; spill_pending: number };

/**
 * What the handler is given. Everything here is web-standard or injected, so the same handler can
 * run on Node (src/index.ts) or an edge runtime with other adapters.
 */
export type GatewayDeps = {
  config: Pick<GatewayConfig, "destinations" | "countryHeader" | "clientIpHeader">;
  links: LinkCache;
  /** Queues a click; never waits for the database. */
  recordClick(click: ClickToRecord): void;
  hashVisitor: VisitorHasher;
  newId(): string;
  metrics: GatewayMetrics;
  health(): Promise<HealthReport>;
  renderMetrics(): string;
  /** The peer address when no trusted client-IP header is configured (the adapter knows the socket). */
  peerAddress?(c: Context): string | undefined;
  now?(): Date;
};

const NO_STORE = "no-store";
const CLICK_ID_SLOT = "00000000-0000-0000-0000-click-id-slot";

export function createGatewayApp(deps: GatewayDeps): Hono {
  const { config, links, metrics } = deps;
  const now = deps.now ?? (() => new Date());
  const html = (body: string, status: number, extra: Record<string, string> = {}) =>
    new Response(body, {
      status,
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": NO_STORE, ...extra },
    });
  const done = (o: Outcome, res: Response) => {
    metrics.outcome(o);
    return res;
  };

  // Only configuration chooses the URL; the token and click id travel as query values. The URL is
  // built once per link by destinationUrl with a placeholder id (a UUID needs no escaping).
  const templates = new Map<string, string>();
  const redirectUrl = (destination: string, link: LinkTarget) => {
    const key = `${link.token}|${destination}|${link.targetMarket}`;
    let t = templates.get(key);
    if (t === undefined) {
      t = destinationUrl(destination, { token: link.token, clickId: CLICK_ID_SLOT, market: link.targetMarket });
      if (templates.size >= 10_000) templates.clear();
      templates.set(key, t);
    }
    return t;
  };

  const app = new Hono();
  app.use(async (c, next) => {
    metrics.request(c.req.method);
    await next();
  });

  app.get("/_/health", async (c) => {
    const report = await deps.health();
    return c.json(report, 200, { "cache-control": NO_STORE });
  });
  app.get("/_/metrics", (c) =>
    c.body(deps.renderMetrics(), 200, { "content-type": "text/plain; version=0.0.4; charset=utf-8", "cache-control": NO_STORE }),
  );

  // HEAD reaches this GET route too (Hono answers it without a body); c.req.method stays "HEAD".
  app.get("/:token", async (c) => {
    const token = c.req.param("token");
    if (!isLinkToken(token)) return done("not_found", html(NOT_FOUND_PAGE, 404));
    let link: LinkTarget | null | undefined = links.peek(token);
    if (link === undefined) {
      try {
        link = await links.get(token);
      } catch {
        return done("unavailable", html(UNAVAILABLE_PAGE, 503, { "retry-after": "30" }));
      }
    }
    if (!link) return done("not_found", html(NOT_FOUND_PAGE, 404));

    const destination = link.active ? config.destinations[link.targetMarket]?.[link.audience] : undefined;
    if (link.active && !destination) return done("unavailable", html(UNAVAILABLE_PAGE, 503, { "retry-after": "30" }));

    const click = await describeClick(c, link, destination !== undefined);
    deps.recordClick(click);
    if (click.is_bot) metrics.bots++;
    if (!destination) return done("inactive", html(INACTIVE_PAGE, 410));
    const location = redirectUrl(destination, link).replace(CLICK_ID_SLOT, click.id);
    return done("redirected", new Response(null, { status: 302, headers: { location, "cache-control": NO_STORE } }));
  });

  app.notFound(() => done("not_found", html(NOT_FOUND_PAGE, 404)));
  app.onError(() => done("unavailable", html(UNAVAILABLE_PAGE, 503, { "retry-after": "30" })));

  async function describeClick(c: Context, link: LinkTarget, active: boolean): Promise<ClickToRecord> {
    const at = now();
    const ua = c.req.header("user-agent") ?? "";
    const agent = parseUserAgent(ua);
    const ip = clientIp(c) ?? "";
    return {
      id: deps.newId(),
      link_id: link.id,
      service_id: link.serviceId,
      partner_id: link.partnerId,
      audience: link.audience,
      clicked_at: at,
      visitor_hash: await deps.hashVisitor(ip, ua, at),
      country: country(c),
      device: agent.device,
      browser: agent.browser,
      os: agent.os,
      referrer_host: referrerHost(c.req.header("referer")),
      is_bot: c.req.method === "HEAD" || agent.bot,
      link_active: active,
    };
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

  function country(c: Context): string | null {
    if (!config.countryHeader) return null;
    const v = c.req.header(config.countryHeader)?.trim().toUpperCase();
    return v && /^[A-Z]{2}$/.test(v) ? v : null;
  }

  return app;
}

function referrerHost(referer: string | undefined): string | null {
  if (!referer) return null;
  try {
    const host = new URL(referer).hostname.toLowerCase();
    return host ? host.slice(0, 253) : null;
  } catch {
    return null;
  }
}
