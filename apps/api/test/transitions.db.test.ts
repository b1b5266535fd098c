import { testEngines } from "@shopreg/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../src/testing.ts";
import {
  approvedApplication,
  counts,
  draftApplication,
  expectError,
  fieldPaths,
  partnerWithService,
  publish,
  SERVICE_INPUT,
  submittedApplication,
} from "./helpers.ts";

/** Illegal transitions: each gets a clear 4xx and leaves every row, and the audit log, as it was. */
describe.each(testEngines())("illegal transitions on $engine", ({ engine }) => {
  let api: TestApi;
  let reviewer: { cookie: string };

  beforeAll(async () => {
    api = await startTestApi(engine);
    reviewer = await api.staff("reviewer");
  });
  afterAll(async () => api?.close());

  const appRow = (id: string) => api.db.selectFrom("applications").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const serviceRow = (id: string) => api.db.selectFrom("services").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

  /** Runs the request and proves that no table's row count and neither watched row changed. */
  async function unchanged<T>(fn: () => Promise<T>, rows: { app?: string; service?: string } = {}): Promise<T> {
    const before = await counts(api);
    const app = rows.app ? await appRow(rows.app) : undefined;
    const svc = rows.service ? await serviceRow(rows.service) : undefined;
    const result = await fn();
    expect(await counts(api)).toEqual(before);
    if (rows.app) expect(await appRow(rows.app)).toEqual(app);
    if (rows.service) expect(await serviceRow(rows.service)).toEqual(svc);
    return result;
  }

  it("refuses to create a service without an approved application (403 application_not_approved)", async () => {
    const partner = await api.signUp();
    const none = await unchanged(() => api.request("/v1/services", { cookie: partner.cookie, body: SERVICE_INPUT }));
    const e1 = expectError(none, 403, "application_not_approved");
    expect(e1.details).toMatchObject({ reason: "application_not_approved", application_id: null });

    const app = await submittedApplication(api, partner);
    const reviewing = await unchanged(() => api.request("/v1/services", { cookie: partner.cookie, body: SERVICE_INPUT }));
    const e2 = expectError(reviewing, 403, "application_not_approved");
    expect(e2.details).toMatchObject({
      reason: "application_not_approved",
      application_id: app,
      application_status: "REVIEWING",
    });
  });

  it("refuses a PUBLIC service with 422 on the type field", async () => {
    const { partner } = await partnerWithService(api, reviewer.cookie);
    const res = await unchanged(() =>
      api.request("/v1/services", { cookie: partner.cookie, body: { ...SERVICE_INPUT, type: "PUBLIC" } }),
    );
    expectError(res, 422, "validation_failed");
    expect(fieldPaths(res)).toEqual(["type"]);
    expect(res.body.error.details.fields[0].message).toMatch(/PUBLIC/);
  });

  it("refuses to publish once the application is no longer approved (revoked), and with a wrong market", async () => {
    const { partner, applicationId, serviceId } = await partnerWithService(api, reviewer.cookie);
    const wrongMarket = await unchanged(() => publish(api, partner.cookie, serviceId, "GB"), { service: serviceId });
    expectError(wrongMarket, 422, "validation_failed");
    expect(fieldPaths(wrongMarket)).toEqual(["confirm_target_market"]);
    const missing = await unchanged(
      () => api.request(`/v1/services/${serviceId}/publish`, { cookie: partner.cookie, body: {} }),
      { service: serviceId },
    );
    expectError(missing, 422, "validation_failed");
    expect(fieldPaths(missing)).toEqual(["confirm_target_market"]);

    const admin = await api.staff("admin");
    const revoked = await api.request(`/v1/staff/applications/${applicationId}/revoke`, {
      cookie: admin.cookie,
      body: { reason: "Fraud investigation" },
    });
    expect(revoked.status).toBe(200);
    const res = await unchanged(() => publish(api, partner.cookie, serviceId), { service: serviceId });
    const error = expectError(res, 403, "application_not_approved");
    expect(error.details).toMatchObject({ reason: "application_not_approved" });
    expect((await serviceRow(serviceId)).status).toBe("DRAFT");
    expect(await api.db.selectFrom("referral_links").selectAll().where("service_id", "=", serviceId).execute()).toEqual([]);
  });

  it("refuses to submit twice (409 invalid_transition)", async () => {
    const partner = await api.signUp();
    const id = await submittedApplication(api, partner);
    const res = await unchanged(() => api.request(`/v1/applications/${id}/submit`, { cookie: partner.cookie, method: "POST" }), {
      app: id,
    });
    const error = expectError(res, 409, "invalid_transition");
    expect(error.details).toEqual({ entity: "application", from: "REVIEWING", action: "submit" });
  });

  it("refuses to approve a withdrawn application (409)", async () => {
    const partner = await api.signUp();
    const id = await submittedApplication(api, partner);
    const withdrawn = await api.request(`/v1/applications/${id}/withdraw`, { cookie: partner.cookie, method: "POST" });
    expect(withdrawn.body.status).toBe("WITHDRAWN");
    const res = await unchanged(
      () => api.request(`/v1/staff/applications/${id}/approve`, { cookie: reviewer.cookie, method: "POST" }),
      { app: id },
    );
    const error = expectError(res, 409, "invalid_transition");
    expect(error.details).toMatchObject({ from: "WITHDRAWN", action: "approve" });
  });

  it("refuses reject and request-info without a reason (422 on reason)", async () => {
    const partner = await api.signUp();
    const id = await submittedApplication(api, partner);
    for (const action of ["reject", "request-info"]) {
      for (const opts of [{ body: {} }, { body: { reason: "  " } }, { method: "POST" }]) {
        const res = await unchanged(
          () => api.request(`/v1/staff/applications/${id}/${action}`, { cookie: reviewer.cookie, ...opts }),
          { app: id },
        );
        expectError(res, 422, "validation_failed");
        expect(fieldPaths(res)).toEqual(["reason"]);
      }
    }
    expect((await appRow(id)).status).toBe("REVIEWING");
  });

  it("refuses to withdraw an approved application (409)", async () => {
    const partner = await api.signUp();
    const id = await approvedApplication(api, partner, reviewer.cookie);
    const res = await unchanged(
      () => api.request(`/v1/applications/${id}/withdraw`, { cookie: partner.cookie, method: "POST" }),
      { app: id },
    );
    expectError(res, 409, "invalid_transition");
    // Editing an application under review is also a transition the machine refuses.
    const partner2 = await api.signUp();
    const reviewing = await submittedApplication(api, partner2);
    const edit = await unchanged(
      () =>
        api.request(`/v1/applications/${reviewing}`, {
          cookie: partner2.cookie,
          method: "PATCH",
          body: { details: { website: "https://changed.example.com" } },
        }),
      { app: reviewing },
    );
    expectError(edit, 409, "application_not_editable");
  });

  it("refuses a second live application for the same category and market (409 with the live one's id)", async () => {
    const partner = await api.signUp();
    const first = await draftApplication(api, partner);
    const res = await unchanged(() =>
      api.request("/v1/applications", {
        cookie: partner.cookie,
        body: { category_id: "shop_registration", target_market: "US" },
      }),
    );
    const error = expectError(res, 409, "application_already_live");
    expect(error.details).toEqual({ application_id: first, status: "DRAFT" });
    // A category that cannot be applied for is a field error.
    const notLeaf = await unchanged(() =>
      api.request("/v1/applications", {
        cookie: partner.cookie,
        body: { category_id: "tiktok_shop_partner", target_market: "US" },
      }),
    );
    expectError(notLeaf, 422, "validation_failed");
    expect(fieldPaths(notLeaf)).toEqual(["category_id"]);
    const closedMarket = await unchanged(() =>
      api.request("/v1/applications", {
        cookie: partner.cookie,
        body: { category_id: "shop_registration", target_market: "GB" },
      }),
    );
    expectError(closedMarket, 422, "validation_failed");
    expect(fieldPaths(closedMarket)).toEqual(["target_market"]);
  });

  it("allows a new application after the live one is withdrawn", async () => {
    const partner = await api.signUp();
    const first = await draftApplication(api, partner);
    const w = await api.request(`/v1/applications/${first}/withdraw`, { cookie: partner.cookie, method: "POST" });
    expect(w.status).toBe(200);
    const second = await api.request("/v1/applications", {
      cookie: partner.cookie,
      body: { category_id: "shop_registration", target_market: "US" },
    });
    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(first);
    expect(second.body.status).toBe("DRAFT");
    const list = await api.request("/v1/applications", { cookie: partner.cookie });
    expect(list.body.data.map((a: { status: string }) => a.status).sort()).toEqual(["DRAFT", "WITHDRAWN"]);
  });

  it("refuses to deactivate a service that is not On, and to publish one that is already On (409)", async () => {
    const { partner, serviceId } = await partnerWithService(api, reviewer.cookie);
    const draftOff = await unchanged(
      () => api.request(`/v1/services/${serviceId}/deactivate`, { cookie: partner.cookie, method: "POST" }),
      { service: serviceId },
    );
    expectError(draftOff, 409, "invalid_transition");
    expect((await publish(api, partner.cookie, serviceId)).status).toBe(200);
    const again = await unchanged(() => publish(api, partner.cookie, serviceId), { service: serviceId });
    expectError(again, 409, "invalid_transition");
  });
});
