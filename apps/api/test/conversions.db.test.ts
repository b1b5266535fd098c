import { newId } from "@shopreg/db";
import { testEngines } from "@shopreg/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signConversion } from "../src/auth/signatures.ts";
import type { TestApi } from "../src/testing.ts";
import { startTestApi } from "../src/testing.ts";
import { expectError, partnerWithService, publish } from "./helpers.ts";

const SECRET = "test-conversions-secret-0123456789abcdef";
const DAY = 86_400_000;

type Link = { id: string; token: string; audience: string; service_id: string };

describe.each(testEngines())("conversions intake and attribution on $engine", ({ engine }) => {
  let api: TestApi;
  let reviewer: string;
  beforeAll(async () => {
    api = await startTestApi(engine, { conversionsSecret: SECRET });
    reviewer = (await api.staff("reviewer")).cookie;
  });
  afterAll(async () => api?.close());

  async function publishedPartner() {
    const { partner, serviceId } = await partnerWithService(api, reviewer);
    const res = await publish(api, partner.cookie, serviceId);
    expect(res.status).toBe(200);
    return { partner, serviceId, links: res.body.referral_links as Link[] };
  }

  async function click(link: Link & { partner_id?: string }, partnerId: string, at: Date, isBot = false) {
    const id = newId();
    await api.db
      .insertInto("clicks")
      .values({
        id,
        link_id: link.id,
        service_id: link.service_id,
        partner_id: partnerId,
        audience: link.audience as "LOCAL_SELLER",
        clicked_at: at,
        visitor_hash: "visitor",
        country: "US",
        device: "mobile",
        browser: "Chrome",
        os: "iOS",
        referrer_host: "tiktok.com",
        is_bot: isBot,
        link_active: true,
        is_unique: !isBot,
      })
      .execute();
    return id;
  }

  const send = (
    event: Record<string, unknown>,
    opts: { secret?: string; timestamp?: number; headers?: Record<string, string> } = {},
  ) => {
    const raw = JSON.stringify(event);
    const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
    return api.request("/v1/conversions", {
      method: "POST",
      rawBody: raw,
      headers: {
        "x-shopreg-timestamp": String(ts),
        "x-shopreg-signature": signConversion(opts.secret ?? SECRET, ts, raw),
        ...opts.headers,
      },
    });
  };
  const event = (over: Record<string, unknown> = {}) => ({
    event_id: `evt_${newId()}`,
    event_type: "seller.registered",
    occurred_at: new Date().toISOString(),
    seller_id: `seller_${newId()}`,
    seller_type: "LOCAL_SELLER",
    ...over,
  });
  const conversionCount = async () =>
    Number(
      (
        await api.db
          .selectFrom("conversions")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("refuses unsigned, badly signed, stale and replayed requests, changing nothing", async () => {
    const before = await conversionCount();
    const e = event();
    expectError(await api.request("/v1/conversions", { body: e }), 401, "missing_signature");
    expectError(await send(e, { secret: "another-secret-that-is-long-enough-000" }), 401, "invalid_signature");
    expectError(await send(e, { timestamp: Math.floor(Date.now() / 1000) - 301 }), 401, "stale_timestamp");
    expectError(await send(e, { timestamp: Math.floor(Date.now() / 1000) + 301 }), 401, "stale_timestamp");
    expect(await conversionCount()).toBe(before);

    const raw = JSON.stringify(e);
    const ts = Math.floor(Date.now() / 1000);
    const headers = { "x-shopreg-timestamp": String(ts), "x-shopreg-signature": signConversion(SECRET, ts, raw) };
    expect((await api.request("/v1/conversions", { method: "POST", rawBody: raw, headers })).status).toBe(201);
    expectError(await api.request("/v1/conversions", { method: "POST", rawBody: raw, headers }), 409, "replayed_request");
    expect(await conversionCount()).toBe(before + 1);
  });

  it("validates the event with field-level errors", async () => {
    const res = await send({
      event_id: "x",
      event_type: "seller.deleted",
      occurred_at: "yesterday",
      seller_id: "s",
      seller_type: "LOCAL_SELLER",
    });
    const err = expectError(res, 422, "validation_failed");
    expect(err.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(["event_type", "occurred_at"]);
  });

  it("is idempotent by event id: a re-signed retry returns the first result", async () => {
    const e = event();
    const now = Math.floor(Date.now() / 1000);
    const first = await send(e, { timestamp: now - 10 });
    expect(first.status).toBe(201);
    const again = await send(e, { timestamp: now - 5 });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, outcome: "replayed" });
    expectError(await send({ ...e, seller_id: "someone-else" }, { timestamp: now - 3 }), 409, "event_id_reused");
  });

  it("credits the last non-bot click within 30 days, binds at registration, and approvals follow the binding", async () => {
    const a = await publishedPartner();
    const b = await publishedPartner();
    const now = Date.now();
    const local = a.links[0]!;
    const human = await click(local, a.partner.partnerId, new Date(now - 10 * DAY));
    const bot = await click(local, a.partner.partnerId, new Date(now - 1 * DAY), true);

    // click_id of a human click: credited to it.
    const r1 = await send(event({ click_id: human, channel: local.token }));
    expect(r1.body).toMatchObject({
      attributed: true,
      partner_id: a.partner.partnerId,
      link_id: local.id,
      attributed_click_id: human,
    });

    // A bot click_id does not count; the channel's last human click does.
    const r2 = await send(event({ click_id: bot, channel: local.token }));
    expect(r2.body).toMatchObject({ attributed: true, attributed_click_id: human });

    // Only clicks older than 30 days: kept, unattributed.
    const old = await click(b.links[1]!, b.partner.partnerId, new Date(now - 31 * DAY));
    const seller = `seller_${newId()}`;
    const r3 = await send(event({ click_id: old, channel: b.links[1]!.token, seller_id: seller }));
    expect(r3.status).toBe(201);
    expect(r3.body).toMatchObject({ attributed: false, partner_id: null });

    // Credit binds at registration: a later click for another partner moves nothing.
    const bound = `seller_${newId()}`;
    await send(event({ click_id: human, seller_id: bound }));
    const later = await click(b.links[0]!, b.partner.partnerId, new Date());
    const dup = await send(event({ click_id: later, seller_id: bound }));
    expect(dup.status).toBe(200);
    expect(dup.body).toMatchObject({ outcome: "duplicate", partner_id: a.partner.partnerId });
    const approved = await send(event({ event_type: "shop.approved", seller_id: bound, click_id: later }));
    expect(approved.body).toMatchObject({ event_type: "shop.approved", partner_id: a.partner.partnerId, link_id: local.id });

    // Audited as Seller Center's doing.
    const audit = await api.db.selectFrom("audit_events").selectAll().where("entity_id", "=", approved.body.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_type: "seller_center", action: "shop.approved", to_status: "ATTRIBUTED" });
  });
});
