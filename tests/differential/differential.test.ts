/**
 * Differential: the same traffic (clicks with campaign tags, bots, clicks on an Off service's links,
 * replayed batches, credited, wrong-link, approved and unattributed conversions) written through the
 * writers the gateway and the API use, on single-node PostgreSQL (the rollup triggers) and on a Citus
 * cluster (distributed by partner_id; the writers roll up); every analytics answer must be identical.
 * Runs under scripts/with-citus.sh: the single-node database is a database without the citus
 * extension on the coordinator (plain PostgreSQL 15), the other a distributed one on all nodes.
 */
import { randomBytes } from "node:crypto";
import {
  type AnalyticsScope,
  analyticsBreakdown,
  analyticsFunnel,
  analyticsTimeseries,
  analyticsTotals,
  BREAKDOWN_DIMENSIONS,
  type ClickToRecord,
  citusNodesFromEnv,
  createCitusDatabase,
  createDb,
  type DbHandle,
  distribute,
  dropCitusDatabase,
  FUNNEL_GROUPS,
  insertClicks,
  insertConversion,
  migrateToLatest,
  newId,
  referralQuality,
  writeClicks,
} from "@shopreg/db";
import { mintLinkToken } from "@shopreg/domain";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const nodes = citusNodesFromEnv();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const base = Date.UTC(2026, 10, 2, 0, 0, 0); // 2 Nov 2026, days around a DST change in New York

/** A seeded generator: the same traffic on both engines, and the same again on a rerun. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Link = {
  id: string;
  token: string;
  service_id: string;
  partner_id: string;
  audience: "LOCAL_SELLER" | "CROSS_BORDER_SELLER";
  active: boolean;
};

describe.skipIf(!nodes)("the same traffic on single-node PostgreSQL and on Citus", () => {
  let single: DbHandle;
  let citus: DbHandle;
  const singleName = `shopreg_single_${randomBytes(5).toString("hex")}`;
  const citusName = `shopreg_citus_${randomBytes(5).toString("hex")}`;
  const partners: string[] = [];
  const links: Link[] = [];
  const written = { clicks: 0, replayed: 0, conversions: 0 };

  beforeAll(async () => {
    if (!nodes) return;
    const admin = postgres(nodes.coordinator, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${singleName}`);
    await admin.end();
    const singleUrl = new URL(nodes.coordinator);
    singleUrl.pathname = `/${singleName}`;
    single = await createDb({ databaseUrl: singleUrl.toString(), maxConnections: 4 });
    await migrateToLatest(single.db);
    citus = await createDb({ databaseUrl: await createCitusDatabase(nodes, citusName), maxConnections: 4 });
    await migrateToLatest(citus.db);
    await distribute(citus.db as never, { shardCount: 8 });

    // The catalog: 4 partners, a service each (the last one Off), two links per service.
    const now = new Date(base);
    for (let p = 0; p < 4; p++) {
      const partnerId = newId();
      const serviceId = newId();
      partners.push(partnerId);
      const serviceLinks = (["LOCAL_SELLER", "CROSS_BORDER_SELLER"] as const).map((audience) => ({
        id: newId(),
        token: mintLinkToken(),
        service_id: serviceId,
        partner_id: partnerId,
        audience,
        active: p !== 3,
      }));
      links.push(...serviceLinks);
      for (const h of [single, citus]) {
        await h.db
          .insertInto("partners")
          .values({
            id: partnerId,
            company_name: `Partner ${p}`,
            entity_type: "US",
            registration_region: "US",
            company_registration_region: "US",
            contact_name: "Pat",
            contact_email: `p${p}@example.com`,
            contact_phone: null,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await h.db
          .insertInto("services")
          .values({
            id: serviceId,
            partner_id: partnerId,
            type: "CUSTOM",
            category_id: "shop_registration",
            target_market: "US",
            name: `Service ${p}`,
            description: "We register shops.",
            contact_email: "ops@example.com",
            status: p === 3 ? "OFF" : "ON",
            first_published_at: now,
            created_at: now,
            updated_at: now,
          })
          .execute();
        for (const l of serviceLinks) {
          await h.db
            .insertInto("referral_links")
            .values({
              id: l.id,
              token: l.token,
              service_id: serviceId,
              partner_id: partnerId,
              audience: l.audience,
              target_market: "US",
              created_at: now,
            })
            .execute();
        }
      }
    }

    // Clicks: 3,000 over 3 days from 60 visitors, in batches of any size and order; a tenth bots;
    // one link gets 70 campaign names on one day (beyond the 50 kept by name).
    const r = rng(20261207);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)] as T;
    const clicks: ClickToRecord[] = [];
    for (let i = 0; i < 3_000; i++) {
      const link = i % 5 === 0 ? (links[0] as Link) : pick(links);
      const flood = link === links[0] && i % 10 === 0;
      clicks.push({
        id: newId(),
        link_id: link.id,
        service_id: link.service_id,
        partner_id: link.partner_id,
        audience: link.audience,
        clicked_at: new Date(base + (flood ? Math.floor(r() * 20 * HOUR) : Math.floor(r() * 3 * DAY))),
        visitor_hash: `visitor-${Math.floor(r() * 60)}`,
        country: pick(["US", "DE", "JP", null]),
        device: pick(["desktop", "mobile", null]),
        browser: pick(["Chrome", "Safari", "Firefox"]),
        os: pick(["Windows", "iOS", "Android"]),
        referrer_host: pick(["news.example", "search.example", null]),
        is_bot: r() < 0.1,
        link_active: link.active,
        utm_campaign: flood ? `camp-${String(Math.floor(r() * 70)).padStart(2, "0")}` : pick(["spring", "autumn", null, null]),
        utm_source: pick(["newsletter", "social", null]),
        utm_medium: pick(["email", "cpc", null]),
        utm_content: pick(["a", null]),
      });
    }
    let at = 0;
    const batches: ClickToRecord[][] = [];
    while (at < clicks.length) {
      const n = 1 + Math.floor(r() * 300);
      const batch = clicks.slice(at, at + n);
      if (r() < 0.5) batch.reverse();
      batches.push(batch);
      at += n;
    }
    for (const [i, batch] of batches.entries()) {
      for (const h of [single, citus]) {
        written.clicks += h === single ? await writeClicks(h, batch) : 0;
        if (h === citus) await writeClicks(h, batch);
        // Every fourth batch is replayed (the gateway's spill file after a write it thought had failed).
        if (i % 4 === 0) {
          const again = h === single ? await writeClicks(h, batch) : await insertClicks(h.db, batch);
          if (h === single) written.replayed += batch.length - again;
        }
      }
    }

    // Conversions: registrations credited to a click's link (its tags, a wrong link when the seller's
    // type is not the audience), some approved, and unattributed ones.
    for (let i = 0; i < 200; i++) {
      const click = pick(clicks);
      const credited = r() < 0.85;
      const sellerType = pick(["LOCAL_SELLER", "CROSS_BORDER_SELLER"]);
      const occurred = new Date(click.clicked_at.getTime() + Math.floor(r() * 6 * HOUR));
      const registration = {
        event_type: "seller.registered" as const,
        seller_id: `seller-${i}`,
        seller_type: sellerType,
        click_id: credited ? click.id : null,
        channel: null,
        partner_id: credited ? click.partner_id : null,
        service_id: credited ? click.service_id : null,
        link_id: credited ? click.link_id : null,
        attributed_click_id: credited ? click.id : null,
        utm_source: credited ? (click.utm_source ?? null) : null,
        utm_medium: credited ? (click.utm_medium ?? null) : null,
        utm_campaign: credited ? (click.utm_campaign ?? null) : null,
        utm_content: credited ? (click.utm_content ?? null) : null,
        wrong_link: credited ? sellerType !== click.audience : null,
        occurred_at: occurred,
        received_at: occurred,
      };
      const approved = r() < 0.4;
      for (const h of [single, citus]) {
        const event = `evt-${i}`;
        await insertConversion(h.db, { id: newId(), event_id: event, ...registration });
        if (approved) {
          const later = new Date(occurred.getTime() + 2 * HOUR);
          await insertConversion(h.db, {
            id: newId(),
            event_id: `${event}-approved`,
            ...registration,
            event_type: "shop.approved",
            occurred_at: later,
            received_at: later,
          });
        }
      }
      written.conversions += approved ? 2 : 1;
    }
  });

  afterAll(async () => {
    await single?.close();
    await citus?.close();
    if (!nodes) return;
    const admin = postgres(nodes.coordinator, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${singleName} WITH (FORCE)`);
    await admin.end();
    await dropCitusDatabase(nodes, citusName);
  });

  const range = { from: new Date(base - DAY), to: new Date(base + 4 * DAY) };
  const scopes = (): [string, AnalyticsScope][] => [
    ["every partner (staff)", range],
    ...partners.map((p, i): [string, AnalyticsScope] => [`partner ${i}`, { ...range, partnerId: p }]),
    ["one link", { ...range, partnerId: links[0]?.partner_id, linkId: links[0]?.id }],
    ["one service", { ...range, partnerId: links[2]?.partner_id, serviceId: links[2]?.service_id }],
    [
      "a partial day",
      { from: new Date(base + 5 * HOUR + 30 * 60_000), to: new Date(base + DAY + 7 * HOUR), partnerId: partners[0] },
    ],
  ];

  it("is really distributed on Citus, and the traffic is what the test means", async () => {
    const rows =
      await citus.pg!`SELECT logicalrelid::text AS t, partmethod FROM pg_dist_partition WHERE logicalrelid::text IN ('clicks', 'click_rollups_hourly', 'partners')`;
    expect(Object.fromEntries(rows.map((x) => [x.t, x.partmethod]))).toEqual({
      clicks: "h",
      click_rollups_hourly: "h",
      partners: "n",
    });
    const [count] = await citus.pg!`SELECT count(*)::int AS n FROM clicks`;
    expect(count?.n).toBe(3_000);
    expect(written.clicks).toBe(3_000);
    expect(written.replayed).toBeGreaterThan(0);
    const [other] = await citus.pg!`SELECT count(*)::int AS n FROM click_rollups_daily_dims WHERE value = '(other)'`;
    expect(other?.n).toBeGreaterThan(0); // the campaign bound was reached
  });

  it("gives identical totals, series, breakdowns and funnels for every scope", async () => {
    let answers = 0;
    for (const [name, scope] of scopes()) {
      const ask = async (h: DbHandle) => ({
        totals: await analyticsTotals(h.db, scope),
        hourly: await analyticsTimeseries(h.db, scope, "hour", "UTC"),
        daily: await analyticsTimeseries(h.db, scope, "day", "America/New_York"),
        campaign: await analyticsTimeseries(h.db, { ...scope, campaign: "spring" }, "day", "Asia/Shanghai"),
        breakdowns: await Promise.all(BREAKDOWN_DIMENSIONS.map((d) => analyticsBreakdown(h.db, scope, d, 100))),
        funnels: await Promise.all(FUNNEL_GROUPS.map((g) => analyticsFunnel(h.db, scope, g, 100))),
      });
      const [a, b] = [await ask(single), await ask(citus)];
      expect(b, name).toEqual(a);
      answers++;
      if (name === "every partner (staff)") {
        expect(a.totals.clicks).toBeGreaterThan(1_000);
        expect(a.totals.bot_clicks).toBeGreaterThan(0);
        expect(a.totals.inactive_clicks).toBeGreaterThan(0);
        expect(a.totals.unique_clicks).toBeGreaterThan(0);
        expect(a.totals.unique_clicks).toBeLessThan(a.totals.clicks);
        expect(a.totals.registrations).toBeGreaterThan(0);
        expect(a.totals.approved_shops).toBeGreaterThan(0);
        expect(a.totals.wrong_link_registrations).toBeGreaterThan(0);
      }
    }
    expect(answers).toBe(scopes().length);
    // Its rows come in no particular order (no ORDER BY): compared by partner.
    const quality = async (h: DbHandle) =>
      (await referralQuality(h.db, partners, range.from, range.to)).sort((x, y) => x.partner_id.localeCompare(y.partner_id));
    expect(await quality(citus)).toEqual(await quality(single));
  });

  it("stores the same clicks (uniqueness decided alike) and the same rollup rows", async () => {
    const clicks = (h: DbHandle) =>
      h.pg!`SELECT id, is_unique FROM clicks ORDER BY id`.then((rows) => rows.map((x) => `${x.id}:${x.is_unique}`));
    expect(await clicks(citus)).toEqual(await clicks(single));
    for (const table of [
      "click_rollups_hourly",
      "click_rollups_hourly_dims",
      "click_rollups_daily_dims",
      "conversion_rollups_hourly",
      "campaign_values_daily",
    ]) {
      const rows = (h: DbHandle) => h.pg!.unsafe(`SELECT * FROM ${table} ORDER BY 1, 2, 3, 4, 5`).then((x) => JSON.stringify(x));
      expect(await rows(citus), table).toBe(await rows(single));
    }
  });
});
