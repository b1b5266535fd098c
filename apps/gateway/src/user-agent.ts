import { isbot } from "isbot";
import UAParser from "ua-parser-js";

export type UserAgentInfo = { device: string | null; browser: string | null; os: string | null; bot: boolean };

/**
 * Link-preview fetchers, named explicitly so they count as bots whatever isbot's list says:
 * they fetch a link when it is pasted into a chat, not when a seller opens it.
 */
const PREVIEW_BOTS =
  /slackbot|slack-imgproxy|facebookexternalhit|facebookcatalog|twitterbot|discordbot|linkedinbot|whatsapp|telegrambot|skypeuripreview|redditbot|pinterestbot|embedly|iframely|vkshare|mastodon|bluesky cardyb|google-pagerenderer|snapchat|viber|bitlybot/i;

const MAX_UA = 512;
const cache = new Map<string, UserAgentInfo>();

/** Parsed with ua-parser-js (v1, MIT) and isbot; user agents repeat, so results are kept in a small LRU. */
export function parseUserAgent(raw: string): UserAgentInfo {
  const ua = raw.slice(0, MAX_UA);
  const hit = cache.get(ua);
  if (hit) return hit;
  // Browsers always send a user agent: a request without one (or with only spaces) is a script.
  const info = ua.trim() === "" ? { device: "bot", browser: null, os: null, bot: true } : parse(ua);
  cache.set(ua, info);
  if (cache.size > 2_000) cache.delete(cache.keys().next().value as string);
  return info;
}

function parse(ua: string): UserAgentInfo {
  const r = new UAParser(ua).getResult();
  const bot = isbot(ua) || PREVIEW_BOTS.test(ua);
  const clip = (s: string | undefined) => (s ? s.slice(0, 64) : null);
  return {
    // ua-parser-js names only non-desktop device types; a known OS with no type is a desktop.
    device: clip(r.device.type) ?? (bot ? "bot" : r.os.name ? "desktop" : null),
    browser: clip(r.browser.name),
    os: clip(r.os.name),
    bot,
  };
}
