import { createPublicKey, verify } from "node:crypto";
import { newId } from "@shopreg/db";
import { testEngines } from "@shopreg/db/testing";
import canonicalize from "canonicalize";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signConversion } from "../src/auth/signatures.ts";
import type { TestApi } from "../src/testing.ts";
import { startTestApi } from "../src/testing.ts";
import { runIncentiveJob } from "../src/usecases/incentives.ts";
import { type Locale, renderEventMail } from "../src/usecases/mail-copy.ts";
import { auditOf, expectError, fieldPaths, partnerWithService, publish } from "./helpers.ts";
import { startReceiver, startSmtp, until } from "./webhook-kit.ts";

const renderMail = (e: Parameters<typeof renderEventMail>[0], to: string, l: Locale) =>
  renderEventMail(e, to, l, "http://127.0.0.1:4200");

const SECRET = "test-conversions-secret-0123456789abcdef";
const DAY = 86_400_000;
type Link = { id: string; token: string; audience: string; service_id: string };

/**
 * Incentive programs end to end over HTTP (docs/incentives.md): a program defined by an admin,
 * seller lifecycle events from Seller Center (signed, idempotent, in any order), the partner's
 * statement updated one seller at a time, closed by the job and signed, a dispute accepted into an
 * adjustment line on the next statement, and one partner never seeing another's.
 */
describe.each(testEngines())("incentive programs on $engine", ({ engine }) => {
  let api: TestApi;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let reviewer: string;
  let admin: string;
  let analyst: string;
  let a: { cookie: string; partnerId: string };
  let b: { cookie: string; partnerId: string };
  const sellers = { s1: "", s2: "", s3: "", s4: "", s5: "", wrong: "", b1: "" };
  let programId: string;
  let local: Link;
  const now = Date.now();

  async function publishedPartner(locale: "en" | "zh-CN" = "en") {
    const { partner, serviceId } = await partnerWithService(api, reviewer, { locale });
    const res = await publish(api, partner.cookie, serviceId);
    expect(res.status).toBe(200);
    return { partner, links: res.body.referral_links as Link[] };
  }

  async function register(partnerId: string, link: Link, sellerType = "LOCAL_SELLER") {
    const clickId = newId();
    await api.db
      .insertInto("clicks")
      .values({
        id: clickId,
        link_id: link.id,
        service_id: link.service_id,
        partner_id: partnerId,
        audience: link.audience as "LOCAL_SELLER",
        clicked_at: new Date(now - DAY),
        visitor_hash: "visitor",
        country: "US",
        device: "mobile",
        browser: "Chrome",
        os: "iOS",
        referrer_host: "tiktok.com",
        is_bot: false,
        link_active: true,
        is_unique: true,
      })
      .execute();
    const sellerId = `seller_${newId()}`;
    const res = await api.convert({
      event_id: `evt_${newId()}`,
      event_type: "seller.registered",
      occurred_at: new Date(now - DAY / 2).toISOString(),
      seller_id: sellerId,
      seller_type: sellerType,
      click_id: clickId,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return sellerId;
  }

  // Each request is signed afresh (a signature works once), so a retry differs by its timestamp.
  let tick = 0;
  const send = (event: Record<string, unknown>, secret = SECRET) => {
    const raw = JSON.stringify(event);
    const ts = Math.floor(Date.now() / 1000) - (tick++ % 60);
    return api.request("/v1/seller-events", {
      method: "POST",
      rawBody: raw,
      headers: { "x-shopreg-timestamp": String(ts), "x-shopreg-signature": signConversion(secret, ts, raw) },
    });
  };
  const at = (offsetDays: number) => new Date(now + offsetDays * DAY).toISOString();

  const RULES = {
    period_start: new Date(now - 5 * DAY).toISOString(),
    period_end: new Date(now + DAY).toISOString(),
    grace_days: 30,
    markets: ["US"],
    seller_types: ["LOCAL_SELLER", "CROSS_BORDER_SELLER"],
    participation: { kind: "all_approved" },
    first_order_within_days: 30,
    gmv: { min_minor: 100_000, currency: "CNY", within_days: 30 },
    reward: { amount_minor: 200_000, currency: "CNY" },
    cap_per_partner_minor: 500_000,
    risk_reductions: { low: 0, medium: 50, high: 100 },
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    receiver = await startReceiver();
    api = await startTestApi(engine, { conversionsSecret: SECRET, smtpUrl: smtp.url });
    await api.startWorker();
    reviewer = (await api.staff("reviewer")).cookie;
    admin = (await api.staff("admin")).cookie;
    analyst = (await api.staff("analyst")).cookie;
    const pa = await publishedPartner("zh-CN");
    const pb = await publishedPartner();
    a = pa.partner;
    b = pb.partner;
    // Partner A listens for the incentive events on a real HTTP receiver.
    const endpoint = await api.request("/v1/webhook-endpoints", {
      cookie: a.cookie,
      body: { url: receiver.url, event_types: ["incentive.statement_closed", "incentive.dispute_resolved"] },
    });
    expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);
    local = pa.links.find((l) => l.audience === "LOCAL_SELLER") as Link;
    for (const name of ["s1", "s2", "s3", "s4"] as const) sellers[name] = await register(a.partnerId, local);
    // A local seller through the cross-border link: a wrong-link registration, excluded by rule.
    sellers.wrong = await register(a.partnerId, pa.links.find((l) => l.audience === "CROSS_BORDER_SELLER") as Link);
    sellers.b1 = await register(b.partnerId, pb.links.find((l) => l.audience === "LOCAL_SELLER") as Link);
  }, 180_000);
  afterAll(async () => {
    await api?.close();
    await receiver?.close();
    await smtp?.close();
  });

  it("lets an admin define a program, validated field by field; reviewers and analysts only read", async () => {
    const bad = await api.request("/v1/staff/incentive-programs", {
      cookie: admin,
      body: {
        name: "Q1",
        name_zh: "一季度",
        rules: { ...RULES, period_end: RULES.period_start, grace_days: 3, markets: ["ZZ"] },
      },
    });
    expectError(bad, 422);
    expect(fieldPaths(bad)).toEqual(expect.arrayContaining(["rules.period_end", "rules.grace_days", "rules.markets.0"]));
    expect((await api.request("/v1/staff/incentive-programs", { cookie: reviewer, body: {} })).status).toBe(403);
    const nobody = await api.request("/v1/staff/incentive-programs", {
      cookie: admin,
      body: { name: "Q1", name_zh: "一季度", rules: { ...RULES, participation: { kind: "partners", partner_ids: [newId()] } } },
    });
    expectError(nobody, 422);
    expect(fieldPaths(nobody)).toEqual(["rules.participation.partner_ids.0"]);

    const res = await api.request("/v1/staff/incentive-programs", {
      cookie: admin,
      body: { name: "Activation Q1", name_zh: "一季度激活激励", rules: RULES },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    programId = res.body.id;
    expect(res.body).toMatchObject({ version: 1, name_zh: "一季度激活激励" });
    const read = await api.request(`/v1/staff/incentive-programs/${programId}`, { cookie: analyst });
    expect(read.status).toBe(200);
    expect(read.body.versions).toHaveLength(1);
    expect((await auditOf(api, programId)).map((r) => r.action)).toEqual(["create"]);
  });

  it("takes signed, idempotent seller events in any order and updates only that seller's line", async () => {
    // s1: GMV reported before the first order (out of order); eligible at full reward.
    expect(
      (
        await send({
          event_id: "e-s1-gmv",
          event_type: "seller.gmv",
          occurred_at: at(0),
          seller_id: sellers.s1,
          gmv: { amount_minor: 150_000, currency: "CNY" },
        })
      ).status,
    ).toBe(201);
    const first = await send({
      event_id: "e-s1-order",
      event_type: "seller.first_order",
      occurred_at: at(-0.1),
      seller_id: sellers.s1,
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ outcome: "recorded", attributed: true, lines_updated: 1 });
    // s2: eligible, then a medium governance flag halves its reward.
    await send({ event_id: "e-s2-order", event_type: "seller.first_order", occurred_at: at(0), seller_id: sellers.s2 });
    await send({
      event_id: "e-s2-gmv",
      event_type: "seller.gmv",
      occurred_at: at(0),
      seller_id: sellers.s2,
      gmv: { amount_minor: 120_000, currency: "CNY" },
    });
    await send({
      event_id: "e-s2-flag",
      event_type: "seller.governance_flag",
      occurred_at: at(0),
      seller_id: sellers.s2,
      risk_level: "medium",
    });
    // s3 ordered but its GMV is in another currency: pending on GMV until its window ends.
    await send({ event_id: "e-s3-order", event_type: "seller.first_order", occurred_at: at(0), seller_id: sellers.s3 });
    await send({
      event_id: "e-s3-gmv",
      event_type: "seller.gmv",
      occurred_at: at(0),
      seller_id: sellers.s3,
      gmv: { amount_minor: 999_999, currency: "USD" },
    });

    // Replays, conflicts, unknown sellers and bad signatures.
    const replay = await send({
      event_id: "e-s1-order",
      event_type: "seller.first_order",
      occurred_at: at(-0.1),
      seller_id: sellers.s1,
    });
    expect(replay.status).toBe(200);
    expect(replay.body.outcome).toBe("replayed");
    expectError(
      await send({ event_id: "e-s1-order", event_type: "seller.first_order", occurred_at: at(0), seller_id: sellers.s2 }),
      409,
    );
    const unknown = expectError(
      await send({ event_id: "e-x", event_type: "seller.first_order", occurred_at: at(0), seller_id: "nobody" }),
      409,
    );
    expect(unknown.details).toMatchObject({ reason: "seller_not_registered" });
    expectError(
      await send(
        { event_id: "e-y", event_type: "seller.first_order", occurred_at: at(0), seller_id: sellers.s1 },
        "wrong-secret-0123456789abcdef0123",
      ),
      401,
    );
    const invalid = await send({
      event_id: "e-z",
      event_type: "seller.gmv",
      occurred_at: at(0),
      seller_id: sellers.s1,
      gmv: { amount_minor: -1, currency: "cny" },
    });
    expectError(invalid, 422);
    expect(fieldPaths(invalid)).toEqual(expect.arrayContaining(["gmv.amount_minor", "gmv.currency"]));

    const s = await api.request(`/v1/incentives/programs/${programId}/statement`, { cookie: a.cookie });
    expect(s.status, JSON.stringify(s.body)).toBe(200);
    const line = (seller: string) => s.body.lines.find((l: { seller_id: string }) => l.seller_id === seller);
    expect(line(sellers.s1)).toMatchObject({ status: "eligible", amount_minor: 200_000 });
    expect(line(sellers.s2)).toMatchObject({
      status: "eligible",
      amount_minor: 100_000,
      risk_level: "medium",
      reduction_percent: 50,
    });
    expect(line(sellers.s3)).toMatchObject({ status: "pending", waiting_on: ["gmv"] });
    expect(line(sellers.s3).decision_at).toBeTruthy();
    expect(line(sellers.s4)).toMatchObject({ status: "pending", waiting_on: ["first_order", "gmv"] });
    expect(line(sellers.wrong)).toMatchObject({
      status: "excluded",
      rule: "wrong_link",
      reason_code: "wrong_link",
      reason_words: { zh: "通过另一商家类型的链接注册" },
    });
    // The running totals (moved one line at a time) agree with the lines.
    expect(s.body.totals).toMatchObject({
      eligible: 2,
      pending: 2,
      excluded: 1,
      gross_minor: 300_000,
      payable_minor: 300_000,
      cap_applied: false,
    });
    expect(s.body.lines).toHaveLength(5);
    type L = { status: string; amount_minor: number };
    const by = (st: string) => s.body.lines.filter((l: L) => l.status === st).length;
    expect([by("eligible"), by("pending"), by("excluded")]).toEqual([
      s.body.totals.eligible,
      s.body.totals.pending,
      s.body.totals.excluded,
    ]);
    expect(s.body.lines.reduce((n: number, l: L) => n + l.amount_minor, 0)).toBe(s.body.totals.gross_minor);
    expect(s.body.lines.some((l: { seller_id: string }) => l.seller_id === sellers.b1)).toBe(false);
  });

  it("never shows a partner another partner's program statement, lines or disputes", async () => {
    const own = await api.request(`/v1/incentives/programs/${programId}/statement`, { cookie: b.cookie });
    expect(own.status).toBe(200);
    expect(own.body.lines.map((l: { seller_id: string }) => l.seller_id)).toEqual([sellers.b1]);
    const aStatement = await api.request(`/v1/incentives/programs/${programId}/statement`, { cookie: a.cookie });
    const aLine = aStatement.body.lines[0].id;
    expectError(await api.request(`/v1/incentives/statements/${aStatement.body.id}/signed`, { cookie: b.cookie }), 404);
    expectError(
      await api.request("/v1/incentives/disputes", {
        cookie: b.cookie,
        body: { line_id: aLine, message: "This line is not right at all." },
      }),
      404,
    );
    // A partner outside a program's list does not learn it exists.
    const listed = await api.request("/v1/staff/incentive-programs", {
      cookie: admin,
      body: {
        name: "Only A",
        name_zh: "仅 A",
        rules: { ...RULES, participation: { kind: "partners", partner_ids: [a.partnerId] } },
      },
    });
    expect(listed.status).toBe(201);
    expectError(await api.request(`/v1/incentives/programs/${listed.body.id}/statement`, { cookie: b.cookie }), 404);
    const mine = await api.request("/v1/incentives/programs", { cookie: b.cookie });
    expect(mine.body.data.map((p: { program: { id: string } }) => p.program.id)).not.toContain(listed.body.id);
  });

  it("exports the statement as CSV", async () => {
    const res = await api.request(`/v1/incentives/programs/${programId}/statement.csv`, { cookie: a.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    const rows = String(res.body).trim().split("\r\n");
    expect(rows[0]).toMatch(/^line_id,kind,seller_id/);
    expect(rows).toHaveLength(6);
    expect(rows.find((r) => r.includes(sellers.s2))).toMatch(/,eligible,.*,100000,/);
  });

  it("gives a seller credited after the program started its line at once", async () => {
    const before = await api.request(`/v1/incentives/programs/${programId}/statement`, { cookie: a.cookie });
    sellers.s5 = await register(a.partnerId, local);
    const after = await api.request(`/v1/incentives/programs/${programId}/statement`, { cookie: a.cookie });
    expect(after.body.lines).toHaveLength(before.body.lines.length + 1);
    expect(after.body.lines.at(-1)).toMatchObject({ seller_id: sellers.s5, status: "pending" });
    expect(after.body.totals.pending).toBe(before.body.totals.pending + 1);
  });

  it("versions rules: a new version is audited and recomputes the open statement", async () => {
    const v = await api.request(`/v1/staff/incentive-programs/${programId}/versions`, {
      cookie: admin,
      body: { rules: { ...RULES, reward: { amount_minor: 180_000, currency: "CNY" } }, note: "Budget trimmed" },
    });
    expect(v.status, JSON.stringify(v.body)).toBe(201);
    expect(v.body.version).toBe(2);
    const audits = await auditOf(api, programId);
    expect(audits.map((r) => [r.action, r.from_status, r.to_status])).toEqual([
      ["create", null, "v1"],
      ["create_version", "v1", "v2"],
    ]);
    const s = await api.request(`/v1/incentives/programs/${programId}/statement`, { cookie: a.cookie });
    expect(s.body.program_version).toBe(2);
    expect(s.body.totals.gross_minor).toBe(180_000 + 90_000);
  });

  it("previews rules against the data already recorded without writing anything", async () => {
    const before = await api.request(`/v1/incentives/programs/${programId}/statement`, { cookie: a.cookie });
    const res = await api.request("/v1/staff/incentive-programs/preview", {
      cookie: admin,
      body: { rules: { ...RULES, gmv: null, reward: { amount_minor: 1_000, currency: "CNY" } }, evaluated_at: at(40) },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const mine = res.body.partners.find((p: { partner_id: string }) => p.partner_id === a.partnerId);
    // Without the GMV rule, s1, s2 and s3 ordered in time; s4 and s5 never did; the wrong-link seller is out.
    expect(mine.totals).toMatchObject({ eligible: 3, pending: 0, excluded: 3, gross_minor: 1_000 + 1_000 + 500 });
    expect(mine.excluded_by_reason).toEqual({ no_first_order_in_time: 2, wrong_link: 1 });
    expect(res.body.partners.map((p: { partner_id: string }) => p.partner_id)).toContain(b.partnerId);
    expectError(await api.request("/v1/staff/incentive-programs/preview", { cookie: reviewer, body: { rules: RULES } }), 403);
    const after = await api.request(`/v1/incentives/programs/${programId}/statement`, { cookie: a.cookie });
    expect(after.body).toEqual(before.body);
  });

  it("closes at period end + grace, signs the statement, and never changes it afterwards", async () => {
    const later = new Date(now + 32 * DAY);
    const result = await runIncentiveJob({ ...api.services, clock: () => later, requestId: "test" });
    expect(result.closed).toBe(3); // A's and B's statements of the first program, and A's of the second
    const s = await api.request(`/v1/incentives/programs/${programId}/statement`, { cookie: a.cookie });
    expect(s.body.status).toBe("closed");
    const s3 = s.body.lines.find((l: { seller_id: string }) => l.seller_id === sellers.s3);
    expect(s3).toMatchObject({ status: "excluded", rule: "gmv", reason_code: "gmv_below_threshold" });
    expect(s.body.content_hash).toMatch(/^sha256:[0-9a-f]{64}$/);

    const doc = await api.request(`/v1/incentives/statements/${s.body.id}/signed`, { cookie: a.cookie });
    expect(doc.status).toBe(200);
    const key = await api.request("/v1/incentives/signing-key");
    expect(key.body.alg).toBe("Ed25519");
    const bytes = Buffer.from(canonicalize(doc.body.statement) as string, "utf8");
    const pub = createPublicKey({ key: key.body.jwk, format: "jwk" });
    expect(verify(null, bytes, pub, Buffer.from(doc.body.signature.value, "base64url"))).toBe(true);
    expect(doc.body.content_hash).toBe(s.body.content_hash);
    const tampered = { ...doc.body.statement, totals: { ...doc.body.statement.totals, payable_minor: 9_999_999 } };
    expect(
      verify(null, Buffer.from(canonicalize(tampered) as string), pub, Buffer.from(doc.body.signature.value, "base64url")),
    ).toBe(false);

    // A late event for a seller on a closed statement changes nothing there.
    await send({ event_id: "e-s4-late", event_type: "seller.first_order", occurred_at: at(1), seller_id: sellers.s4 });
    const again = await api.request(`/v1/incentives/programs/${programId}/statement`, { cookie: a.cookie });
    expect(again.body.lines).toEqual(s.body.lines);
    expect(again.body.totals).toEqual(s.body.totals);

    const events = await api.db
      .selectFrom("events")
      .selectAll()
      .where("type", "=", "incentive.statement_closed")
      .where("partner_id", "=", a.partnerId)
      .execute();
    expect(events.length).toBeGreaterThanOrEqual(1);
    const mail = renderMail(events[0]!, "ops@example.cn", "zh-CN");
    expect(mail?.subject).toContain("结算单已关闭");
    // The mail leads to the statement: a real anchor to the portal's Incentives page.
    expect(mail?.html).toContain('<a href="http://127.0.0.1:4200/incentives">');
    expect(renderMail(events[0]!, "ops@example.com", "en")?.subject).toContain("is closed");
    // Delivered for real: the webhook to A's receiver, the mail in A's language (zh-CN) over SMTP.
    await until(
      () => receiver.received.some((r) => r.json.type === "incentive.statement_closed" && r.json.data.id === s.body.id),
      15_000,
      "statement_closed webhook",
    );
    const hook = receiver.received.find((r) => r.json.type === "incentive.statement_closed" && r.json.data.id === s.body.id);
    expect(hook?.json.data).toMatchObject({ id: s.body.id, status: "closed", content_hash: s.body.content_hash });
    await until(() => smtp.mails.some((m) => (m.subject ?? "").includes("结算单已关闭")), 15_000, "statement_closed mail");
  });

  it("takes a dispute to the reviewer queue; accepting adds an adjustment line on the next statement", async () => {
    const s = await api.request(`/v1/incentives/programs/${programId}/statement`, { cookie: a.cookie });
    const s3 = s.body.lines.find((l: { seller_id: string }) => l.seller_id === sellers.s3);
    const s4 = s.body.lines.find((l: { seller_id: string }) => l.seller_id === sellers.s4);
    const short = await api.request("/v1/incentives/disputes", { cookie: a.cookie, body: { line_id: s3.id, message: "no" } });
    expect(fieldPaths(short)).toEqual(["message"]);
    const d = await api.request("/v1/incentives/disputes", {
      cookie: a.cookie,
      body: {
        line_id: s3.id,
        message: "Its GMV was 1,200 CNY; Seller Center reported it in USD by mistake.",
        seller_reference: "SC-4471",
      },
    });
    expect(d.status, JSON.stringify(d.body)).toBe(201);
    expectError(
      await api.request("/v1/incentives/disputes", {
        cookie: a.cookie,
        body: { line_id: s3.id, message: "The same line once more, please." },
      }),
      409,
    );
    const d2 = await api.request("/v1/incentives/disputes", {
      cookie: a.cookie,
      body: { line_id: s4.id, message: "It ordered within thirty days." },
    });

    const queue = await api.request("/v1/staff/incentive-disputes?status=open", { cookie: analyst });
    expect(queue.body.data.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining([d.body.id, d2.body.id]));
    expectError(
      await api.request(`/v1/staff/incentive-disputes/${d.body.id}/accept`, {
        cookie: analyst,
        body: { adjustment_minor: 1, reason: "ok" },
      }),
      403,
    );

    const accepted = await api.request(`/v1/staff/incentive-disputes/${d.body.id}/accept`, {
      cookie: reviewer,
      body: { adjustment_minor: 180_000, reason: "GMV confirmed in CNY with Seller Center." },
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body).toMatchObject({ status: "accepted", adjustment_minor: 180_000 });
    expectError(
      await api.request(`/v1/staff/incentive-disputes/${d.body.id}/reject`, {
        cookie: reviewer,
        body: { reason: "Changed my mind" },
      }),
      409,
    );
    const rejected = await api.request(`/v1/staff/incentive-disputes/${d2.body.id}/reject`, {
      cookie: reviewer,
      body: { reason: "No order before the deadline." },
    });
    expect(rejected.body).toMatchObject({ status: "rejected", resolution_reason: "No order before the deadline." });

    // The closed statement is untouched; statement 2 carries the adjustment.
    const closed = await api.request(`/v1/incentives/programs/${programId}/statement`, { cookie: a.cookie });
    expect(closed.body.totals).toEqual(s.body.totals);
    const next = await api.request(`/v1/incentives/programs/${programId}/statement?sequence=2`, { cookie: a.cookie });
    expect(next.body).toMatchObject({ sequence: 2, status: "open", totals: { adjustments_minor: 180_000 } });
    expect(next.body.lines).toEqual([
      expect.objectContaining({ kind: "adjustment", dispute_id: d.body.id, amount_minor: 180_000, seller_id: sellers.s3 }),
    ]);

    expect((await auditOf(api, d.body.id)).map((r) => r.action)).toEqual(["dispute", "accept_dispute"]);
    const resolved = await api.db
      .selectFrom("events")
      .selectAll()
      .where("type", "=", "incentive.dispute_resolved")
      .where("partner_id", "=", a.partnerId)
      .execute();
    expect(resolved).toHaveLength(2);
    expect(renderMail(resolved.find((e) => e.payload.status === "accepted")!, "ops@example.cn", "zh-CN")?.subject).toBe(
      "您的激励申诉已被接受",
    );
    await until(
      () => receiver.received.filter((r) => r.json.type === "incentive.dispute_resolved").length === 2,
      15_000,
      "dispute webhooks",
    );
    await until(() => smtp.mails.some((m) => m.subject === "您的激励申诉已被驳回"), 15_000, "dispute mail");
    const mine = await api.request("/v1/incentives/disputes", { cookie: a.cookie });
    expect(mine.body.data).toHaveLength(2);
    expect((await api.request("/v1/incentives/disputes", { cookie: b.cookie })).body.data).toEqual([]);
  });

  it("publishes the catalogue's new webhook types and the operations in the OpenAPI document", async () => {
    const doc = (await api.request("/openapi.json")).body;
    expect(Object.keys(doc.webhooks)).toEqual(
      expect.arrayContaining(["incentive.statement_closed", "incentive.dispute_resolved"]),
    );
    expect(doc.paths["/v1/incentives/programs/{id}/statement"].get["x-shopreg-caller"]).toEqual({
      kind: "partner",
      scope: "incentives:read",
    });
    expect(doc.paths["/v1/seller-events"].post["x-shopreg-caller"]).toEqual({ kind: "signed" });
  });
});
