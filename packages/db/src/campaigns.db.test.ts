import { mintLinkToken } from "@shopreg/domain";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "./create-db.ts";
import { newId } from "./ids.ts";
import {
  analyticsBreakdown,
  analyticsFunnel,
  analyticsTimeseries,
  CAMPAIGN_VALUES_PER_LINK_DAY,
  type ClickToRecord,
  insertClicks,
  insertConversion,
  insertLinksIfAbsent,
  insertPartner,
  insertService,
  NONE_VALUE,
  OTHER_VALUE,
  referralQuality,
  writeClicks,
} from "./index.ts";
import { createTestDb, testEngines } from "./testing.ts";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const base = new Date("2026-10-01T00:00:00Z");

describe.each(testEngines())("campaign tags in the rollups on $engine", ({ engine }) => {
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

  type Link = Awaited<ReturnType<typeof partnerWithLinks>>["links"][number];
  const click = (link: Link, at: Date, tags: Partial<ClickToRecord> = {}, isBot = false): ClickToRecord => ({
    id: newId(),
    link_id: link.id,
    service_id: link.service_id,
    partner_id: link.partner_id,
    audience: link.audience,
    clicked_at: at,
    visitor_hash: `v${Math.random()}`,
    country: null,
    device: null,
    browser: null,
    os: null,
    referrer_host: null,
    is_bot: isBot,
    link_active: true,
    ...tags,
  });
  // On a server the gateway writes with COPY; both writers must carry the tags.
  const write = (rows: ClickToRecord[]) => (h.pg ? writeClicks({ db: h.db, pg: h.pg }, rows) : insertClicks(h.db, rows));

  it("keeps the tags on the click and breaks clicks down by campaign, source and medium, untagged as (none)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            link: fc.integer({ min: 0, max: 1 }),
            offsetMin: fc.integer({ min: 0, max: 3 * 24 * 60 }),
            isBot: fc.boolean(),
            campaign: fc.constantFrom("spring-webinar", "fb-group", "春季", null),
            source: fc.constantFrom("facebook", "newsletter", null),
          }),
          { minLength: 1, maxLength: 50 },
        ),
        fc.integer({ min: 1, max: 20 }),
        async (stream, batch) => {
          const { partnerId, links } = await partnerWithLinks();
          const rows = stream
            .map((c) =>
              click(
                links[c.link] as Link,
                new Date(base.getTime() + c.offsetMin * 60_000),
                { utm_campaign: c.campaign, utm_source: c.source, utm_medium: c.source ? "social" : null, utm_content: "x" },
                c.isBot,
              ),
            )
            .sort((a, b) => a.clicked_at.getTime() - b.clicked_at.getTime());
          for (let i = 0; i < rows.length; i += batch) await write(rows.slice(i, i + batch));

          const stored = await h.db
            .selectFrom("clicks")
            .select(["id", "utm_source", "utm_medium", "utm_campaign", "utm_content"])
            .where("partner_id", "=", partnerId)
            .execute();
          const byId = new Map(stored.map((r) => [r.id, r]));
          for (const r of rows) {
            expect(byId.get(r.id)).toEqual({
              id: r.id,
              utm_source: r.utm_source,
              utm_medium: r.utm_medium,
              utm_campaign: r.utm_campaign,
              utm_content: r.utm_content,
            });
          }

          // Whole days (daily table) and a range with partial days at both ends (hourly + daily): exact.
          for (const [from, to] of [
            [base, new Date(base.getTime() + 4 * DAY)],
            [new Date(base.getTime() + 5 * HOUR), new Date(base.getTime() + 2 * DAY + 7 * HOUR)],
          ] as const) {
            const inRange = rows.filter((r) => r.clicked_at >= from && r.clicked_at < to);
            for (const [dimension, column] of [
              ["campaign", "utm_campaign"],
              ["source", "utm_source"],
            ] as const) {
              const expected = new Map<string, { clicks: number; bot_clicks: number }>();
              for (const r of inRange) {
                const v = r[column] ?? NONE_VALUE;
                const e = expected.get(v) ?? { clicks: 0, bot_clicks: 0 };
                if (r.is_bot) e.bot_clicks++;
                else e.clicks++;
                expected.set(v, e);
              }
              const got = await analyticsBreakdown(h.db, { from, to, partnerId }, dimension);
              expect(new Map(got.map((g) => [g.value, { clicks: g.clicks, bot_clicks: g.bot_clicks }]))).toEqual(expected);
              for (const g of got) expect(g.registrations).toBe(0);
            }
          }
        },
      ),
      { numRuns: engine === "pglite" ? 12 : 8 },
    );
  });

  it(`keeps at most ${CAMPAIGN_VALUES_PER_LINK_DAY} campaigns per link and day, the rest as (other)`, async () => {
    const { partnerId, links } = await partnerWithLinks();
    const link = links[0] as Link;
    const name = (i: number) => `c${String(i).padStart(3, "0")}`;
    // 40 campaigns in one batch, 30 more (10 of them repeats) in a second: 60 distinct values.
    await write(Array.from({ length: 40 }, (_, i) => click(link, new Date(base.getTime() + HOUR), { utm_campaign: name(i) })));
    await write(
      Array.from({ length: 30 }, (_, i) => click(link, new Date(base.getTime() + 2 * HOUR), { utm_campaign: name(i + 30) })),
    );
    // The next day starts afresh; the other link has its own bound.
    await write([
      click(link, new Date(base.getTime() + DAY + HOUR), { utm_campaign: name(69) }),
      click(links[1] as Link, new Date(base.getTime() + HOUR), { utm_campaign: name(69) }),
    ]);
    const day1 = await analyticsBreakdown(h.db, { from: base, to: new Date(base.getTime() + DAY), partnerId }, "campaign", 200);
    const named = day1.filter((r) => r.value !== OTHER_VALUE);
    expect(named.map((r) => r.value).sort()).toEqual(Array.from({ length: 51 }, (_, i) => name(i === 50 ? 69 : i)).sort());
    // The first batch's 40 and the first 10 new names of the second (c040..c049) fit; c050..c059 went to (other).
    expect(day1.find((r) => r.value === name(69))?.clicks).toBe(1); // the other link's only
    expect(day1.find((r) => r.value === OTHER_VALUE)?.clicks).toBe(10);
    expect(day1.reduce((n, r) => n + r.clicks, 0)).toBe(71);
    // The hourly table follows the same mapping (a range with partial days reads it).
    const partial = await analyticsBreakdown(
      h.db,
      { from: new Date(base.getTime() + HOUR), to: new Date(base.getTime() + 3 * HOUR), partnerId },
      "campaign",
      200,
    );
    expect(partial.find((r) => r.value === OTHER_VALUE)?.clicks).toBe(10);
    const day2 = await analyticsBreakdown(
      h.db,
      { from: new Date(base.getTime() + DAY), to: new Date(base.getTime() + 2 * DAY), partnerId },
      "campaign",
    );
    expect(day2).toMatchObject([{ value: name(69), clicks: 1 }]);
  });

  it("rolls credited conversions up by their campaign, flags wrong-link registrations per audience, and rates referral quality", async () => {
    const { partnerId, links } = await partnerWithLinks();
    const [local, cross] = links as [Link, Link];
    const at = new Date(base.getTime() + 10 * HOUR);
    await write([
      click(cross, at, { utm_campaign: "spring-webinar", utm_source: "zoom" }),
      click(local, at),
      click(local, at, {}, true),
    ]);
    const convert = (
      link: Link,
      type: "seller.registered" | "shop.approved",
      seller: string,
      campaign: string | null,
      wrong: boolean,
    ) =>
      insertConversion(h.db, {
        id: newId(),
        event_id: `evt_${newId()}`,
        event_type: type,
        seller_id: seller,
        seller_type: wrong ? (link.audience === "LOCAL_SELLER" ? "CROSS_BORDER_SELLER" : "LOCAL_SELLER") : link.audience,
        click_id: null,
        channel: link.token,
        partner_id: partnerId,
        service_id: link.service_id,
        link_id: link.id,
        attributed_click_id: null,
        utm_campaign: campaign,
        utm_source: campaign ? "zoom" : null,
        wrong_link: wrong,
        occurred_at: new Date(at.getTime() + HOUR),
        received_at: new Date(),
      });
    // A local seller through the cross-border link (wrong), then approved; a cross-border seller on it; a local seller untagged.
    await convert(cross, "seller.registered", "s1", "spring-webinar", true);
    await convert(cross, "shop.approved", "s1", "spring-webinar", true);
    await convert(cross, "seller.registered", "s2", "spring-webinar", false);
    await convert(local, "seller.registered", "s3", null, false);

    const scope = { from: base, to: new Date(base.getTime() + 2 * DAY), partnerId };
    const byCampaign = await analyticsBreakdown(h.db, scope, "campaign");
    expect(byCampaign).toEqual([
      {
        value: NONE_VALUE,
        clicks: 1,
        unique_clicks: 1,
        bot_clicks: 1,
        registrations: 1,
        approved_shops: 0,
        wrong_link_registrations: 0,
      },
      {
        value: "spring-webinar",
        clicks: 1,
        unique_clicks: 1,
        bot_clicks: 0,
        registrations: 2,
        approved_shops: 1,
        wrong_link_registrations: 1,
      },
    ]);
    expect((await analyticsBreakdown(h.db, scope, "source")).find((r) => r.value === "zoom")?.registrations).toBe(2);
    expect((await analyticsBreakdown(h.db, scope, "country"))[0]?.registrations).toBeNull();

    const funnel = await analyticsFunnel(h.db, scope, "campaign");
    expect(funnel[0]).toMatchObject({ key: "spring-webinar", label: "spring-webinar", clicks: 1, registrations: 2 });
    const byAudience = await analyticsFunnel(h.db, scope, "audience");
    expect(byAudience.map((r) => [r.audience, r.registrations, r.wrong_link_registrations]).sort()).toEqual([
      ["CROSS_BORDER_SELLER", 2, 1],
      ["LOCAL_SELLER", 1, 0],
    ]);
    expect((await analyticsFunnel(h.db, scope, "none"))[0]?.wrong_link_registrations).toBe(1);

    const series = await analyticsTimeseries(h.db, { ...scope, campaign: "spring-webinar" }, "day", "UTC");
    expect(series.map((b) => [b.clicks, b.registrations, b.wrong_link_registrations])).toEqual([
      [1, 2, 1],
      [0, 0, 0],
    ]);

    const [quality, nobody] = await referralQuality(h.db, [partnerId, newId()], base, new Date(base.getTime() + 2 * DAY));
    expect(quality).toEqual({
      partner_id: partnerId,
      registrations: 3,
      approved_shops: 1,
      approval_rate: 0.3333,
      wrong_link_registrations: 1,
      wrong_link_rate: 0.3333,
      total_clicks: 3,
      bot_clicks: 1,
      bot_click_share: 0.3333,
    });
    expect(nobody).toMatchObject({ registrations: 0, approval_rate: null, bot_click_share: null });
  });
});
