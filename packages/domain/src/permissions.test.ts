import { describe, expect, it } from "vitest";
import { APPLICATION_STATUSES } from "./application.ts";
import { MEMBER_ROLES, scopesOfRole } from "./members.ts";
import { type ActionCaller, applicationActionsFor, serviceActionsFor } from "./permissions.ts";
import { SERVICE_STATUSES } from "./service.ts";

const member = (role: (typeof MEMBER_ROLES)[number], email_verified = true): ActionCaller => ({
  kind: "partner",
  scopes: scopesOfRole(role),
  email_verified,
});
const names = (xs: { action: string }[]) => xs.map((x) => x.action).sort();

describe("applicationActionsFor", () => {
  it("offers an owner or admin the partner's steps, and a developer or analyst none", () => {
    for (const role of ["owner", "admin"] as const) {
      expect(names(applicationActionsFor("DRAFT", member(role)))).toEqual(["submit", "update", "withdraw"]);
      expect(names(applicationActionsFor("NEEDS_INFO", member(role)))).toEqual(["resubmit", "update", "withdraw"]);
      expect(names(applicationActionsFor("APPROVED", member(role)))).toEqual([]);
    }
    for (const role of ["developer", "analyst"] as const) {
      for (const status of APPLICATION_STATUSES) expect(applicationActionsFor(status, member(role))).toEqual([]);
    }
  });

  it("holds back submitting and resubmitting until the address is confirmed, but not editing or withdrawing", () => {
    expect(names(applicationActionsFor("DRAFT", member("owner", false)))).toEqual(["update", "withdraw"]);
    expect(names(applicationActionsFor("NEEDS_INFO", member("admin", false)))).toEqual(["update", "withdraw"]);
  });

  it("offers staff the decisions their role has: a reviewer decides, an admin also revokes, an analyst nothing", () => {
    expect(names(applicationActionsFor("REVIEWING", { kind: "staff", role: "reviewer" }))).toEqual([
      "approve",
      "reject",
      "request_info",
    ]);
    expect(names(applicationActionsFor("APPROVED", { kind: "staff", role: "reviewer" }))).toEqual([]);
    expect(names(applicationActionsFor("APPROVED", { kind: "staff", role: "admin" }))).toEqual(["revoke"]);
    for (const status of APPLICATION_STATUSES) {
      expect(applicationActionsFor(status, { kind: "staff", role: "analyst" })).toEqual([]);
    }
  });

  it("never offers a partner a staff decision, nor staff a partner step", () => {
    const staffOnly = ["approve", "reject", "request_info", "revoke"];
    for (const status of APPLICATION_STATUSES) {
      for (const role of MEMBER_ROLES) {
        expect(names(applicationActionsFor(status, member(role))).filter((a) => staffOnly.includes(a))).toEqual([]);
      }
      for (const role of ["reviewer", "admin", "analyst"] as const) {
        expect(names(applicationActionsFor(status, { kind: "staff", role })).filter((a) => !staffOnly.includes(a))).toEqual([]);
      }
    }
  });
});

describe("serviceActionsFor", () => {
  it("offers publishing again only while the category is approved (a revoked approval leaves the service off)", () => {
    expect(names(serviceActionsFor("OFF", true, member("owner")))).toEqual(["publish", "update"]);
    expect(names(serviceActionsFor("OFF", false, member("owner")))).toEqual(["update"]);
    expect(names(serviceActionsFor("DRAFT", false, member("admin")))).toEqual(["update"]);
    expect(names(serviceActionsFor("DRAFT", true, member("admin")))).toEqual(["publish", "update"]);
  });

  it("lets a service be deactivated whatever the approval", () => {
    expect(names(serviceActionsFor("ON", false, member("developer")))).toEqual(["deactivate", "update"]);
    expect(names(serviceActionsFor("ON", true, member("owner")))).toEqual(["deactivate", "update"]);
  });

  it("offers nothing to a role without services:write, nor to staff", () => {
    for (const status of SERVICE_STATUSES) {
      for (const approved of [true, false]) {
        expect(serviceActionsFor(status, approved, member("analyst"))).toEqual([]);
        for (const role of ["reviewer", "admin", "analyst"] as const) {
          expect(serviceActionsFor(status, approved, { kind: "staff", role })).toEqual([]);
        }
      }
    }
  });

  it("follows the role's scopes, not its name: a key without services:write gets nothing", () => {
    expect(serviceActionsFor("ON", true, { kind: "partner", scopes: ["services:read"], email_verified: true })).toEqual([]);
  });
});
