import { COMPLETE_DETAILS, startTestApi, type TestApi } from "@shopreg/api/testing";
import { newId } from "@shopreg/db";
import { testEngines } from "@shopreg/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Shopreg, sendSellerEvent, verifyStatement } from "../src/index.ts";

const SECRET = "sdk-test-conversions-secret-0123456789abcdef";
const DAY = 86_400_000;

/**
 * The SDK's incentive methods against the real API: Seller Center events sent with
 * sendSellerEvent, the partner's statement read with an incentives:read key, and a closed
 * statement verified offline with verifyStatement (and refused once tampered with).
 */
describe.each(testEngines())("incentives in the SDK on $engine", ({ engine }) => {
  let api: TestApi;
  let sdk: Shopreg;
  let programId = "";
  const sellerId = `seller_${newId()}`;

  beforeAll(async () => {
    api = await startTestApi(engine, { conversionsSecret: SECRET });
    const reviewer = (await api.staff("reviewer")).cookie;
    const admin = (await api.staff("admin")).cookie;
    const partner = await api.signUp();
    const app = await api.request("/v1/applications", {
      cookie: partner.cookie,
      body: { category_id: "shop_registration", target_market: "US", details: COMPLETE_DETAILS.US },
    });
    await api.request(`/v1/applications/${app.body.id}/submit`, { cookie: partner.cookie, method: "POST" });
    expect(
      (await api.request(`/v1/staff/applications/${app.body.id}/approve`, { cookie: reviewer, method: "POST" })).status,
    ).toBe(200);
    const svc = await api.request("/v1/services", {
      cookie: partner.cookie,
      body: {
        type: "CUSTOM",
        category_id: "shop_registration",
        target_market: "US",
        name: "Launch",
        description: "We register shops.",
        contact_email: "o@example.com",
      },
    });
    expect(svc.status, JSON.stringify(svc.body)).toBe(201);
    const live = await api.request(`/v1/services/${svc.body.id}/publish`, {
      cookie: partner.cookie,
      body: { confirm_target_market: "US" },
    });
    expect(live.status, JSON.stringify(live.body)).toBe(200);
    const link = live.body.referral_links.find((l: { audience: string }) => l.audience === "LOCAL_SELLER");
    const clickId = newId();
    await api.db
      .insertInto("clicks")
      .values({
        id: clickId,
        link_id: link.id,
        service_id: link.service_id,
        partner_id: partner.partnerId,
        audience: "LOCAL_SELLER",
        clicked_at: new Date(Date.now() - DAY),
        visitor_hash: "v",
        country: "US",
        device: "mobile",
        browser: "Chrome",
        os: "iOS",
        referrer_host: null,
        is_bot: false,
        link_active: true,
        is_unique: true,
      })
      .execute();
    const reg = await api.convert({
      event_id: `evt_${newId()}`,
      event_type: "seller.registered",
      occurred_at: new Date(Date.now() - DAY / 2).toISOString(),
      seller_id: sellerId,
      seller_type: "LOCAL_SELLER",
      click_id: clickId,
    });
    expect(reg.status).toBe(201);
    // A program whose statements are already due to close (its period and grace are over).
    const program = await api.request("/v1/staff/incentive-programs", {
      cookie: admin,
      body: {
        name: "Past",
        name_zh: "往期",
        rules: {
          period_start: new Date(Date.now() - 60 * DAY).toISOString(),
          period_end: new Date(Date.now() - 40 * DAY).toISOString(),
          grace_days: 30,
          onboarded_within_period: false,
          markets: ["US"],
          seller_types: ["LOCAL_SELLER"],
          participation: { kind: "partners", partner_ids: [partner.partnerId] },
          first_order_within_days: 30,
          reward: { amount_minor: 50_000, currency: "CNY" },
        },
      },
    });
    expect(program.status, JSON.stringify(program.body)).toBe(201);
    programId = program.body.id;
    const key = await api.request("/v1/api-keys", {
      cookie: partner.cookie,
      body: { name: "incentives", scopes: ["incentives:read", "incentives:write"] },
    });
    sdk = new Shopreg({ apiKey: key.body.secret, baseUrl: api.url, maxRetries: 0 });
    const sent = await sendSellerEvent({
      baseUrl: api.url,
      secret: SECRET,
      event: {
        event_id: `evt_${newId()}`,
        event_type: "seller.first_order",
        occurred_at: new Date().toISOString(),
        seller_id: sellerId,
      },
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect((await api.request("/v1/staff/incentive-statements/run-job", { cookie: admin, method: "POST" })).body.closed).toBe(1);
  }, 120_000);
  afterAll(async () => api?.close());

  it("reads programs and the statement, and verifies a closed statement offline", async () => {
    const programs = await sdk.incentives.programs();
    expect(programs.map((p) => p.program.id)).toEqual([programId]);
    const statement = await sdk.incentives.statement(programId);
    expect(statement.status).toBe("closed");
    expect(statement.lines).toEqual([expect.objectContaining({ seller_id: sellerId, status: "eligible", amount_minor: 50_000 })]);
    const csv = await sdk.incentives.exportStatement(programId);
    expect(csv.split("\r\n")[1]).toContain(sellerId);

    const doc = await sdk.incentives.signedStatement(statement.id);
    const key = await sdk.incentives.signingKey();
    expect(await verifyStatement(doc, key)).toEqual({ valid: true, content_hash: statement.content_hash, key_id: key.key_id });
    const tampered = { ...doc, statement: { ...doc.statement, lines: [] } };
    expect(await verifyStatement(tampered, key)).toEqual({ valid: false, reason: "hash_mismatch" });
    const forged = { ...tampered, content_hash: doc.content_hash.replace(/.$/, (c) => (c === "0" ? "1" : "0")) };
    expect((await verifyStatement(forged, key.jwk)).valid).toBe(false);
    const otherKey = { ...key.jwk, x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo" };
    expect(await verifyStatement(doc, otherKey)).toEqual({ valid: false, reason: "bad_signature" });
  });

  it("disputes a line and lists the dispute", async () => {
    const statement = await sdk.incentives.statement(programId);
    const d = await sdk.incentives.createDispute({
      line_id: statement.lines[0]!.id,
      message: "The reward should be higher here.",
    });
    expect(d.status).toBe("open");
    const mine = await sdk.incentives.disputes().toArray();
    expect(mine.map((x) => x.id)).toEqual([d.id]);
  });
});
