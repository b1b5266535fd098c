import { describe, expect, it } from "vitest";
import { parseUserAgent } from "./user-agent.ts";

describe("parseUserAgent", () => {
  it("reads device, browser and OS", () => {
    expect(
      parseUserAgent(
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36",
      ),
    ).toEqual({ device: "mobile", browser: "Chrome", os: "Android", bot: false });
    expect(
      parseUserAgent(
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
      ),
    ).toEqual({ device: "desktop", browser: "Safari", os: "Mac OS", bot: false });
  });

  it("counts a missing or blank user agent as a bot: browsers always send one", () => {
    expect(parseUserAgent("")).toEqual({ device: "bot", browser: null, os: null, bot: true });
    expect(parseUserAgent("   ")).toEqual({ device: "bot", browser: null, os: null, bot: true });
  });

  it("flags link-preview fetchers and crawlers as bots", () => {
    for (const ua of [
      "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
      "facebookexternalhit/1.1",
      "Twitterbot/1.0",
      "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
      "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
      "WhatsApp/2.23.20.0",
      "TelegramBot (like TwitterBot)",
      "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5",
      "curl/8.5.0",
    ]) {
      expect(parseUserAgent(ua).bot, ua).toBe(true);
    }
  });
});
