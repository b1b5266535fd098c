import { testEngines } from "@shopreg/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMPLETE_DETAILS, startTestApi, type TestApi } from "../src/testing.ts";

describe.each(testEngines())("partner flow on $engine", ({ engine }) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(engine);
  });
  afterAll(async () => api?.close());

  it("goes from sign-up to two published referral URLs, with a reviewer's approval between", async () => {
    const partner = await api.signUp({ company_registration_region: "CN", registration_region: "CN" });
    expect(partner.body.partner.entity_type).toBe("NON_US");
    const created = await api.request("/v1/applications", {
      cookie: partner.cookie,
      body: { category_id: "shop_registration", target_market: "US" },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const incomplete = await api.request(`/v1/applications/${id}/submit`, { cookie: partner.cookie, method: "POST" });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.error.details.fields.map((f: { path: string }) => f.path)).toContain(
      "details.company_registration_number",
    );
    const saved = await api.request(`/v1/applications/${id}`, {
      cookie: partner.cookie,
      method: "PATCH",
      body: { details: COMPLETE_DETAILS.NON_US },
    });
    expect(saved.status).toBe(200);
    const submitted = await api.request(`/v1/applications/${id}/submit`, { cookie: partner.cookie, method: "POST" });
    expect(submitted.body.status).toBe("REVIEWING");

    const reviewer = await api.staff("reviewer");
    const approved = await api.request(`/v1/staff/applications/${id}/approve`, { cookie: reviewer.cookie, method: "POST" });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe("APPROVED");

    const service = await api.request("/v1/services", {
      cookie: partner.cookie,
      body: {
        type: "CUSTOM",
        category_id: "shop_registration",
        target_market: "US",
        name: "Launch",
        description: "We register shops.",
        contact_email: "ops@example.com",
      },
    });
    expect(service.status).toBe(201);
    const published = await api.request(`/v1/services/${service.body.id}/publish`, {
      cookie: partner.cookie,
      body: { confirm_target_market: "US" },
    });
    expect(published.status).toBe(200);
    expect(published.body.status).toBe("ON");
    const urls = published.body.referral_links.map((l: { url: string }) => l.url);
    expect(urls).toHaveLength(2);
    expect(urls[0]).toMatch(/^http:\/\/gateway\.test\/[A-Za-z0-9_-]{22}$/);

    const off = await api.request(`/v1/services/${service.body.id}/deactivate`, { cookie: partner.cookie, method: "POST" });
    expect(off.body.status).toBe("OFF");
    const again = await api.request(`/v1/services/${service.body.id}/publish`, {
      cookie: partner.cookie,
      body: { confirm_target_market: "US" },
    });
    expect(again.body.referral_links.map((l: { url: string }) => l.url)).toEqual(urls);
  });
});
