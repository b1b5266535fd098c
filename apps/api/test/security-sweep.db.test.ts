import { testEngines } from "@shopreg/db/testing";
import { API_KEY_SCOPES, type ApiKeyScope, STAFF_ROLES, type StaffRole } from "@shopreg/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "../src/routes/factory.ts";
import { startTestApi, type TestApi } from "../src/testing.ts";
import { partnerWithService, submittedApplication } from "./helpers.ts";

/**
 * The generated security sweep: every operation in /openapi.json, called by every kind of caller,
 * gets the outcome its declaration (`x-shopreg-caller`, set by routes/factory.ts) promises.
 * "allowed" is anything but 401/403: a sweep sends no valid body, so 422 or 409 is a pass; what
 * it proves is who gets through the door. An operation without a declaration fails it.
 */
type Expected = 401 | 403 | 404 | "allowed";
type Who =
  | { kind: "anonymous" }
  | { kind: "key"; scope: ApiKeyScope; token: string }
  | { kind: "own_partner"; cookie: string }
  | { kind: "other_partner"; cookie: string }
  | { kind: "staff"; role: StaffRole; cookie: string };
type Operation = { method: string; path: string; operationId?: string; caller?: Caller; hasBody: boolean };

const label = (w: Who) => (w.kind === "key" ? `key(${w.scope})` : w.kind === "staff" ? `staff(${w.role})` : w.kind);

/** What the declaration promises this caller; `owned` = the path names an object of partner A. */
export function expected(caller: Caller, who: Who, owned: boolean): Expected {
  switch (caller.kind) {
    case "public":
      return "allowed";
    case "signed":
      return 401; // the sweep never signs; a signature is the only way in
    case "partner":
      if (who.kind === "anonymous" || who.kind === "staff") return 401;
      if (who.kind === "key") return who.scope === caller.scope ? "allowed" : 403;
      if (who.kind === "other_partner") return owned ? 404 : "allowed";
      return "allowed";
    case "partner_session":
      return who.kind === "own_partner" || who.kind === "other_partner" ? "allowed" : 401;
    case "api_key":
      if (who.kind === "key") return "allowed";
      return who.kind === "own_partner" || who.kind === "other_partner" ? 403 : 401;
    case "staff":
      if (who.kind !== "staff") return 401;
      return caller.roles.includes(who.role) ? "allowed" : 403;
  }
}

describe.each(testEngines())("security sweep on $engine", ({ engine }) => {
  let api: TestApi;
  let ops: Operation[];
  let callers: Who[];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    api = await startTestApi(engine);
    const reviewer = await api.staff("reviewer");
    const a = await partnerWithService(api, reviewer.cookie);
    const b = await api.signUp();
    ids.service = a.serviceId;
    ids.application = a.applicationId;
    ids.reviewApplication = await submittedApplication(api, b);
    ids.partner = a.partner.partnerId;
    // Objects the sweep may change: a key to revoke and a staff account to disable.
    const spare = await api.request("/v1/api-keys", { cookie: a.partner.cookie, body: { name: "spare" } });
    ids.apiKey = spare.body.id;
    ids.staffUser = (await api.staff("analyst")).userId;
    // An incentive program with partner A in it, A's statement and a dispute of one of its lines.
    const program = await api.request("/v1/staff/incentive-programs", {
      cookie: (await api.staff("admin")).cookie,
      body: {
        name: "Sweep",
        name_zh: "巡检",
        rules: {
          period_start: "2026-01-01T00:00:00Z",
          period_end: "2026-04-01T00:00:00Z",
          markets: ["US"],
          seller_types: ["LOCAL_SELLER"],
          participation: { kind: "partners", partner_ids: [a.partner.partnerId] },
          reward: { amount_minor: 100, currency: "CNY" },
        },
      },
    });
    expect(program.status, JSON.stringify(program.body)).toBe(201);
    ids.program = program.body.id;
    ids.statement = (await api.request(`/v1/incentives/programs/${ids.program}/statement`, { cookie: a.partner.cookie })).body.id;

    callers = [
      { kind: "anonymous" },
      { kind: "own_partner", cookie: a.partner.cookie },
      { kind: "other_partner", cookie: b.cookie },
    ];
    for (const scope of API_KEY_SCOPES) {
      const res = await api.request("/v1/api-keys", { cookie: a.partner.cookie, body: { name: scope, scopes: [scope] } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      callers.push({ kind: "key", scope, token: res.body.secret });
    }
    for (const role of STAFF_ROLES) callers.push({ kind: "staff", role, cookie: (await api.staff(role)).cookie });

    const doc = (await api.request("/openapi.json")).body;
    ops = [];
    for (const [path, item] of Object.entries<Record<string, Record<string, unknown>>>(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        ops.push({
          method: method.toUpperCase(),
          path,
          operationId: op.operationId as string | undefined,
          caller: op["x-shopreg-caller"] as Caller | undefined,
          hasBody: op.requestBody !== undefined,
        });
      }
    }
    // Signing out ends the session the other calls use: last.
    const signsOut = (o: Operation) => o.method === "DELETE" && o.path.endsWith("/session");
    ops.sort((x, y) => Number(signsOut(x)) - Number(signsOut(y)));
  }, 180_000);
  afterAll(async () => api?.close());

  /** Fills path parameters with partner A's objects (or, on staff paths, objects staff may act on). */
  const concrete = (path: string) => {
    let owned = false;
    const filled = path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      if (name === "entity_type") return "US";
      const staff = path.startsWith("/v1/staff/");
      const id = staff
        ? path.includes("/users/")
          ? ids.staffUser
          : path.includes("/partners/")
            ? ids.partner
            : path.includes("/applications/")
              ? ids.reviewApplication
              : path.includes("/incentive-programs/")
                ? ids.program
                : ids.service
        : path.includes("/api-keys/")
          ? ids.apiKey
          : path.includes("/applications/")
            ? ids.application
            : path.includes("/incentives/programs/")
              ? ids.program
              : path.includes("/incentives/statements/")
                ? ids.statement
                : ids.service;
      owned = !staff;
      return id!;
    });
    return { filled, owned };
  };

  it("declares every operation once, with an operationId and a caller", () => {
    const undeclared = ops.filter((o) => !o.caller || !o.operationId).map((o) => `${o.method} ${o.path}`);
    expect(undeclared).toEqual([]);
    const opIds = ops.map((o) => o.operationId);
    expect(new Set(opIds).size).toBe(opIds.length);
    expect(ops.length).toBeGreaterThan(50);
  });

  it("gives every caller the declared outcome on every operation", async () => {
    const wrong: string[] = [];
    let calls = 0;
    for (const op of ops) {
      if (!op.caller) continue;
      const { filled, owned } = concrete(op.path);
      await Promise.all(
        callers.map(async (who) => {
          const res = await api.request(filled, {
            method: op.method,
            ...(op.hasBody ? { body: {} } : {}),
            ...(who.kind === "key" ? { token: who.token } : "cookie" in who ? { cookie: who.cookie } : {}),
          });
          calls++;
          const want = expected(op.caller!, who, owned);
          // The sweep's empty body fails validation, which comes before the lookup and tells nothing
          // about the object: for another partner's object that 422 stands in for the 404.
          const ok =
            want === "allowed"
              ? res.status !== 401 && res.status !== 403 && res.status < 500
              : res.status === want || (want === 404 && op.hasBody && res.status === 422);
          if (!ok) wrong.push(`${op.method} ${op.path} as ${label(who)}: got ${res.status}, declared ${want}`);
        }),
      );
    }
    expect(wrong).toEqual([]);
    expect(calls).toBe(ops.filter((o) => o.caller).length * callers.length);
  }, 300_000);
});
