import { insertClickRows, newId } from "@shopreg/db";
import { testEngines } from "@shopreg/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signConversion } from "../src/auth/signatures.ts";
import { startTestApi, type TestApi } from "../src/testing.ts";
import { expectError, partnerWithService, publish } from "./helpers.ts";

const SECRET = "test-conversions-secret-0123456789abcdef";
const base = new Date("2026-09-10T00:00:00Z");

describe.each(testEngines())("analytics API on $engine", ({ engine }) => {
  let api: TestApi;
  let reviewer: string;
  let analyst: string;
  let a: {
    cookie: string;
    partnerId: string;
    serviceId: string;
    links: { id: string; token: string; audience: string; service_id: string }[];
  };
  let b: typeof a;

  async function published() {
    const { partner, serviceId } = await partnerWithService(api, reviewer);
    const res = await publish(api, partner.cookie, serviceId);
    return { cookie: partner.cookie, partnerId: partner.partnerId, serviceId, links: res.body.referral_links };
  }

  beforeAll(async () => {
    api = await startTestApi(engine, { conversionsSecret: SECRET });
    reviewer = (await api.staff("reviewer")).cookie;
    analyst = (await api.staff("analyst")).cookie;
    a = await published();
    b = await published();
    const rows = [];
    // Partner a: 3 human clicks (one a repeat, so not unique) and a bot, on two days; partner b: one click.
    for (const [p, linkIdx, hoursIn, isBot, unique, country] of [
      [a, 0, 1, false, true, "US"],
      [a, 0, 2, false, false, "US"],
      [a, 1, 26, false, true, "CN"],
      [a, 1, 27, true, false, "CN"],
      [b, 0, 3, false, true, "GB"],
    ] as const) {
      const link = p.links[linkIdx]!;
      rows.push({
        id: newId(),
        link_id: link.id,
        service_id: link.service_id,
        partner_id: p.partnerId,
        audience: link.audience as "LOCAL_SELLER",
        clicked_at: new Date(base.getTime() + hoursIn * 3_600_000),
        visitor_hash: "v",
        country,
        device: "mobile",
        browser: "Safari",
        os: "iOS",
        referrer_host: null,
        is_bot: isBot,
        link_active: true,
        is_unique: unique,
      });
    }
    await insertClickRows(api.db, rows);
    const event = {
      event_id: `evt_${newId()}`,
      event_type: "seller.registered",
      occurred_at: new Date(base.getTime() + 30 * 3_600_000).toISOString(),
      seller_id: `seller_${newId()}`,
      seller_type: "CROSS_BORDER_SELLER",
      click_id: rows[2]!.id,
    };
    const raw = JSON.stringify(event);
    const ts = Math.floor(Date.now() / 1000);
    const res = await api.request("/v1/conversions", {
      method: "POST",
      rawBody: raw,
      headers: { "x-shopreg-timestamp": String(ts), "x-shopreg-signature": signConversion(SECRET, ts, raw) },
    });
    expect(res.status).toBe(201);
  });
  afterAll(async () => api?.close());

  const range = `from=${base.toISOString()}&to=${new Date(base.getTime() + 3 * 86_400_000).toISOString()}`;

  it("gives a partner its own totals, series, breakdowns and funnel, and nobody else's", async () => {
    const summary = await api.request(`/v1/analytics/summary?${range}`, { cookie: a.cookie });
    expect(summary.body).toMatchObject({ clicks: 3, unique_clicks: 2, bot_clicks: 1, registrations: 1, approved_shops: 0 });
    const other = await api.request(`/v1/analytics/summary?${range}`, { cookie: b.cookie });
    expect(other.body).toMatchObject({ clicks: 1, registrations: 0 });

    const series = await api.request(`/v1/analytics/timeseries?${range}&interval=day&tz=UTC`, { cookie: a.cookie });
    expect(series.body.data.map((d: { clicks: number }) => d.clicks)).toEqual([2, 1, 0]);
    expect(series.body.data.map((d: { registrations: number }) => d.registrations)).toEqual([0, 1, 0]);

    const byCountry = await api.request(`/v1/analytics/breakdown?${range}&dimension=country`, { cookie: a.cookie });
    expect(byCountry.body.data).toEqual([
      // Conversions carry no country: those counts are for the campaign dimensions only.
      {
        value: "US",
        clicks: 2,
        unique_clicks: 1,
        bot_clicks: 0,
        registrations: null,
        approved_shops: null,
        wrong_link_registrations: null,
      },
      {
        value: "CN",
        clicks: 1,
        unique_clicks: 1,
        bot_clicks: 1,
        registrations: null,
        approved_shops: null,
        wrong_link_registrations: null,
      },
    ]);

    const funnel = await api.request(`/v1/analytics/funnel?${range}&group_by=link`, { cookie: a.cookie });
    expect(funnel.body.data[0]).toMatchObject({ key: a.links[1]!.id, registrations: 1, clicks: 1 });

    // Another partner's service is not found; a staff-only report is not reachable.
    expectError(await api.request(`/v1/analytics/summary?${range}&service_id=${b.serviceId}`, { cookie: a.cookie }), 404);
    expectError(await api.request(`/v1/staff/analytics/top-partners?${range}`, { cookie: a.cookie }), 401);
    const convs = await api.request("/v1/analytics/conversions", { cookie: a.cookie });
    expect(convs.body.data).toHaveLength(1);
    expect((await api.request("/v1/analytics/conversions", { cookie: b.cookie })).body.data).toHaveLength(0);
    // Narrowed to the link it came through (or its service), and to nothing on the other link.
    const byLink = (id: string) => api.request(`/v1/analytics/conversions?link_id=${id}`, { cookie: a.cookie });
    expect((await byLink(a.links[1]!.id)).body.data).toHaveLength(1);
    expect((await byLink(a.links[0]!.id)).body.data).toHaveLength(0);
    const byService = await api.request(`/v1/analytics/conversions?service_id=${a.serviceId}`, { cookie: a.cookie });
    expect(byService.body.data).toHaveLength(1);
    expectError(await api.request(`/v1/analytics/conversions?link_id=${b.links[0]!.id}`, { cookie: a.cookie }), 404);
  });

  it("gives staff every partner, top partners and CSV", async () => {
    const all = await api.request(`/v1/staff/analytics/summary?${range}`, { cookie: analyst });
    expect(all.body.clicks).toBeGreaterThanOrEqual(4);
    const top = await api.request(`/v1/staff/analytics/top-partners?${range}`, { cookie: analyst });
    expect(top.body.data[0]).toMatchObject({ key: a.partnerId, registrations: 1 });
    const drill = await api.request(`/v1/staff/analytics/summary?${range}&partner_id=${b.partnerId}`, { cookie: analyst });
    expect(drill.body).toMatchObject({ clicks: 1, registrations: 0 });

    const csv = await api.request(`/v1/staff/analytics/export?${range}&report=funnel&group_by=partner`, { cookie: analyst });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.headers.get("content-disposition")).toMatch(/attachment; filename="shopreg-funnel-/);
    const lines = String(csv.body).trim().split("\r\n");
    expect(lines[0]).toBe(
      "key,label,partner_id,service_id,audience,clicks,unique_clicks,bot_clicks,inactive_clicks,registrations,approved_shops,wrong_link_registrations",
    );
    expect(lines.some((l) => l.startsWith(a.partnerId))).toBe(true);
  });

  it("refuses bad ranges and time zones with field detail", async () => {
    const tz = expectError(await api.request(`/v1/analytics/timeseries?${range}&tz=Mars/Olympus`, { cookie: a.cookie }), 422);
    expect(tz.details.fields[0].path).toBe("query.tz");
    expectError(
      await api.request(`/v1/analytics/summary?from=${base.toISOString()}&to=${base.toISOString()}`, { cookie: a.cookie }),
      422,
    );
    expectError(
      await api.request("/v1/analytics/timeseries?interval=hour&from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z", {
        cookie: a.cookie,
      }),
      422,
    );
  });
});
