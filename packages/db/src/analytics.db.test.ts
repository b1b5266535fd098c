import { mintLinkToken } from "@shopreg/domain";
import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "./create-db.ts";
import { newId } from "./ids.ts";
import {
  analyticsBreakdown,
  analyticsFunnel,
  analyticsTimeseries,
  analyticsTotals,
  countClicksRaw,
  insertClickRows,
  insertConversion,
  insertLinksIfAbsent,
  insertPartner,
  insertService,
} from "./index.ts";
import { createTestDb, testEngines } from "./testing.ts";

const DAY = 86_400_000;
const base = new Date("2026-10-01T00:00:00Z");

describe.each(testEngines())("analytics rollups on $engine", ({ engine }) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb(engine);
  });
  afterAll(async () => h?.close());

  async function partnerWithLinks() {
    const now = new Date();
    const p = await insertPartner(h.db, {
      id: newId(),
      company_name: `P ${Math.random()}`,
      entity_type: "US",
      registration_region: "US",
      company_registration_region: "US",
      contact_name: "c",
      contact_email: "c@example.com",
      contact_phone: null,
      created_at: now,
      updated_at: now,
    });
    const s = await insertService(h.db, {
      id: newId(),
      partner_id: p.id,
      type: "CUSTOM",
      category_id: "shop_registration",
      target_market: "US",
      name: "Svc",
      description: "d",
      contact_email: "s@example.com",
      status: "ON",
      first_published_at: now,
      created_at: now,
      updated_at: now,
    });
    const links = (["LOCAL_SELLER", "CROSS_BORDER_SELLER"] as const).map((audience) => ({
      id: newId(),
      service_id: s.id,
      partner_id: p.id,
      audience,
      target_market: "US",
      token: mintLinkToken(),
      created_at: now,
    }));
    await insertLinksIfAbsent(h.db, links);
    return { partnerId: p.id, serviceId: s.id, links };
  }

  const clickArb = fc.record({
    link: fc.integer({ min: 0, max: 1 }),
    offsetMin: fc.integer({ min: 0, max: 3 * 24 * 60 }),
    isBot: fc.boolean(),
    active: fc.boolean(),
    unique: fc.boolean(),
    country: fc.constantFrom("US", "CN", null),
    device: fc.constantFrom("mobile", "desktop", null),
    referrer: fc.constantFrom("tiktok.com", "google.com", null),
  });

  it("rollups equal counts computed from the raw clicks, for any click stream and batching", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(clickArb, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 25 }),
        async (stream, batch) => {
          const { partnerId, links } = await partnerWithLinks();
          const rows = stream.map((c) => {
            const link = links[c.link]!;
            return {
              id: newId(),
              link_id: link.id,
              service_id: link.service_id,
              partner_id: partnerId,
              audience: link.audience,
              clicked_at: new Date(base.getTime() + c.offsetMin * 60_000),
              visitor_hash: "v",
              country: c.country,
              device: c.device,
              browser: null,
              os: null,
              referrer_host: c.referrer,
              is_bot: c.isBot,
              link_active: c.active,
              is_unique: c.unique && !c.isBot,
            };
          });
          for (let i = 0; i < rows.length; i += batch) {
            const chunk = rows.slice(i, i + batch);
            expect(await insertClickRows(h.db, chunk)).toBe(chunk.length);
            // A replayed batch changes nothing: ON CONFLICT DO NOTHING rows never reach the rollups.
            expect(await insertClickRows(h.db, chunk)).toBe(0);
          }
          const from = base;
          const to = new Date(base.getTime() + 4 * DAY);
          const raw = await countClicksRaw(h.db, partnerId, from, to);
          const totals = await analyticsTotals(h.db, { from, to, partnerId });
          expect({
            clicks: totals.clicks,
            unique_clicks: totals.unique_clicks,
            bot_clicks: totals.bot_clicks,
            inactive_clicks: totals.inactive_clicks,
          }).toEqual(raw);

          const series = await analyticsTimeseries(h.db, { from, to, partnerId }, "day", "UTC");
          expect(series).toHaveLength(4);
          expect(series.reduce((n, b) => n + b.clicks, 0)).toBe(raw.clicks);

          const byCountry = await analyticsBreakdown(h.db, { from, to, partnerId }, "country");
          const expectedCountry = new Map<string, number>();
          for (const r of rows)
            if (!r.is_bot && r.link_active)
              expectedCountry.set(r.country ?? "unknown", (expectedCountry.get(r.country ?? "unknown") ?? 0) + 1);
          for (const [value, n] of expectedCountry) expect(byCountry.find((b) => b.value === value)?.clicks).toBe(n);
          // A range with partial days at both ends mixes daily and hourly rollups; still exact.
          const edgeTo = new Date(base.getTime() + 2 * DAY + 7 * 3_600_000);
          const byDevice = await analyticsBreakdown(
            h.db,
            { from: new Date(base.getTime() + 5 * 3_600_000), to: edgeTo, partnerId },
            "device",
          );
          const rawFrom = new Date(base.getTime() + 5 * 3_600_000);
          const expectedDevices = rows.filter(
            (r) => !r.is_bot && r.link_active && r.clicked_at >= rawFrom && r.clicked_at < edgeTo,
          ).length;
          expect(byDevice.reduce((n, b) => n + b.clicks, 0)).toBe(expectedDevices);
          const byAudience = await analyticsBreakdown(h.db, { from, to, partnerId }, "audience");
          expect(byAudience.reduce((n, b) => n + b.clicks, 0)).toBe(raw.clicks);
        },
      ),
      { numRuns: engine === "pglite" ? 15 : 10 },
    );
  });

  it("buckets days in the requested time zone", async () => {
    const { partnerId, links } = await partnerWithLinks();
    const link = links[0]!;
    // 03:00 UTC on Oct 2 is still Oct 1 in New York (UTC-4).
    await insertClickRows(h.db, [
      {
        id: newId(),
        link_id: link.id,
        service_id: link.service_id,
        partner_id: partnerId,
        audience: link.audience,
        clicked_at: new Date("2026-10-02T03:00:00Z"),
        visitor_hash: "v",
        country: null,
        device: null,
        browser: null,
        os: null,
        referrer_host: null,
        is_bot: false,
        link_active: true,
        is_unique: true,
      },
    ]);
    const scope = { from: new Date("2026-10-01T04:00:00Z"), to: new Date("2026-10-03T04:00:00Z"), partnerId };
    const ny = await analyticsTimeseries(h.db, scope, "day", "America/New_York");
    expect(ny.map((b) => [b.bucket_start.toISOString(), b.clicks])).toEqual([
      ["2026-10-01T04:00:00.000Z", 1],
      ["2026-10-02T04:00:00.000Z", 0],
    ]);
  });

  it("rolls attributed conversions into the funnel per service and link", async () => {
    const { partnerId, serviceId, links } = await partnerWithLinks();
    const link = links[1]!;
    const at = new Date("2026-10-05T10:30:00Z");
    for (const [i, type] of (["seller.registered", "shop.approved"] as const).entries()) {
      await insertConversion(h.db, {
        id: newId(),
        event_id: `evt_${newId()}`,
        event_type: type,
        seller_id: `seller_${serviceId}`,
        seller_type: "CROSS_BORDER",
        click_id: null,
        channel: link.token,
        partner_id: partnerId,
        service_id: serviceId,
        link_id: link.id,
        attributed_click_id: null,
        occurred_at: new Date(at.getTime() + i * 1000),
        received_at: at,
      });
    }
    const scope = { from: new Date("2026-10-05T00:00:00Z"), to: new Date("2026-10-06T00:00:00Z"), partnerId };
    const [byLink] = await analyticsFunnel(h.db, scope, "link");
    expect(byLink).toMatchObject({
      key: link.id,
      audience: "CROSS_BORDER_SELLER",
      registrations: 1,
      approved_shops: 1,
      service_id: serviceId,
    });
    const [overall] = await analyticsFunnel(h.db, scope, "none");
    expect(overall).toMatchObject({ registrations: 1, approved_shops: 1, clicks: 0 });
    const { rows } = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM conversion_rollups_hourly WHERE partner_id = ${partnerId}::uuid`.execute(h.db);
    expect(rows[0]?.n).toBe(1);
  });
});
