import { testEngines } from "@shopreg/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../src/testing.ts";
import { auditOf, expectError, partnerWithService, publish, submittedApplication } from "./helpers.ts";

/** Races over real HTTP: the row locks and unique keys decide, not luck. */
describe.each(testEngines())("concurrency on $engine", ({ engine }) => {
  let api: TestApi;
  let reviewer: { cookie: string };

  beforeAll(async () => {
    api = await startTestApi(engine);
    reviewer = await api.staff("reviewer");
  });
  afterAll(async () => api?.close());

  it("eight concurrent publishes of one draft service: one 200, seven 409, exactly two links", async () => {
    const { partner, serviceId } = await partnerWithService(api, reviewer.cookie);
    const results = await Promise.all(Array.from({ length: 8 }, () => publish(api, partner.cookie, serviceId)));
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    for (const r of results.filter((r) => r.status !== 200)) expectError(r, 409, "invalid_transition");
    const links = await api.db.selectFrom("referral_links").selectAll().where("service_id", "=", serviceId).execute();
    expect(links.map((l) => l.audience).sort()).toEqual(["CROSS_BORDER_SELLER", "LOCAL_SELLER"]);
    expect(ok[0]?.body.referral_links.map((l: { token: string }) => l.token).sort()).toEqual(links.map((l) => l.token).sort());
    const publishes = (await auditOf(api, serviceId)).filter((e) => e.action === "publish");
    expect(publishes).toHaveLength(1);
  });

  it("concurrent re-publishes after a deactivation keep the same two links", async () => {
    const { partner, serviceId } = await partnerWithService(api, reviewer.cookie);
    const first = await publish(api, partner.cookie, serviceId);
    const tokens = first.body.referral_links.map((l: { token: string }) => l.token);
    await api.request(`/v1/services/${serviceId}/deactivate`, { cookie: partner.cookie, method: "POST" });
    const results = await Promise.all(Array.from({ length: 5 }, () => publish(api, partner.cookie, serviceId)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    const links = await api.db.selectFrom("referral_links").selectAll().where("service_id", "=", serviceId).execute();
    expect(links.map((l) => l.token).sort()).toEqual([...tokens].sort());
  });

  it("publishes racing revocations never leave a service On under a revoked application", async () => {
    const admin = await api.staff("admin");
    const setups = [];
    for (let i = 0; i < 6; i++) setups.push(await partnerWithService(api, reviewer.cookie));
    const responses = await Promise.all(
      setups.map((s) =>
        Promise.all([
          publish(api, s.partner.cookie, s.serviceId),
          api.request(`/v1/staff/applications/${s.applicationId}/revoke`, {
            cookie: admin.cookie,
            body: { reason: "Race check" },
          }),
        ]),
      ),
    );
    for (const [i, [pub, revoke]] of responses.entries()) {
      const s = setups[i] as (typeof setups)[number];
      expect(revoke.status).toBe(200);
      const service = await api.db.selectFrom("services").selectAll().where("id", "=", s.serviceId).executeTakeFirstOrThrow();
      const actions = (await auditOf(api, s.serviceId)).map((e) => e.action);
      if (pub.status === 200) {
        // The publish committed first; the revoke then turned the service Off.
        expect(service.status).toBe("OFF");
        expect(actions).toEqual(["create", "publish", "force_off"]);
      } else {
        // The revoke committed first; the publish saw no approval.
        expect(expectError(pub, 403, "application_not_approved").details.reason).toBe("application_not_approved");
        expect(service.status).toBe("DRAFT");
        expect(actions).toEqual(["create"]);
      }
    }
  });

  it("concurrent creates of an application: exactly one 201, the rest 409 naming it", async () => {
    const partner = await api.signUp();
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        api.request("/v1/applications", {
          cookie: partner.cookie,
          body: { category_id: "shop_registration", target_market: "US" },
        }),
      ),
    );
    const created = results.filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    for (const r of results.filter((r) => r.status !== 201)) {
      const error = expectError(r, 409, "application_already_live");
      expect(error.details.application_id).toBe(created[0]?.body.id);
    }
    const rows = await api.db.selectFrom("applications").selectAll().where("partner_id", "=", partner.partnerId).execute();
    expect(rows).toHaveLength(1);
    const creates = await api.db
      .selectFrom("audit_events")
      .selectAll()
      .where("partner_id", "=", partner.partnerId)
      .where("entity_type", "=", "application")
      .execute();
    expect(creates).toHaveLength(1);
  });

  it("concurrent sign-ups with one email: one account, the others 409 on contact_email", async () => {
    const email = `race-${Date.now()}@example.com`;
    const body = {
      company_name: "Race Co",
      registration_region: "US",
      company_registration_region: "US",
      contact_name: "Racer",
      contact_email: email,
      password: "correct-horse-battery",
    };
    const results = await Promise.all(Array.from({ length: 4 }, () => api.request("/v1/partners", { body })));
    // Every racer gets the same answer (sign-up reveals nothing about the address); one account results.
    expect(results.map((r) => r.status)).toEqual([202, 202, 202, 202]);
    const users = await api.db.selectFrom("users").selectAll().where("email", "=", email).execute();
    expect(users).toHaveLength(1);
    const partners = await api.db.selectFrom("partners").selectAll().where("contact_email", "=", email).execute();
    expect(partners).toHaveLength(1);
  });

  it("two reviewers deciding at once: one wins, the other gets 409", async () => {
    const partner = await api.signUp();
    const id = await submittedApplication(api, partner);
    const other = await api.staff("reviewer");
    const [a, b] = await Promise.all([
      api.request(`/v1/staff/applications/${id}/approve`, { cookie: reviewer.cookie, method: "POST" }),
      api.request(`/v1/staff/applications/${id}/reject`, { cookie: other.cookie, body: { reason: "Incomplete documents" } }),
    ]);
    const statuses = [a?.status, b?.status].sort();
    expect(statuses).toEqual([200, 409]);
    const decisions = (await auditOf(api, id)).filter((e) => e.action === "approve" || e.action === "reject");
    expect(decisions).toHaveLength(1);
  });
});
