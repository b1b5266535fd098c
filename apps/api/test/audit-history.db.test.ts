import { testEngines } from "@shopreg/db/testing";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMPLETE_DETAILS, startTestApi, type TestApi } from "../src/testing.ts";
import { auditOf, expectError, type Partner, publish, SERVICE_INPUT, submittedApplication } from "./helpers.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The audit log, the application history each side sees, and the review queue. */
describe.each(testEngines())("audit and history on $engine", ({ engine }) => {
  let api: TestApi;
  let reviewer: Awaited<ReturnType<TestApi["staff"]>>;

  beforeAll(async () => {
    api = await startTestApi(engine);
    reviewer = await api.staff("reviewer");
  });
  afterAll(async () => api?.close());

  it("every state change writes one audit row carrying the request id, actor and statuses", async () => {
    const partner = await api.signUp();
    const steps: { action: string; requestId: string | null }[] = [];
    const step = async (action: string, res: { status: number; headers: Headers; body: unknown }) => {
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
      steps.push({ action, requestId: res.headers.get("x-request-id") });
      return res;
    };
    const created = await step(
      "create",
      await api.request("/v1/applications", {
        cookie: partner.cookie,
        body: { category_id: "shop_registration", target_market: "US", details: COMPLETE_DETAILS.US },
      }),
    );
    const id = (created.body as { id: string }).id;
    await step("submit", await api.request(`/v1/applications/${id}/submit`, { cookie: partner.cookie, method: "POST" }));
    await step(
      "request_info",
      await api.request(`/v1/staff/applications/${id}/request-info`, {
        cookie: reviewer.cookie,
        body: { reason: "Add your website's privacy page." },
      }),
    );
    await step(
      "update_details",
      await api.request(`/v1/applications/${id}`, {
        cookie: partner.cookie,
        method: "PATCH",
        body: { details: { website: "https://test.example.com/privacy" } },
      }),
    );
    await step("resubmit", await api.request(`/v1/applications/${id}/resubmit`, { cookie: partner.cookie, method: "POST" }));
    await step("approve", await api.request(`/v1/staff/applications/${id}/approve`, { cookie: reviewer.cookie, method: "POST" }));

    const events = await auditOf(api, id);
    expect(events.map((e) => e.action)).toEqual(steps.map((s) => s.action));
    expect(events.map((e) => e.request_id)).toEqual(steps.map((s) => s.requestId));
    expect(events.map((e) => [e.from_status, e.to_status])).toEqual([
      [null, "DRAFT"],
      ["DRAFT", "REVIEWING"],
      ["REVIEWING", "NEEDS_INFO"],
      [null, null],
      ["NEEDS_INFO", "REVIEWING"],
      ["REVIEWING", "APPROVED"],
    ]);
    expect(events[2]).toMatchObject({ actor_id: reviewer.userId, reason: "Add your website's privacy page." });
    expect(events[4]?.data).toEqual({ revision: 2 });
    for (const e of events) expect(e.partner_id).toBe(partner.partnerId);

    const service = await api.request("/v1/services", { cookie: partner.cookie, body: SERVICE_INPUT });
    const sid = service.body.id;
    const pub = await publish(api, partner.cookie, sid);
    const off = await api.request(`/v1/services/${sid}/deactivate`, { cookie: partner.cookie, method: "POST" });
    const svcEvents = await auditOf(api, sid);
    expect(svcEvents.map((e) => [e.action, e.from_status, e.to_status])).toEqual([
      ["create", null, "DRAFT"],
      ["publish", "DRAFT", "ON"],
      ["deactivate", "ON", "OFF"],
    ]);
    expect(svcEvents[1]?.request_id).toBe(pub.headers.get("x-request-id"));
    expect(svcEvents[1]?.data).toMatchObject({ confirmed_target_market: "US", first_publication: true });
    expect(svcEvents[2]?.request_id).toBe(off.headers.get("x-request-id"));
  });

  it("the audit row is written in the change's transaction: when it fails, the change is rolled back", async () => {
    const partner = await api.signUp();
    const id = await submittedApplication(api, partner);
    // Make writing an approval's audit row fail inside the database.
    await sql
      .raw(`CREATE FUNCTION test_fail_audit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.action = 'approve' THEN RAISE EXCEPTION 'audit write failed'; END IF; RETURN NEW; END $$`)
      .execute(api.db);
    await sql
      .raw("CREATE TRIGGER test_fail_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION test_fail_audit()")
      .execute(api.db);
    try {
      const res = await api.request(`/v1/staff/applications/${id}/approve`, { cookie: reviewer.cookie, method: "POST" });
      expectError(res, 500, "internal_error");
    } finally {
      await sql.raw("DROP TRIGGER test_fail_audit ON audit_events").execute(api.db);
      await sql.raw("DROP FUNCTION test_fail_audit()").execute(api.db);
    }
    const row = await api.db.selectFrom("applications").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.status).toBe("REVIEWING");
    expect(row.decided_by).toBeNull();
    expect((await auditOf(api, id)).map((e) => e.action)).toEqual(["create", "submit"]);
  });

  it("partners see their history with the reviewer hidden; staff see who, plus every revision", async () => {
    const partner = await api.signUp({ company_registration_region: "CN", registration_region: "CN" });
    const created = await api.request("/v1/applications", {
      cookie: partner.cookie,
      body: { category_id: "shop_registration", target_market: "US", details: COMPLETE_DETAILS.NON_US },
    });
    const id = created.body.id;
    await api.request(`/v1/applications/${id}/submit`, { cookie: partner.cookie, method: "POST" });
    await api.request(`/v1/staff/applications/${id}/request-info`, {
      cookie: reviewer.cookie,
      body: { reason: "Upload a clearer business license." },
    });
    await api.request(`/v1/applications/${id}`, {
      cookie: partner.cookie,
      method: "PATCH",
      body: { details: { business_license: "doc_license_002" } },
    });
    const resubmitted = await api.request(`/v1/applications/${id}/resubmit`, { cookie: partner.cookie, method: "POST" });
    expect(resubmitted.body).toMatchObject({ status: "REVIEWING", revision: 2 });

    const history = await api.request(`/v1/applications/${id}/history`, { cookie: partner.cookie });
    expect(history.status).toBe(200);
    const decided = history.body.data.find((e: { action: string }) => e.action === "request_info");
    expect(decided).toMatchObject({
      actor_label: "TikTok Shop review team",
      actor_id: null,
      reason: "Upload a clearer business license.",
    });
    expect(JSON.stringify(history.body)).not.toContain(reviewer.email);
    expect(JSON.stringify(history.body)).not.toContain(reviewer.userId);
    // The partner's own steps keep its own label.
    expect(history.body.data.find((e: { action: string }) => e.action === "submit").actor_label).toBe(partner.email);
    // And the application itself does not say which reviewer decided.
    const app = await api.request(`/v1/applications/${id}`, { cookie: partner.cookie });
    expect(JSON.stringify(app.body)).not.toContain(reviewer.userId);
    expect(app.body.decision_reason).toBe("Upload a clearer business license.");

    const review = await api.request(`/v1/staff/applications/${id}`, { cookie: reviewer.cookie });
    expect(review.status).toBe(200);
    expect(review.body.application).toMatchObject({ id, revision: 2, status: "REVIEWING" });
    expect(review.body.partner).toMatchObject({ id: partner.partnerId, entity_type: "NON_US" });
    expect(review.body.revisions.map((r: { revision: number }) => r.revision)).toEqual([1, 2]);
    expect(review.body.revisions[0].details.business_license).toBe("doc_license_001");
    expect(review.body.revisions[1].details.business_license).toBe("doc_license_002");
    expect(review.body.history.map((e: { action: string }) => e.action)).toEqual([
      "create",
      "submit",
      "request_info",
      "update_details",
      "resubmit",
    ]);
    const staffDecided = review.body.history.find((e: { action: string }) => e.action === "request_info");
    expect(staffDecided).toMatchObject({ actor_id: reviewer.userId, actor_label: `reviewer:${reviewer.email}` });

    // A draft is private to its partner: staff cannot open it.
    const other = await api.signUp();
    const draft = await api.request("/v1/applications", {
      cookie: other.cookie,
      body: { category_id: "shop_registration", target_market: "US" },
    });
    expectError(await api.request(`/v1/staff/applications/${draft.body.id}`, { cookie: reviewer.cookie }), 404, "not_found");
  });

  it("filters the review queue and pages it oldest-first with a cursor", async () => {
    const tag = `Queue${Date.now().toString(36)}`;
    const partners: Partner[] = [];
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const nonUs = i % 2 === 1;
      const p = await api.signUp({
        company_name: `${tag} Agency ${i}`,
        ...(nonUs ? { company_registration_region: "SG", registration_region: "SG" } : {}),
      });
      partners.push(p);
      const created = await api.request("/v1/applications", {
        cookie: p.cookie,
        body: {
          category_id: "shop_registration",
          target_market: "US",
          details: nonUs ? COMPLETE_DETAILS.NON_US : COMPLETE_DETAILS.US,
        },
      });
      ids.push(created.body.id);
      const sub = await api.request(`/v1/applications/${created.body.id}/submit`, { cookie: p.cookie, method: "POST" });
      expect(sub.status).toBe(200);
      await sleep(5); // distinct submission times
    }
    const queue = (query: string) => api.request(`/v1/staff/applications?q=${tag}&${query}`, { cookie: reviewer.cookie });

    // Oldest first, across pages of two.
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await queue(`status=REVIEWING&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      expect(res.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.data.map((a: { id: string }) => a.id));
      cursor = res.body.next_cursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(ids);

    const nonUs = await queue("entity_type=NON_US");
    expect(nonUs.body.data.map((a: { id: string }) => a.id)).toEqual([ids[1], ids[3]]);
    for (const a of nonUs.body.data) expect(a.partner_entity_type).toBe("NON_US");

    const one = await api.request(`/v1/staff/applications?q=${encodeURIComponent(`${tag} Agency 2`)}`, {
      cookie: reviewer.cookie,
    });
    expect(one.body.data.map((a: { id: string }) => a.id)).toEqual([ids[2]]);
    expect(one.body.data[0].partner_company_name).toBe(`${tag} Agency 2`);

    // A percent sign is searched literally, not as a wildcard.
    const literal = await api.request(`/v1/staff/applications?q=${encodeURIComponent("%")}`, { cookie: reviewer.cookie });
    expect(literal.body.data).toEqual([]);

    const rows = await api.db.selectFrom("applications").select(["id", "submitted_at"]).where("id", "in", ids).execute();
    const at = new Map(rows.map((r) => [r.id, (r.submitted_at as Date).toISOString()]));
    const from = at.get(ids[1] as string) as string;
    const to = at.get(ids[3] as string) as string;
    const window = await queue(`submitted_from=${encodeURIComponent(from)}&submitted_to=${encodeURIComponent(to)}`);
    expect(window.body.data.map((a: { id: string }) => a.id)).toEqual([ids[1], ids[2]]);

    // Decided applications leave the default queue; a status filter finds them.
    await api.request(`/v1/staff/applications/${ids[0]}/approve`, { cookie: reviewer.cookie, method: "POST" });
    const reviewing = await api.request(`/v1/staff/applications?limit=100`, { cookie: reviewer.cookie });
    expect(reviewing.body.data.map((a: { id: string }) => a.id)).not.toContain(ids[0]);
    const approved = await queue("status=APPROVED");
    expect(approved.body.data.map((a: { id: string }) => a.id)).toEqual([ids[0]]);
    const both = await queue("status=approved,reviewing");
    expect(both.body.data).toHaveLength(5);

    const badStatus = await queue("status=LOST");
    expectError(badStatus, 422, "validation_failed");
    expectError(await queue("submitted_from=yesterday"), 422, "validation_failed");
  });

  it("filters the audit log by entity, action, actor and partner, newest first, with a cursor", async () => {
    const partner = await api.signUp();
    const id = await submittedApplication(api, partner);
    await api.request(`/v1/staff/applications/${id}/approve`, { cookie: reviewer.cookie, method: "POST" });

    const byEntity = await api.request(`/v1/staff/audit-events?entity_id=${id}`, { cookie: reviewer.cookie });
    expect(byEntity.body.data.map((e: { action: string }) => e.action)).toEqual(["approve", "submit", "create"]);

    const byAction = await api.request(`/v1/staff/audit-events?action=approve&actor_id=${reviewer.userId}`, {
      cookie: reviewer.cookie,
    });
    expect(byAction.body.data.length).toBeGreaterThan(0);
    for (const e of byAction.body.data) expect(e).toMatchObject({ action: "approve", actor_id: reviewer.userId });
    expect(byAction.body.data.map((e: { entity_id: string }) => e.entity_id)).toContain(id);

    const byPartner = await api.request(`/v1/staff/audit-events?partner_id=${partner.partnerId}&limit=2`, {
      cookie: reviewer.cookie,
    });
    expect(byPartner.body.data).toHaveLength(2);
    expect(byPartner.body.next_cursor).toEqual(expect.any(String));
    const next = await api.request(
      `/v1/staff/audit-events?partner_id=${partner.partnerId}&limit=2&cursor=${byPartner.body.next_cursor}`,
      { cookie: reviewer.cookie },
    );
    const all = [...byPartner.body.data, ...next.body.data];
    // sign_up, create, submit, approve: newest first, no repeats.
    expect(all.map((e: { action: string }) => e.action)).toEqual(["approve", "submit", "create", "sign_up"]);
    expect(next.body.next_cursor).toBeNull();

    const byType = await api.request(`/v1/staff/audit-events?entity_type=partner&partner_id=${partner.partnerId}`, {
      cookie: reviewer.cookie,
    });
    expect(byType.body.data.map((e: { action: string }) => e.action)).toEqual(["sign_up"]);
    expectError(await api.request("/v1/staff/audit-events?partner_id=nope", { cookie: reviewer.cookie }), 422);
    // Filters outside the audit vocabulary are named, not answered with an empty page.
    const misspelt = expectError(
      await api.request("/v1/staff/audit-events?action=aprove&entity_type=applications&actor_type=robot", {
        cookie: reviewer.cookie,
      }),
      422,
    );
    expect(misspelt.details.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      "query.action",
      "query.actor_type",
      "query.entity_type",
    ]);
    // Partners have no access to the audit log.
    expectError(await api.request("/v1/staff/audit-events", { cookie: partner.cookie }), 401, "unauthenticated");
  });
});
