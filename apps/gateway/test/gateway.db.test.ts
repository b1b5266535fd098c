import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DbHandle } from "@shopreg/db";
import { createTestDb, type TestEngine, testEngines } from "@shopreg/db/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningGateway, startGateway } from "../src/index.ts";
import { CHROME_UA, get, IPHONE_UA, seedService, testGatewayConfig } from "./helpers.ts";

// On a PostgreSQL server the gateway writes clicks on a thread of its own by default; both ways are tested.
type Setup = { engine: TestEngine; writer: "thread" | "in-process" };
const setups: Setup[] = testEngines().flatMap(({ engine }): Setup[] =>
  engine !== "pglite"
    ? [
        { engine, writer: "thread" },
        { engine, writer: "in-process" },
      ]
    : [{ engine, writer: "in-process" }],
);

describe.each(setups)("gateway on $engine, clicks written $writer", ({ engine, writer }) => {
  let handle: DbHandle;
  let gw: RunningGateway;
  let dir: string;
  let on: Awaited<ReturnType<typeof seedService>>;
  let off: Awaited<ReturnType<typeof seedService>>;

  beforeAll(async () => {
    handle = await createTestDb(engine);
    dir = mkdtempSync(join(tmpdir(), "shopreg-gw-"));
    on = await seedService(handle.db, "ON");
    off = await seedService(handle.db, "OFF");
    gw = await startGateway({
      handle,
      port: 0,
      host: "127.0.0.1",
      publicUrl: "http://gateway.test",
      // Flushes happen when a test asks (the timer would race the queue assertions).
      config: testGatewayConfig(join(dir, "spill.jsonl"), {
        GATEWAY_CLICK_FLUSH_MS: "60000",
        GATEWAY_CLICK_WRITER: writer,
        GATEWAY_METRICS_PORT: "0",
      }),
      logger: { info() {}, warn: (m: string, f?: object) => console.warn(m, f), error() {} },
    });
  });
  afterAll(async () => {
    await gw?.close();
    await handle?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await gw.flush();
    await handle.db.deleteFrom("clicks").execute();
  });

  const clicks = async () => {
    await gw.flush();
    return handle.db.selectFrom("clicks").selectAll().orderBy("id").execute();
  };

  it("redirects an On link to its audience's Seller Center URL with channel, click_id and shop_region", async () => {
    const local = on.links.LOCAL_SELLER.token;
    const res = await get(`${gw.url}/${local}`, { "user-agent": CHROME_UA });
    expect(res.status).toBe(302);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const to = new URL(res.headers.get("location")!);
    expect(`${to.origin}${to.pathname}`).toBe("https://seller-us.tiktok.com/account/register");
    expect(to.searchParams.get("channel")).toBe(local);
    expect(to.searchParams.get("shop_region")).toBe("US");
    const rows = await clicks();
    expect(rows).toHaveLength(1);
    expect(to.searchParams.get("click_id")).toBe(rows[0]!.id);

    const cross = await get(`${gw.url}/${on.links.CROSS_BORDER_SELLER.token}`, { "user-agent": CHROME_UA });
    expect(new URL(cross.headers.get("location")!).host).toBe("seller.us.tiktokshopglobalselling.com");
  });

  it("never lets the request choose the destination host", async () => {
    const token = on.links.LOCAL_SELLER.token;
    const base = new URL(gw.url);
    const tries = [
      `/${token}?redirect=https://evil.com&channel=evil&click_id=x&shop_region=CN`,
      `/${token}?url=//evil.com`,
      `/${token}#@evil.com`,
    ];
    for (const path of tries) {
      const res = await get(`${gw.url}${path}`, { host: "evil.com", "x-forwarded-host": "evil.com" });
      expect(res.status).toBe(302);
      const to = new URL(res.headers.get("location")!);
      expect(to.host).toBe("seller-us.tiktok.com");
      expect(to.searchParams.getAll("channel")).toEqual([token]);
      expect(to.searchParams.getAll("shop_region")).toEqual(["US"]);
    }
    // Path tricks never reach a redirect: raw paths over a socket, so no client normalises them first.
    for (const path of [
      "//evil.com",
      `//evil.com/${token}`,
      "/%2F%2Fevil.com",
      `/${token}/..%2F%2Fevil.com`,
      "/\\evil.com",
      "/_/",
    ]) {
      const res = await rawGet(base, path);
      expect([400, 404], path).toContain(res.status);
      expect(res.location, path).toBeUndefined();
    }
  });

  it("shows a 410 page for an Off link and records the click as inactive", async () => {
    const res = await get(`${gw.url}/${off.links.LOCAL_SELLER.token}`, { "user-agent": CHROME_UA });
    expect(res.status).toBe(410);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.headers.get("location")).toBeNull();
    expect(await res.text()).toContain("This referral link is inactive");
    const [row] = await clicks();
    expect(row).toMatchObject({ link_id: off.links.LOCAL_SELLER.id, link_active: false, is_bot: false });
  });

  it("shows a 404 page for an unknown token and records nothing", async () => {
    const res = await get(`${gw.url}/AAAAAAAAAAAAAAAAAAAAAA`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("This link does not exist");
    expect(await clicks()).toHaveLength(0);
  });

  it("serves its pages unframeable, script-free, described and asking for no favicon", async () => {
    const res = await get(`${gw.url}/AAAAAAAAAAAAAAAAAAAAAA`);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    const html = await res.text();
    expect(html).toMatch(/<meta name="description" content="[^"]+">/);
    expect(html).toContain('<link rel="icon" href="data:,">');
  });

  it("records every field of a click, and never the raw IP", async () => {
    const ip = "203.0.113.77";
    const res = await get(`${gw.url}/${on.links.LOCAL_SELLER.token}`, {
      "user-agent": IPHONE_UA,
      "x-test-client-ip": `10.0.0.1, ${ip}`,
      "x-test-country": "us",
      referer: "https://www.TikTok.com/@someone/video/1?x=1",
    });
    expect(res.status).toBe(302);
    const [row] = await clicks();
    expect(row).toMatchObject({
      link_id: on.links.LOCAL_SELLER.id,
      service_id: on.serviceId,
      partner_id: on.partnerId,
      audience: "LOCAL_SELLER",
      country: "US",
      device: "mobile",
      browser: "Mobile Safari",
      os: "iOS",
      referrer_host: "www.tiktok.com",
      is_bot: false,
      link_active: true,
      is_unique: true,
    });
    expect(row!.visitor_hash).toMatch(/^[0-9a-f]{32}$/);
    expect(Math.abs(new Date(row!.clicked_at).getTime() - Date.now())).toBeLessThan(60_000);
    // UUIDv7: version nibble 7.
    expect(row!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
    const everything = JSON.stringify(await handle.db.selectFrom("clicks").selectAll().execute());
    expect(everything).not.toContain(ip);
    expect(everything).not.toContain("10.0.0.1");
  });

  it("takes the country only from the configured header, and only a real code", async () => {
    await get(`${gw.url}/${on.links.LOCAL_SELLER.token}`, { "cf-ipcountry": "DE", "x-test-country": "<script>" });
    const [row] = await clicks();
    expect(row!.country).toBeNull();
  });

  it("redirects HEAD requests and link-preview bots but records them as bots, never unique", async () => {
    const url = `${gw.url}/${on.links.LOCAL_SELLER.token}`;
    const head = await get(url, { "user-agent": CHROME_UA }, "HEAD");
    expect(head.status).toBe(302);
    const bots = [
      "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
      "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
      "Twitterbot/1.0",
      "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
      "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
      "WhatsApp/2.23.20.0",
      "TelegramBot (like TwitterBot)",
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    ];
    for (const ua of bots) {
      const res = await get(url, { "user-agent": ua });
      expect(res.status, ua).toBe(302);
    }
    const rows = await clicks();
    expect(rows).toHaveLength(bots.length + 1);
    for (const r of rows) expect(r).toMatchObject({ is_bot: true, is_unique: false });
  });

  it("records a click with an empty or missing user agent as a bot (browsers always send one)", async () => {
    const empty = await get(`${gw.url}/${on.links.LOCAL_SELLER.token}`, { "user-agent": "" });
    expect(empty.status).toBe(302);
    // fetch adds a user agent of its own, so the missing header goes out through node:http.
    const missing = await new Promise<number>((done, fail) => {
      const req = request(`${gw.url}/${on.links.LOCAL_SELLER.token}`, (res) => {
        res.resume();
        done(res.statusCode ?? 0);
      });
      req.on("error", fail);
      req.end();
    });
    expect(missing).toBe(302);
    const rows = await clicks();
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r).toMatchObject({ is_bot: true, is_unique: false, device: "bot" });
  });

  it("marks only a visitor's first click on a link within the hour as unique", async () => {
    const url = (a: "LOCAL_SELLER" | "CROSS_BORDER_SELLER") => `${gw.url}/${on.links[a].token}`;
    const alice = { "user-agent": CHROME_UA, "x-test-client-ip": "198.51.100.1" };
    const bob = { "user-agent": CHROME_UA, "x-test-client-ip": "198.51.100.2" };
    await get(url("LOCAL_SELLER"), alice);
    await get(url("LOCAL_SELLER"), alice); // same batch
    await gw.flush();
    await get(url("LOCAL_SELLER"), alice); // a later batch
    await get(url("LOCAL_SELLER"), bob);
    await get(url("CROSS_BORDER_SELLER"), alice);
    const rows = await clicks();
    expect(rows.map((r) => [r.link_id === on.links.LOCAL_SELLER.id ? "local" : "cross", r.is_unique])).toEqual([
      ["local", true],
      ["local", false],
      ["local", false],
      ["local", true],
      ["cross", true],
    ]);
    expect(new Set(rows.map((r) => r.visitor_hash)).size).toBe(2);
  });

  it("answers from the cache: many requests, one lookup per token, and no write until the flush", async () => {
    const before = { hits: gw.metrics.cacheHits, misses: gw.metrics.cacheMisses };
    const token = off.links.CROSS_BORDER_SELLER.token; // not looked up by any test before
    const responses = await Promise.all(Array.from({ length: 20 }, () => get(`${gw.url}/${token}`)));
    expect(responses.every((r) => r.status === 410)).toBe(true);
    expect(gw.metrics.cacheMisses - before.misses).toBe(1);
    expect(gw.metrics.cacheHits - before.hits).toBeGreaterThanOrEqual(0);
    await get(`${gw.url}/${token}`);
    expect(gw.metrics.cacheHits - before.hits).toBeGreaterThanOrEqual(1);
    // Queued, not written: the rows appear with the flush.
    expect(gw.clicks.queueDepth).toBe(21);
    expect(await handle.db.selectFrom("clicks").select("id").execute()).toHaveLength(0);
    expect(await clicks()).toHaveLength(21);
  });

  it("writes a replayed click exactly once", async () => {
    await get(`${gw.url}/${on.links.LOCAL_SELLER.token}`, { "user-agent": CHROME_UA });
    const [row] = await clicks();
    const { is_unique: _, ...click } = row!;
    const again = { ...click, clicked_at: new Date(row!.clicked_at) };
    const { insertClicks, writeClicks } = await import("@shopreg/db");
    expect(await insertClicks(handle.db, [again, again])).toBe(0);
    expect(await writeClicks(handle, [again])).toBe(0);
    expect(await clicks()).toHaveLength(1);
  });

  it("reports health on the links port and Prometheus metrics only on the metrics port", async () => {
    await get(`${gw.url}/${on.links.LOCAL_SELLER.token}`);
    const health = await (await get(`${gw.url}/_/health`)).json();
    expect(health).toEqual({ status: "ok", database: "up", click_queue: expect.any(Number), spill_pending: 0 });
    await gw.flush();
    // Not on the links port, which faces the internet: on a listener of its own.
    expect((await get(`${gw.url}/_/metrics`)).status).toBe(404);
    expect((await get(`${gw.url}/metrics`)).status).toBe(404);
    expect(gw.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const text = await (await get(gw.metricsUrl!)).text();
    for (const name of [
      'gateway_requests_total{method="GET"}',
      'gateway_link_responses_total{outcome="redirected"}',
      'gateway_link_responses_total{outcome="inactive"}',
      'gateway_link_responses_total{outcome="not_found"}',
      "gateway_link_cache_hits_total",
      "gateway_link_cache_misses_total",
      "gateway_click_queue_depth 0",
      "gateway_clicks_spilled_total 0",
      "gateway_click_flush_duration_ms_count",
      "gateway_database_up 1",
    ]) {
      expect(text).toContain(name);
    }
    const redirected = Number(/gateway_link_responses_total\{outcome="redirected"\} (\d+)/.exec(text)?.[1]);
    expect(redirected).toBeGreaterThan(0);
    expect(readFileSafe(join(dir, "spill.jsonl"))).toBe("");
  });
});

function readFileSafe(path: string) {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

/** Sends a request line exactly as written (fetch and URL would normalise the path). */
async function rawGet(base: URL, path: string): Promise<{ status: number; location: string | undefined }> {
  const { connect } = await import("node:net");
  return new Promise((ok, fail) => {
    const socket = connect(Number(base.port), base.hostname, () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: evil.com\r\nConnection: close\r\n\r\n`);
    });
    let data = "";
    socket.on("data", (d) => {
      data += d.toString();
    });
    socket.on("end", () => {
      const status = Number(data.split(" ")[1]);
      const location = /\r\nlocation: ([^\r]*)/i.exec(data)?.[1];
      ok({ status, location });
    });
    socket.on("error", fail);
  });
}
