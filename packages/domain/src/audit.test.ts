import { describe, expect, it } from "vitest";
import { APPLICATION_ACTIONS } from "./application.ts";
import { AUDIT_ACTION_LABELS, auditActionLabel, statusWords } from "./audit.ts";

describe("the audit vocabulary", () => {
  it("names every application action (the state machine's verbs are audit actions)", () => {
    for (const action of APPLICATION_ACTIONS) expect(AUDIT_ACTION_LABELS[action]).toBeTruthy();
  });

  it("puts actions and statuses in words, and keeps an unknown action readable", () => {
    expect(auditActionLabel("transfer_ownership")).toBe("Transferred ownership");
    expect(auditActionLabel("seller.registered")).toBe("Seller registered");
    expect(auditActionLabel("some_old_action")).toBe("some old action");
    expect(statusWords("ACTIVE")).toBe("Active");
    expect(statusWords("NEEDS_INFO")).toBe("Needs info");
  });
});
