import { testEngines } from "@shopreg/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../src/testing.ts";

/** The contract the SDK and the web apps are built from, and the human docs page. */
describe.each(testEngines())("OpenAPI and docs on $engine", ({ engine }) => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi(engine);
  });
  afterAll(async () => api?.close());

  it("serves an OpenAPI 3.1 document with the main paths, security schemes and error shape", async () => {
    const res = await api.request("/openapi.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const doc = res.body;
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title).toEqual(expect.any(String));
    for (const [path, method] of [
      ["/v1/applications", "post"],
      ["/v1/applications", "get"],
      ["/v1/applications/{id}/submit", "post"],
      ["/v1/services", "post"],
      ["/v1/services/{id}/publish", "post"],
      ["/v1/services/{id}/referral-links", "get"],
      ["/v1/api-keys", "post"],
      ["/v1/staff/applications", "get"],
      ["/v1/staff/applications/{id}/approve", "post"],
      ["/v1/staff/applications/{id}/revoke", "post"],
      ["/v1/staff/audit-events", "get"],
    ] as const) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
    expect(doc.components.securitySchemes).toMatchObject({
      apiKey: { type: "http", scheme: "bearer" },
      partnerSession: { type: "apiKey", in: "cookie", name: "shopreg_partner_session" },
      staffSession: { type: "apiKey", in: "cookie", name: "shopreg_staff_session" },
    });
    const publish = doc.paths["/v1/services/{id}/publish"].post;
    expect(publish.security).toEqual([{ apiKey: ["services:write"] }, { partnerSession: ["services:write"] }]);
    expect(publish.operationId).toBe("publishService");
    expect(publish["x-shopreg-caller"]).toEqual({ kind: "partner", scope: "services:write" });
    expect(Object.keys(publish.responses)).toEqual(expect.arrayContaining(["200", "401", "403", "404", "409", "422"]));
    expect(publish.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(["id", "Idempotency-Key"]));
    expect(doc.paths["/v1/staff/applications/{id}/approve"].post.security).toEqual([{ staffSession: ["reviewer", "admin"] }]);
    expect(doc.paths["/v1/catalog"].get.security).toEqual([]);
    expect(doc.components.schemas.Error.properties.error.required).toEqual(
      expect.arrayContaining(["code", "message", "request_id"]),
    );
  });

  it("serves the docs page and the Swagger UI assets it references, from the package itself", async () => {
    const page = await api.request("/docs");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(page.body).toContain("/docs/assets/swagger-ui-bundle.js");
    expect(page.body).toContain("/openapi.json");
    const bundle = await fetch(`${api.url}/docs/assets/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get("content-type")).toMatch(/javascript/);
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
    const css = await fetch(`${api.url}/docs/assets/swagger-ui.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toMatch(/text\/css/);
    expect((await fetch(`${api.url}/docs/assets/..%2Fpackage.json`)).status).toBe(404);
    const root = await fetch(`${api.url}/`, { redirect: "manual" });
    expect(root.status).toBe(302);
    expect(root.headers.get("location")).toBe("/docs");
  });

  it("reports health with the database up", async () => {
    const res = await api.request("/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok", database: "up" });
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
  });
});
