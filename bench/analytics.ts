/**
 * pnpm bench:analytics: loads 1 million and then 10 million synthetic clicks into a real
 * PostgreSQL (COPY, with the rollup triggers running as they do in production), runs the partner
 * dashboard's queries for 90 days at each size, and compares the p95s measured in this one run.
 * Run through scripts/with-postgres.sh (a throwaway server) or with TEST_DATABASE_URL set.
 * BENCH_SIZES=100000,1000000 changes the sizes (for a quick try).
 * Clicks carry campaign tags: 1,000 distinct utm_campaign values per partner (a few big campaigns
 * and a long tail), so the bound of campaign values per link and day is reached, and the dashboard
 * includes the campaign, source and medium breakdowns.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  type AnalyticsScope,
  analyticsBreakdown,
  analyticsFunnel,
  analyticsTimeseries,
  analyticsTotals,
  citusNodesFromEnv,
  createCitusDatabase,
  createDb,
  distribute,
  dropCitusDatabase,
  insertLinksIfAbsent,
  insertPartner,
  insertService,
  migrateToLatest,
  newId,
} from "@shopreg/db";
import { mintLinkToken } from "@shopreg/domain";
import postgres from "postgres";

const adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "";
if (!adminUrl) {
  console.error("bench:analytics needs a PostgreSQL server: run it through scripts/with-postgres.sh or set TEST_DATABASE_URL.");
  process.exit(1);
}
const SIZES = (process.env.BENCH_SIZES ?? "1000000,10000000").split(",").map(Number);
const PARTNERS = 50;
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 40);
const HOUR = 3_600_000;
const end = new Date(Math.floor(Date.now() / HOUR) * HOUR);
const start = new Date(end.getTime() - 90 * 24 * HOUR);
let handle: Awaited<ReturnType<typeof createDb>>;
let pg: postgres.Sql;

function label(n: number) {
  return n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`;
}

type Link = { id: string; service_id: string; partner_id: string; audience: "LOCAL_SELLER" | "CROSS_BORDER_SELLER" };

async function setUp(): Promise<Link[]> {
  const links: Link[] = [];
  const now = new Date();
  for (let i = 0; i < PARTNERS; i++) {
    const p = await insertPartner(handle.db, {
      id: newId(),
      company_name: `Bench partner ${i}`,
      entity_type: i % 2 ? "NON_US" : "US",
      registration_region: i % 2 ? "CN" : "US",
      company_registration_region: i % 2 ? "CN" : "US",
      contact_name: "Bench",
      contact_email: `bench${i}@example.com`,
      contact_phone: null,
      created_at: now,
      updated_at: now,
    });
    const s = await insertService(handle.db, {
      id: newId(),
      partner_id: p.id,
      type: "CUSTOM",
      category_id: "shop_registration",
      target_market: "US",
      name: `Bench service ${i}`,
      description: "bench",
      contact_email: "bench@example.com",
      status: "ON",
      first_published_at: now,
      created_at: now,
      updated_at: now,
    });
    const rows = (["LOCAL_SELLER", "CROSS_BORDER_SELLER"] as const).map((audience) => ({
      id: newId(),
      service_id: s.id,
      partner_id: p.id,
      audience,
      target_market: "US",
      token: mintLinkToken(),
      created_at: now,
    }));
    await insertLinksIfAbsent(handle.db, rows);
    links.push(...rows.map((r) => ({ id: r.id, service_id: r.service_id, partner_id: r.partner_id, audience: r.audience })));
    partnerIndex.set(p.id, i);
  }
  return links;
}

// Skewed like real traffic: most clicks from a few countries, browsers and referrers.
const COUNTRIES = [
  "US",
  "US",
  "US",
  "US",
  "CN",
  "CN",
  "GB",
  "CA",
  "MX",
  "DE",
  "FR",
  "JP",
  "KR",
  "BR",
  "IN",
  "AU",
  "VN",
  "PH",
  "ID",
  "TH",
];
const DEVICES = ["mobile", "mobile", "mobile", "desktop", "tablet"];
const BROWSERS = ["Mobile Safari", "Chrome", "Chrome", "TikTok", "Firefox", "Edge"];
const OSES = ["iOS", "Android", "Android", "Windows", "Mac OS"];
const REFERRERS = ["", "tiktok.com", "tiktok.com", "instagram.com", "google.com", "youtube.com", "facebook.com"];
const pick = <T>(a: readonly T[]) => a[Math.floor(Math.random() * a.length)] as T;
const CAMPAIGNS_PER_PARTNER = 1000;
const SOURCES = ["facebook", "newsletter", "webinar", "instagram", "sales-rep", "partner-site"];
const MEDIUMS = ["social", "email", "event", "referral"];
const partnerIndex = new Map<string, number>();
/** 30% untagged; the rest over 1,000 campaigns per partner, skewed (the first few take most clicks). */
function campaignTags(partnerId: string): string {
  if (Math.random() < 0.3) return ",,";
  const k = Math.floor(CAMPAIGNS_PER_PARTNER * Math.random() ** 3);
  return `${pick(SOURCES)},${pick(MEDIUMS)},p${partnerIndex.get(partnerId)}-campaign-${k}`;
}

/**
 * Clicks arrive in time order, as they do from the gateway: each COPY covers the next slice of
 * the 90 days, so the rollup triggers fold a chunk into a few thousand rollup rows, not one per click.
 */
async function load(links: Link[], from: number, to: number) {
  const CHUNK = 250_000;
  const chunks = Math.ceil((to - from) / CHUNK);
  const t0 = performance.now();
  for (let done = from, k = 0; done < to; k++) {
    const n = Math.min(CHUNK, to - done);
    const copy =
      await pg`COPY clicks (id, link_id, service_id, partner_id, audience, clicked_at, visitor_hash, country, device, browser, os, referrer_host, is_bot, link_active, is_unique, utm_source, utm_medium, utm_campaign) FROM STDIN WITH (FORMAT csv)`.writable();
    await pipeline(Readable.from(rows(links, n, k / chunks, (k + 1) / chunks)), copy);
    done += n;
    const rate = (done - from) / ((performance.now() - t0) / 1000);
    progress(done, to, rate);
  }
  process.stderr.write("\n");
}

function* rows(links: Link[], n: number, fromFraction: number, toFraction: number): Generator<string> {
  const span = end.getTime() - start.getTime();
  const sliceStart = start.getTime() + fromFraction * span;
  const sliceSpan = (toFraction - fromFraction) * span;
  let buf = "";
  for (let i = 0; i < n; i++) {
    const link = pick(links);
    const bot = Math.random() < 0.05;
    const at = new Date(sliceStart + Math.floor(Math.random() * sliceSpan)).toISOString();
    buf += `${randomUUID()},${link.id},${link.service_id},${link.partner_id},${link.audience},${at},${randomBytes(8).toString("hex")},${pick(COUNTRIES)},${pick(DEVICES)},${pick(BROWSERS)},${pick(OSES)},${pick(REFERRERS)},${bot},${Math.random() < 0.97},${!bot && Math.random() < 0.7},${campaignTags(link.partner_id)}\n`;
    if ((i & 1023) === 1023) {
      yield buf;
      buf = "";
    }
  }
  if (buf) yield buf;
}

function progress(done: number, total: number, rate: number) {
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(
    `\r  [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")} clicks  ${Math.round(rate).toLocaleString("en-US")}/s   `,
  );
}

/** One dashboard load = the partner Analytics page's queries, run together as the page does. */
function dashboardQueries(partnerId: string): [string, () => Promise<unknown>][] {
  const scope: AnalyticsScope = { from: start, to: end, partnerId };
  return [
    ["totals", () => analyticsTotals(handle.db, scope)],
    ["timeseries", () => analyticsTimeseries(handle.db, scope, "day", "America/New_York")],
    ["funnel", () => analyticsFunnel(handle.db, scope, "link")],
    ...(["audience", "country", "device", "browser", "os", "referrer", "campaign", "source", "medium"] as const).map(
      (d) => [d, () => analyticsBreakdown(handle.db, scope, d)] as [string, () => Promise<unknown>],
    ),
  ];
}

async function measure(partnerId: string): Promise<{ p95: number; perQuery: string }> {
  const queries = dashboardQueries(partnerId);
  const dashboard = () => Promise.all(queries.map(([, q]) => q()));
  for (let i = 0; i < 5; i++) await dashboard(); // warm the caches
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const t = performance.now();
    await dashboard();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  // Each query alone, one after another (median of 9): where a load's time goes.
  const perQuery: string[] = [];
  for (const [name, q] of queries) {
    const alone: number[] = [];
    for (let i = 0; i < 9; i++) {
      const t = performance.now();
      await q();
      alone.push(performance.now() - t);
    }
    perQuery.push(`${name}=${alone.sort((a, b) => a - b)[4]!.toFixed(1)}`);
  }
  return { p95: times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)] as number, perQuery: perQuery.join(" ") };
}

async function main() {
  const dbName = `shopreg_bench_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  // BENCH_ENGINE=citus (under scripts/with-citus.sh): a database on every node, loaded while the
  // rollup triggers are there, then distributed (timed) and measured on the cluster.
  const nodes = process.env.BENCH_ENGINE === "citus" ? citusNodesFromEnv() : undefined;
  if (process.env.BENCH_ENGINE === "citus" && !nodes) throw new Error("BENCH_ENGINE=citus runs under scripts/with-citus.sh");
  if (nodes) await createCitusDatabase(nodes, dbName);
  else await admin.unsafe(`CREATE DATABASE ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  handle = await createDb({ databaseUrl: url.toString(), maxConnections: 12 });
  pg = postgres(url.toString(), { max: 2, onnotice: () => {} });

  try {
    await migrateToLatest(handle.db);
    const links = await setUp();
    const results: { size: number; p95: number }[] = [];
    let loaded = 0;
    for (const size of SIZES) {
      if (nodes && loaded > 0)
        throw new Error("BENCH_ENGINE=citus measures one size (BENCH_SIZES=1000000): it loads before distributing");
      await load(links, loaded, size);
      loaded = size;
      if (nodes) {
        const t = performance.now();
        const report = await distribute(handle.db as never);
        console.log(
          `distribute: ${report.moved_rows} rows moved into ${nodes.workers.length} workers' shards in ${((performance.now() - t) / 1000).toFixed(1)} s`,
        );
      }
      await pg`VACUUM ANALYZE`;
      const { p95, perQuery } = await measure(links[0]!.partner_id);
      results.push({ size, p95 });
      const [rollup] = await pg<{ rows: number; max_per_link_day: number }[]>`
        SELECT count(*)::int AS rows, coalesce(max(n), 0)::int AS max_per_link_day
        FROM (SELECT count(*) AS n FROM click_rollups_daily_dims WHERE dimension = 'campaign' GROUP BY link_id, day) d`;
      const [campaigns] = await pg<{ n: number }[]>`
        SELECT count(DISTINCT utm_campaign)::int AS n FROM clicks WHERE partner_id = ${links[0]!.partner_id}`;
      console.log(
        `${label(size)} clicks: dashboard p95 ${p95.toFixed(1)} ms over ${ITERATIONS} loads ` +
          `(partner 0: ${campaigns?.n} distinct campaigns; campaign rollup: ${rollup?.rows} link-days, at most ${rollup?.max_per_link_day} values per link and day)`,
      );
      const [dims] = await pg<{ hourly: number; hourly_dims: number; daily_dims: number }[]>`
        SELECT (SELECT count(*) FROM click_rollups_hourly WHERE partner_id = ${links[0]!.partner_id})::int AS hourly,
          (SELECT count(*) FROM click_rollups_hourly_dims WHERE partner_id = ${links[0]!.partner_id})::int AS hourly_dims,
          (SELECT count(*) FROM click_rollups_daily_dims WHERE partner_id = ${links[0]!.partner_id})::int AS daily_dims`;
      console.log(
        `  each query alone, median ms: ${perQuery}; partner 0's rollup rows: hourly ${dims?.hourly}, hourly_dims ${dims?.hourly_dims}, daily_dims ${dims?.daily_dims}`,
      );
    }
    const [first, last] = [results[0]!, results[results.length - 1]!];
    console.log(
      `analytics: p95_ms_1m=${first.p95.toFixed(1)} p95_ms_10m=${last.p95.toFixed(1)} growth=${(last.p95 / first.p95).toFixed(2)}`,
    );
  } finally {
    await handle.close();
    await pg.end();
    if (nodes) await dropCitusDatabase(nodes, dbName);
    else await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

await main();
