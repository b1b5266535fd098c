import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Actor,
  APPLICATION_ACTIONS,
  APPLICATION_STATUSES,
  type ApplicationAction,
  type ApplicationStatus,
  allowedApplicationActions,
  applicationMachine,
  applyApplicationAction,
  EDITABLE_APPLICATION_STATUSES,
  LIVE_APPLICATION_STATUSES,
  REASON_MIN_LENGTH,
} from "./application.ts";
import { Forbidden, InvalidTransition } from "./errors.ts";
import { reasonInput } from "./schemas.ts";
import {
  applyServiceAction,
  SERVICE_ACTIONS,
  SERVICE_STATUSES,
  type ServiceAction,
  type ServiceStatus,
  serviceMachine,
} from "./service.ts";
import { actionsFrom, type Machine, transition } from "./state-machine.ts";

const ACTORS: readonly Actor[] = ["partner", "reviewer", "admin", "analyst"];

/**
 * The product's transition tables (docs/architecture.md) written out again, independently of the machines under test, so the
 * properties below check the implementation against the spec and not against itself.
 */
type Edge<S extends string, A extends string> = { from: S | null; action: A; to: S; actors: readonly Actor[] };
const REVIEWERS: readonly Actor[] = ["reviewer", "admin"];
const APPLICATION_SPEC: readonly Edge<ApplicationStatus, ApplicationAction>[] = [
  { from: null, action: "create", to: "DRAFT", actors: ["partner"] },
  { from: "DRAFT", action: "submit", to: "REVIEWING", actors: ["partner"] },
  { from: "REVIEWING", action: "approve", to: "APPROVED", actors: REVIEWERS },
  { from: "REVIEWING", action: "reject", to: "REJECTED", actors: REVIEWERS },
  { from: "REVIEWING", action: "request_info", to: "NEEDS_INFO", actors: REVIEWERS },
  { from: "NEEDS_INFO", action: "resubmit", to: "REVIEWING", actors: ["partner"] },
  { from: "DRAFT", action: "withdraw", to: "WITHDRAWN", actors: ["partner"] },
  { from: "REVIEWING", action: "withdraw", to: "WITHDRAWN", actors: ["partner"] },
  { from: "NEEDS_INFO", action: "withdraw", to: "WITHDRAWN", actors: ["partner"] },
  { from: "APPROVED", action: "revoke", to: "REVOKED", actors: ["admin"] },
];
const SERVICE_SPEC: readonly Edge<ServiceStatus, ServiceAction>[] = [
  { from: null, action: "create", to: "DRAFT", actors: ["partner"] },
  { from: "DRAFT", action: "publish", to: "ON", actors: ["partner"] },
  { from: "ON", action: "deactivate", to: "OFF", actors: ["partner"] },
  { from: "OFF", action: "publish", to: "ON", actors: ["partner"] },
  // An application's revocation turns its services Off (3.2, revoke row).
  { from: "ON", action: "force_off", to: "OFF", actors: ["admin"] },
];

/** A step is either any (action, actor) pair, or "take the n-th move the spec allows from here". */
type Step<A extends string> = { kind: "any"; action: A; actor: Actor } | { kind: "allowed"; pick: number; actorPick: number };
const stepArb = <A extends string>(actions: readonly A[]): fc.Arbitrary<Step<A>> =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant("any" as const),
        action: fc.constantFrom(...actions),
        actor: fc.constantFrom(...ACTORS),
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("allowed" as const), pick: fc.nat(), actorPick: fc.nat() }) },
  );

function checkSequences<S extends string, A extends string>(opts: {
  statuses: readonly S[];
  actions: readonly A[];
  spec: readonly Edge<S, A>[];
  apply: (from: S | null, action: A, actor: Actor) => { to: S };
  machine: Machine<S, A, Actor>;
}) {
  const table = structuredClone(opts.machine.transitions);
  const reached = new Set<S>();
  const rejected = { invalid: 0, forbidden: 0 };
  fc.assert(
    fc.property(fc.array(stepArb(opts.actions), { maxLength: 40 }), (steps) => {
      let state: S | null = null;
      for (const step of steps) {
        let action: A;
        let actor: Actor;
        if (step.kind === "any") {
          ({ action, actor } = step);
        } else {
          const moves = opts.spec.filter((e) => e.from === state);
          if (moves.length === 0) continue; // terminal state
          const edge = moves[step.pick % moves.length]!;
          action = edge.action;
          actor = edge.actors[step.actorPick % edge.actors.length]!;
        }
        const before = state;
        let to: S;
        try {
          to = opts.apply(state, action, actor).to;
        } catch (e) {
          // A refused action is one of the two domain errors, and the spec agrees it is refused.
          expect(e instanceof InvalidTransition || e instanceof Forbidden).toBe(true);
          const edge = opts.spec.find((r) => r.from === before && r.action === action);
          if (e instanceof InvalidTransition) {
            rejected.invalid++;
            expect(edge).toBeUndefined();
            expect(e.from).toBe(before);
            expect(e.action).toBe(action);
          } else {
            rejected.forbidden++;
            expect(edge).toBeDefined();
            expect(edge!.actors).not.toContain(actor);
          }
          // Refusing has no side effect: the state is kept and the table is untouched.
          expect(state).toBe(before);
          expect(opts.machine.transitions).toEqual(table);
          continue;
        }
        // Every reached state is the `to` of a spec row whose `from` was the previous state,
        // for this action, and the actor is allowed to take it.
        const edge = opts.spec.find((r) => r.from === before && r.action === action && r.to === to);
        expect(edge, `${before ?? "(none)"} --${action}/${actor}--> ${to}`).toBeDefined();
        expect(edge!.actors).toContain(actor);
        expect(opts.statuses).toContain(to);
        state = to;
        reached.add(to);
      }
    }),
    { numRuns: 400 },
  );
  // The generator really explored the machine: every status was reached and both refusals seen.
  expect([...reached].sort()).toEqual([...opts.statuses].sort());
  expect(rejected.invalid).toBeGreaterThan(0);
  expect(rejected.forbidden).toBeGreaterThan(0);
}

/** Every (from, action, actor) the machine accepts, found by trying them all. */
function acceptedMoves<S extends string, A extends string>(
  statuses: readonly S[],
  actions: readonly A[],
  apply: (from: S | null, action: A, actor: Actor) => { to: S },
) {
  const out: string[] = [];
  for (const from of [null, ...statuses]) {
    for (const action of actions) {
      for (const actor of ACTORS) {
        try {
          out.push(`${from ?? "-"} ${action} ${actor} -> ${apply(from, action, actor).to}`);
        } catch (e) {
          expect(e instanceof InvalidTransition || e instanceof Forbidden).toBe(true);
        }
      }
    }
  }
  return out.sort();
}
const specMoves = <S extends string, A extends string>(spec: readonly Edge<S, A>[]) =>
  spec.flatMap((e) => e.actors.map((actor) => `${e.from ?? "-"} ${e.action} ${actor} -> ${e.to}`)).sort();

describe("application state machine", () => {
  it("never reaches a state the transition table does not allow, for any action sequence by any actor", () => {
    checkSequences({
      statuses: APPLICATION_STATUSES,
      actions: APPLICATION_ACTIONS,
      spec: APPLICATION_SPEC,
      apply: applyApplicationAction,
      machine: applicationMachine,
    });
  });

  it("accepts exactly the (from, action, actor) moves of the product's transition table", () => {
    expect(acceptedMoves(APPLICATION_STATUSES, APPLICATION_ACTIONS, applyApplicationAction)).toEqual(specMoves(APPLICATION_SPEC));
  });

  it("flags exactly reject, request_info and revoke as reason-required", () => {
    const flagged = applicationMachine.transitions.filter((t) => t.reasonRequired).map((t) => t.action);
    expect(new Set(flagged)).toEqual(new Set(["reject", "request_info", "revoke"]));
    expect(applyApplicationAction("REVIEWING", "reject", "reviewer").reasonRequired).toBe(true);
    expect(applyApplicationAction("REVIEWING", "request_info", "reviewer").reasonRequired).toBe(true);
    expect(applyApplicationAction("APPROVED", "revoke", "admin").reasonRequired).toBe(true);
    expect(applyApplicationAction("REVIEWING", "approve", "reviewer").reasonRequired).toBeFalsy();
    expect(applyApplicationAction("DRAFT", "submit", "partner").reasonRequired).toBeFalsy();
  });

  it("lets only admins revoke", () => {
    expect(applyApplicationAction("APPROVED", "revoke", "admin").to).toBe("REVOKED");
    for (const actor of ACTORS.filter((a) => a !== "admin")) {
      expect(() => applyApplicationAction("APPROVED", "revoke", actor)).toThrow(Forbidden);
    }
    fc.assert(
      fc.property(fc.constantFrom(null, ...APPLICATION_STATUSES), fc.constantFrom(...ACTORS), (from, actor) => {
        let ok = false;
        try {
          applyApplicationAction(from, "revoke", actor);
          ok = true;
        } catch {}
        expect(ok).toBe(from === "APPROVED" && actor === "admin");
      }),
    );
  });

  it("never lets a partner (or an analyst) approve, reject or request info", () => {
    for (const from of [null, ...APPLICATION_STATUSES]) {
      for (const action of ["approve", "reject", "request_info"] as const) {
        for (const actor of ["partner", "analyst"] as const) {
          expect(() => applyApplicationAction(from, action, actor)).toThrow(from === "REVIEWING" ? Forbidden : InvalidTransition);
        }
      }
    }
  });

  it("never lets staff act on the partner's behalf (create, submit, resubmit, withdraw)", () => {
    expect(() => applyApplicationAction(null, "create", "admin")).toThrow(Forbidden);
    expect(() => applyApplicationAction("DRAFT", "submit", "reviewer")).toThrow(Forbidden);
    expect(() => applyApplicationAction("NEEDS_INFO", "resubmit", "admin")).toThrow(Forbidden);
    expect(() => applyApplicationAction("REVIEWING", "withdraw", "reviewer")).toThrow(Forbidden);
  });

  it("treats REJECTED, WITHDRAWN and REVOKED as terminal, and lists the live and editable statuses", () => {
    for (const s of ["REJECTED", "WITHDRAWN", "REVOKED"] as const) expect(actionsFrom(applicationMachine, s)).toEqual([]);
    expect(new Set(LIVE_APPLICATION_STATUSES)).toEqual(new Set(["DRAFT", "REVIEWING", "NEEDS_INFO", "APPROVED"]));
    expect(new Set(EDITABLE_APPLICATION_STATUSES)).toEqual(new Set(["DRAFT", "NEEDS_INFO"]));
  });

  it("explains a refused transition in the error", () => {
    const err = (() => {
      try {
        applyApplicationAction("APPROVED", "submit", "partner");
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(InvalidTransition);
    expect((err as InvalidTransition).code).toBe("invalid_transition");
    expect((err as InvalidTransition).message).toBe("Cannot submit an application that is APPROVED (allowed from: DRAFT).");
    expect((err as InvalidTransition).details).toEqual({ entity: "application", from: "APPROVED", action: "submit" });
  });
});

describe("service state machine", () => {
  it("never reaches a state the transition table does not allow, for any action sequence by any actor", () => {
    checkSequences({
      statuses: SERVICE_STATUSES,
      actions: SERVICE_ACTIONS,
      spec: SERVICE_SPEC,
      apply: applyServiceAction,
      machine: serviceMachine,
    });
  });

  it("accepts exactly the (from, action, actor) moves of the product's transition table (plus the revocation's force_off)", () => {
    expect(acceptedMoves(SERVICE_STATUSES, SERVICE_ACTIONS, applyServiceAction)).toEqual(specMoves(SERVICE_SPEC));
  });

  it("cannot go back to DRAFT once published", () => {
    for (const action of SERVICE_ACTIONS) {
      for (const actor of ACTORS) {
        for (const from of ["ON", "OFF"] as const) {
          try {
            expect(applyServiceAction(from, action, actor).to).not.toBe("DRAFT");
          } catch (e) {
            expect(e instanceof InvalidTransition || e instanceof Forbidden).toBe(true);
          }
        }
      }
    }
  });
});

describe("transition / actionsFrom", () => {
  type S = "A" | "B";
  const m: Machine<S, "go" | "back", Actor> = {
    entity: "widget",
    transitions: [
      { from: null, action: "go", to: "A", actors: ["partner"] },
      { from: "A", action: "go", to: "B", actors: ["partner", "admin"] },
      { from: "B", action: "back", to: "A", actors: ["admin"] },
    ],
  };

  it("returns the row, or throws InvalidTransition / Forbidden", () => {
    expect(transition(m, "A", "go", "admin")).toEqual(m.transitions[1]);
    expect(() => transition(m, "B", "go", "partner")).toThrow(InvalidTransition);
    expect(() => transition(m, "B", "back", "partner")).toThrow(Forbidden);
    expect(() => transition(m, "B", "back", "partner")).toThrow("A partner cannot back a widget.");
    expect(() => applyApplicationAction("APPROVED", "revoke", "reviewer")).toThrow("A reviewer cannot revoke an application.");
    expect(() => applyApplicationAction(null, "create", "admin")).toThrow("An admin cannot create an application.");
  });

  it("lists the actions available from a state, optionally for one actor", () => {
    expect(actionsFrom(m, "A")).toEqual(["go"]);
    expect(actionsFrom(m, "B", "partner")).toEqual([]);
    expect(actionsFrom(m, "B", "admin")).toEqual(["back"]);
    expect(actionsFrom(applicationMachine, "REVIEWING", "reviewer").sort()).toEqual(["approve", "reject", "request_info"]);
    expect(actionsFrom(applicationMachine, "REVIEWING", "partner")).toEqual(["withdraw"]);
    expect(actionsFrom(serviceMachine, "ON", "partner")).toEqual(["deactivate"]);
  });
});

describe("allowedApplicationActions", () => {
  it("says which decisions need a reason and how long, from the machine and REASON_MIN_LENGTH", () => {
    expect(allowedApplicationActions("REVIEWING", "reviewer")).toEqual([
      { action: "approve", reason_required: false, reason_min_length: null },
      { action: "reject", reason_required: true, reason_min_length: REASON_MIN_LENGTH },
      { action: "request_info", reason_required: true, reason_min_length: REASON_MIN_LENGTH },
    ]);
    expect(allowedApplicationActions("APPROVED", "reviewer")).toEqual([]);
    expect(allowedApplicationActions("APPROVED", "admin").map((a) => a.action)).toEqual(["revoke"]);
    expect(allowedApplicationActions("NEEDS_INFO", "partner").map((a) => a.action)).toEqual(["update", "resubmit", "withdraw"]);
  });

  it("reasonInput enforces the same minimum the allowed actions announce", () => {
    const short = "x".repeat(REASON_MIN_LENGTH - 1);
    expect(reasonInput.safeParse({ reason: short }).success).toBe(false);
    expect(reasonInput.safeParse({ reason: `${short}x` }).success).toBe(true);
  });
});
