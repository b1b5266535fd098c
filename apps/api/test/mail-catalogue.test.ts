import { applicationMachine, MAILED_APPLICATION_EVENTS } from "@shopreg/domain";
import { describe, expect, it } from "vitest";
import { MAILED_EVENT_TYPES } from "../src/usecases/mail-copy.ts";

// The machine's rows say which decisions mail the partner; the mail copy is what actually sends.
// A row that says "mails" without copy (or copy for a row that says it does not) fails here.
describe("the machine's mail choice and the mail copy agree", () => {
  const machineEvents = new Set(applicationMachine.transitions.flatMap((t) => (t.event ? [t.event] : [])));

  it("has words in both languages for every event a row mails", () => {
    expect(MAILED_APPLICATION_EVENTS.length).toBeGreaterThan(0);
    for (const e of MAILED_APPLICATION_EVENTS) expect(MAILED_EVENT_TYPES.has(e), `${e} has no mail copy`).toBe(true);
  });

  it("mails no application event that its rows say is not mailed", () => {
    for (const e of machineEvents) {
      expect(MAILED_EVENT_TYPES.has(e), `${e}: copy and row disagree`).toBe(MAILED_APPLICATION_EVENTS.includes(e));
    }
  });
});
