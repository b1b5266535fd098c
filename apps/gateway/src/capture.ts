import type { ClickToRecord } from "@shopreg/db";
import { parseCampaign } from "./campaign.ts";
import type { LinkTarget } from "./link-cache.ts";
import { parseUserAgent } from "./user-agent.ts";
import type { VisitorHasher } from "./visitor.ts";

/**
 * What the redirect path keeps of a request: the raw inputs, nothing derived. Turning it into a
 * click row (user agent parsing, the visitor hash) happens off the request path (describeClick),
 * on the click writer thread on Node. The raw IP lives only in memory until it is hashed.
 */
export type CapturedClick = {
  id: string;
  /** Epoch milliseconds. */
  at: number;
  link: LinkTarget;
  /** Whether the service was On: an Off link's click is recorded as inactive. */
  active: boolean;
  head: boolean;
  ip: string;
  userAgent: string;
  /** The Referer header as sent. */
  referer: string | null;
  /** The trusted country header as sent, when one is configured. */
  country: string | null;
  /** The raw query (campaign tags), absent when the URL had none. */
  query?: string;
};

/** The click row for a captured request (docs/architecture.md, "Referral links and clicks"): sync with node:crypto's hasher, a promise with Web Crypto's. */
export function describeClick(c: CapturedClick, hashVisitor: VisitorHasher): ClickToRecord | Promise<ClickToRecord> {
  const at = new Date(c.at);
  const hash = hashVisitor(c.ip, c.userAgent, at);
  return typeof hash === "string" ? toRow(c, at, hash) : hash.then((h) => toRow(c, at, h));
}

function toRow(c: CapturedClick, at: Date, visitorHash: string): ClickToRecord {
  const agent = parseUserAgent(c.userAgent);
  const tags = c.query ? parseCampaign(c.query) : null;
  return {
    id: c.id,
    link_id: c.link.id,
    service_id: c.link.serviceId,
    partner_id: c.link.partnerId,
    audience: c.link.audience,
    clicked_at: at,
    visitor_hash: visitorHash,
    country: country(c.country),
    device: agent.device,
    browser: agent.browser,
    os: agent.os,
    referrer_host: referrerHost(c.referer),
    is_bot: c.head || agent.bot,
    link_active: c.active,
    utm_source: tags?.utm_source ?? null,
    utm_medium: tags?.utm_medium ?? null,
    utm_campaign: tags?.utm_campaign ?? null,
    utm_content: tags?.utm_content ?? null,
  };
}

function country(raw: string | null): string | null {
  const v = raw?.trim().toUpperCase();
  return v && /^[A-Z]{2}$/.test(v) ? v : null;
}

/** Referers repeat (the same post, the same search page): parsing a URL costs more than a lookup. */
const hosts = new Map<string, string | null>();

function referrerHost(referer: string | null): string | null {
  if (!referer) return null;
  let host = hosts.get(referer);
  if (host !== undefined) return host;
  try {
    host = new URL(referer).hostname.toLowerCase().slice(0, 253) || null;
  } catch {
    host = null;
  }
  if (referer.length <= 2_048) {
    hosts.set(referer, host);
    if (hosts.size > 2_000) hosts.delete(hosts.keys().next().value as string);
  }
  return host;
}
