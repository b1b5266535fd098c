import { testEngines } from "@shopreg/db/testing";
import { MEMBER_ROLES, type MemberRole, STAFF_ROLES } from "@shopreg/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMPLETE_DETAILS, startTestApi, type TestApi, type TestResponse } from "../src/testing.ts";
import { draftApplication, expectError, type Partner, partnerWithService, publish, SERVICE_INPUT } from "./helpers.ts";

type Offered = { action: string; reason_required: boolean; reason_min_length: number | null };
type Resource = { id: string; status: string; allowed_actions: Offered[] };

/**
 * allowed_actions is a promise to the screens: every step it offers a caller answers 2xx for that
 * caller, and a step the caller's role, scopes or account state forbids is not offered. Each role
 * explores what it is offered (acting changes the state, which offers new steps) until nothing new is left.
 */
describe.each(testEngines())("allowed_actions per role on $engine", ({ engine }) => {
  let api: TestApi;
  let reviewer: Awaited<ReturnType<TestApi["staff"]>>;
  let admin: Awaited<ReturnType<TestApi["staff"]>>;
  let n = 0;

  beforeAll(async () => {
    api = await startTestApi(engine);
    [reviewer, admin] = [await api.staff("reviewer"), await api.staff("admin")];
  });
  afterAll(async () => api?.close());

  const memberOf = async (partner: Partner, role: MemberRole) =>
    role === "owner" ? partner.cookie : (await api.member(partner.partnerId, role)).cookie;

  const reasonOf = (o: Offered) =>
    o.reason_required ? { reason: "r".repeat(Math.max(o.reason_min_length ?? 0, 10)) } : undefined;

  /** The request that takes an offered step, as the portal and the dashboard send it. */
  function take(kind: "application" | "service" | "staff", r: Resource, o: Offered, cookie: string): Promise<TestResponse> {
    if (kind === "staff") {
      return api.request(`/v1/staff/applications/${r.id}/${o.action.replaceAll("_", "-")}`, {
        cookie,
        method: "POST",
        ...(reasonOf(o) ? { body: reasonOf(o) } : {}),
      });
    }
    if (kind === "application") {
      if (o.action === "update") {
        return api.request(`/v1/applications/${r.id}`, { cookie, method: "PATCH", body: { details: COMPLETE_DETAILS.US } });
      }
      return api.request(`/v1/applications/${r.id}/${o.action.replaceAll("_", "-")}`, { cookie, method: "POST" });
    }
    if (o.action === "update") return api.request(`/v1/services/${r.id}`, { cookie, method: "PATCH", body: { name: "Renamed" } });
    if (o.action === "publish") return publish(api, cookie, r.id);
    return api.request(`/v1/services/${r.id}/${o.action}`, { cookie, method: "POST" });
  }

  /**
   * Takes every offered step once per (status, action), re-reading the list after each, and returns
   * what was offered. Each step must answer 2xx: an offered step that answers 403 fails here.
   */
  async function sweep(kind: "application" | "service" | "staff", list: string, cookie: string) {
    const offered = new Set<string>();
    const tried = new Set<string>();
    for (let round = 0; round < 50; round++) {
      const res = await api.request(list, { cookie });
      if (res.status === 403) return { forbidden: true, offered };
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const items = res.body.data as Resource[];
      for (const r of items) for (const o of r.allowed_actions) offered.add(`${r.status}:${o.action}`);
      const next = items
        .flatMap((r) => r.allowed_actions.map((o) => ({ r, o })))
        .find(({ r, o }) => !tried.has(`${r.id}:${r.status}:${o.action}`));
      if (!next) return { forbidden: false, offered };
      tried.add(`${next.r.id}:${next.r.status}:${next.o.action}`);
      const answer = await take(kind, next.r, next.o, cookie);
      expect(answer.status, `${kind} ${next.r.status} ${next.o.action}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
    }
    throw new Error("the sweep did not settle");
  }

  /** An account with an approved application, an On service and a draft one, and a member of the role. */
  async function account(role: MemberRole) {
    const { partner, serviceId } = await partnerWithService(api, reviewer.cookie);
    expect((await publish(api, partner.cookie, serviceId)).status).toBe(200);
    const draft = await api.request("/v1/services", { cookie: partner.cookie, body: { ...SERVICE_INPUT, name: "Second" } });
    expect(draft.status).toBe(201);
    const fresh = await api.signUp();
    await draftApplication(api, fresh);
    return { partner, cookie: await memberOf(partner, role), freshCookie: await memberOf(fresh, role) };
  }

  const EXPECTED: Record<MemberRole, { applications: string[] | "forbidden"; services: string[] | "forbidden" }> = {
    owner: {
      applications: ["DRAFT:submit", "DRAFT:update", "DRAFT:withdraw", "REVIEWING:withdraw"],
      services: ["DRAFT:publish", "DRAFT:update", "OFF:publish", "OFF:update", "ON:deactivate", "ON:update"],
    },
    admin: {
      applications: ["DRAFT:submit", "DRAFT:update", "DRAFT:withdraw", "REVIEWING:withdraw"],
      services: ["DRAFT:publish", "DRAFT:update", "OFF:publish", "OFF:update", "ON:deactivate", "ON:update"],
    },
    developer: {
      applications: [],
      services: ["DRAFT:publish", "DRAFT:update", "OFF:publish", "OFF:update", "ON:deactivate", "ON:update"],
    },
    analyst: { applications: "forbidden", services: "forbidden" },
  };

  it.each(MEMBER_ROLES)("a partner %s is offered only steps that answer 2xx", async (role) => {
    const { cookie, freshCookie } = await account(role);
    const services = await sweep("service", "/v1/services", cookie);
    const applications = await sweep("application", "/v1/applications", freshCookie);
    const seen = (s: { forbidden: boolean; offered: Set<string> }) => (s.forbidden ? "forbidden" : [...s.offered].sort());
    expect(seen(applications)).toEqual(EXPECTED[role].applications);
    expect(seen(services)).toEqual(EXPECTED[role].services);
  });

  it("after a revocation the service stays off: publishing is not offered, and would answer 403", async () => {
    const { partner, applicationId, serviceId } = await partnerWithService(api, reviewer.cookie);
    expect((await publish(api, partner.cookie, serviceId)).status).toBe(200);
    const revoked = await api.request(`/v1/staff/applications/${applicationId}/revoke`, {
      cookie: admin.cookie,
      body: { reason: "Policy violation" },
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body.allowed_actions).toEqual([]);
    for (const role of ["owner", "developer"] as const) {
      const cookie = await memberOf(partner, role);
      const service = await api.request(`/v1/services/${serviceId}`, { cookie });
      expect(service.body.status).toBe("OFF");
      expect(service.body.allowed_actions.map((a: Offered) => a.action)).toEqual(["update"]);
      expectError(await publish(api, cookie, serviceId), 403);
    }
  });

  it("an owner whose address is unconfirmed may edit and withdraw a draft but is not offered submit (403)", async () => {
    const owner = await api.signUp({ verified: false });
    const id = await draftApplication(api, owner);
    const app = await api.request(`/v1/applications/${id}`, { cookie: owner.cookie });
    expect(app.body.allowed_actions.map((a: Offered) => a.action).sort()).toEqual(["update", "withdraw"]);
    expectError(await api.request(`/v1/applications/${id}/submit`, { cookie: owner.cookie, method: "POST" }), 403);
  });

  const STAFF_EXPECTED = {
    reviewer: ["REVIEWING:approve", "REVIEWING:reject", "REVIEWING:request_info"],
    analyst: [],
    admin: ["APPROVED:revoke", "REVIEWING:approve", "REVIEWING:reject", "REVIEWING:request_info"],
  };

  it.each(STAFF_ROLES)("staff %s is offered only decisions that answer 2xx", async (role) => {
    const cookie = role === "admin" ? admin.cookie : (await api.staff(role)).cookie;
    // Three submissions, so each decision meets an application still Reviewing; one approved, to revoke.
    const tag = `sweep-${role}-${++n}`;
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const partner = await api.signUp({ company_name: `${tag} ${i}` });
      const id = await draftApplication(api, partner);
      expect((await api.request(`/v1/applications/${id}/submit`, { cookie: partner.cookie, method: "POST" })).status).toBe(200);
      ids.push(id);
    }
    expect(
      (await api.request(`/v1/staff/applications/${ids[0]}/approve`, { cookie: reviewer.cookie, method: "POST" })).status,
    ).toBe(200);
    const { offered } = await sweep("staff", `/v1/staff/applications?q=${tag}&limit=100`, cookie);
    expect([...offered].sort()).toEqual(STAFF_EXPECTED[role]);
  });
});
