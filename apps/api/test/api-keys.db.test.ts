import { createHash } from "node:crypto";
import { testEngines } from "@shopreg/db/testing";
import { API_KEY_SCOPES } from "@shopreg/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../src/testing.ts";
import { counts, expectError, type Partner, partnerWithService, SERVICE_INPUT } from "./helpers.ts";

/** API keys: shown once, stored hashed, scoped, revocable, last use recorded. */
describe.each(testEngines())("API keys on $engine", ({ engine }) => {
  let api: TestApi;
  let partner: Partner;
  let serviceId: string;
  let other: Awaited<ReturnType<typeof partnerWithService>>;

  beforeAll(async () => {
    api = await startTestApi(engine);
    const reviewer = await api.staff("reviewer");
    ({ partner, serviceId } = await partnerWithService(api, reviewer.cookie));
    other = await partnerWithService(api, reviewer.cookie);
  });
  afterAll(async () => api?.close());

  const createKey = (body: Record<string, unknown>) => api.request("/v1/api-keys", { cookie: partner.cookie, body });

  it("shows the secret once, stores only its sha256 hash, and lists keys without secrets", async () => {
    const created = await createKey({ name: "CI pipeline" });
    expect(created.status).toBe(201);
    const { secret, id, prefix } = created.body;
    expect(secret).toMatch(/^sr_live_[A-Za-z0-9_-]{8}_[A-Za-z0-9_-]{32}$/);
    expect(secret.startsWith(prefix)).toBe(true);
    // No scopes named: the defaults, without key, webhook, member or profile management.
    expect(created.body.scopes).toEqual([
      "profile:read",
      "applications:read",
      "applications:write",
      "services:read",
      "services:write",
      "analytics:read",
    ]);

    const row = await api.db.selectFrom("api_keys").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(JSON.stringify(row)).not.toContain(secret.slice(prefix.length));
    expect(row.secret_hash).toBe(createHash("sha256").update(secret).digest("hex"));

    const list = await api.request("/v1/api-keys", { cookie: partner.cookie });
    const listed = list.body.data.find((k: { id: string }) => k.id === id);
    expect(listed).toMatchObject({ id, name: "CI pipeline", prefix, last_used_at: null, revoked_at: null });
    expect(listed).not.toHaveProperty("secret");
    expect(JSON.stringify(list.body)).not.toContain(secret);

    // Using the key works on partner routes and records its last use.
    const services = await api.request("/v1/services", { token: secret });
    expect(services.status).toBe(200);
    expect(services.body.data.map((s: { id: string }) => s.id)).toEqual([serviceId]);
    const current = await api.request("/v1/api-keys/current", { token: secret });
    expect(current.status).toBe(200);
    expect(current.body).toMatchObject({ id, prefix, name: "CI pipeline" });
    expect(current.body).not.toHaveProperty("secret");
    const after = await api.request("/v1/api-keys", { cookie: partner.cookie });
    expect(after.body.data.find((k: { id: string }) => k.id === id).last_used_at).not.toBeNull();
    // /current describes a key; a session has none.
    expectError(await api.request("/v1/api-keys/current", { cookie: partner.cookie }), 403, "api_key_required");
  });

  it("staff see a partner's keys as metadata only, never the secret or its hash", async () => {
    const { body } = await createKey({ name: "visible to staff" });
    const analyst = await api.staff("analyst");
    const overview = await api.request(`/v1/staff/partners/${partner.partnerId}`, { cookie: analyst.cookie });
    expect(overview.status).toBe(200);
    const listed = overview.body.api_keys.find((k: { id: string }) => k.id === body.id);
    expect(listed).toMatchObject({ name: "visible to staff", prefix: body.prefix });
    const row = await api.db.selectFrom("api_keys").select("secret_hash").where("id", "=", body.id).executeTakeFirstOrThrow();
    const text = JSON.stringify(overview.body);
    expect(text).not.toContain(body.secret);
    expect(text).not.toContain(row.secret_hash);
  });

  it("writes with a key are audited as the key", async () => {
    const { body } = await createKey({ name: "writer" });
    const res = await api.request(`/v1/services/${serviceId}`, {
      token: body.secret,
      method: "PATCH",
      body: { name: "Renamed" },
    });
    expect(res.status).toBe(200);
    const event = await api.db
      .selectFrom("audit_events")
      .selectAll()
      .where("entity_id", "=", serviceId)
      .where("action", "=", "update")
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ actor_type: "api_key", actor_id: body.id, actor_label: body.prefix });
  });

  it("a key lacking a scope gets 403 naming the scope, and changes nothing", async () => {
    const { body } = await createKey({ name: "read only", scopes: ["services:read", "applications:read"] });
    expect(body.scopes).toEqual(["services:read", "applications:read"]);
    expect((await api.request(`/v1/services/${serviceId}`, { token: body.secret })).status).toBe(200);
    const before = await counts(api);
    const denied = await api.request("/v1/services", { token: body.secret, body: SERVICE_INPUT });
    expect(expectError(denied, 403, "api_key_scope_required").details).toEqual({
      required_scope: "services:write",
      params: { scope: "services:write" },
    });
    const denied2 = await api.request(`/v1/services/${serviceId}/publish`, {
      token: body.secret,
      body: { confirm_target_market: "US" },
    });
    expectError(denied2, 403, "api_key_scope_required");
    expect(await counts(api)).toEqual(before);
    // The profile and the key list need their own scopes.
    const profile = await api.request("/v1/profile", { token: body.secret, method: "PATCH", body: { contact_name: "Mallory" } });
    expect(expectError(profile, 403, "api_key_scope_required").details).toEqual({
      required_scope: "profile:write",
      params: { scope: "profile:write" },
    });
    expect(await counts(api)).toEqual(before);
    expect(expectError(await api.request("/v1/profile", { token: body.secret }), 403).details).toEqual({
      required_scope: "profile:read",
      params: { scope: "profile:read" },
    });
    expect(expectError(await api.request("/v1/api-keys", { token: body.secret }), 403).details).toEqual({
      required_scope: "api_keys:read",
      params: { scope: "api_keys:read" },
    });
    expect((await api.request("/v1/profile", { cookie: partner.cookie })).body.contact_name).not.toBe("Mallory");
    const badScope = await createKey({ name: "bad", scopes: ["everything"] });
    expectError(badScope, 422, "validation_failed");
  });

  it("a revoked key gets 401 at once; a key cannot create or revoke keys (403)", async () => {
    const { body } = await createKey({ name: "temporary" });
    const before = await counts(api);
    const mint = await api.request("/v1/api-keys", { token: body.secret, body: { name: "child" } });
    expectError(mint, 403, "api_key_scope_required");
    const selfRevoke = await api.request(`/v1/api-keys/${body.id}`, { token: body.secret, method: "DELETE" });
    expectError(selfRevoke, 403, "api_key_scope_required");
    expect(await counts(api)).toEqual(before);

    const revoked = await api.request(`/v1/api-keys/${body.id}`, { cookie: partner.cookie, method: "DELETE" });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revoked_at).not.toBeNull();
    expectError(await api.request("/v1/services", { token: body.secret }), 401, "unauthenticated");
    expectError(await api.request("/v1/api-keys/current", { token: body.secret }), 401, "unauthenticated");
    // Revoking again returns it unchanged, with no second audit row.
    const again = await api.request(`/v1/api-keys/${body.id}`, { cookie: partner.cookie, method: "DELETE" });
    expect(again.body.revoked_at).toBe(revoked.body.revoked_at);
    const revokes = await api.db
      .selectFrom("audit_events")
      .selectAll()
      .where("entity_id", "=", body.id)
      .where("action", "=", "revoke")
      .execute();
    expect(revokes).toHaveLength(1);
  });

  it("a partner's key cannot read or change another partner's service, application or key (404)", async () => {
    const { body } = await createKey({ name: "nosy" });
    expectError(await api.request(`/v1/services/${other.serviceId}`, { token: body.secret }), 404, "not_found");
    expectError(await api.request(`/v1/applications/${other.applicationId}`, { token: body.secret }), 404, "not_found");
    const otherKey = await api.request("/v1/api-keys", { cookie: other.partner.cookie, body: { name: "theirs" } });
    const revoke = await api.request(`/v1/api-keys/${otherKey.body.id}`, { cookie: partner.cookie, method: "DELETE" });
    expectError(revoke, 404, "not_found");
    expect((await api.request("/v1/services", { token: otherKey.body.secret })).status).toBe(200);
    const list = await api.request("/v1/api-keys", { cookie: partner.cookie });
    expect(list.body.data.map((k: { id: string }) => k.id)).not.toContain(otherKey.body.id);
  });
});
