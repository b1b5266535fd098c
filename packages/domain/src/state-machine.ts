import { Forbidden, InvalidTransition } from "./errors.ts";

export type Transition<S extends string, A extends string, R extends string> = {
  from: S | null;
  action: A;
  to: S;
  actors: readonly R[];
  reasonRequired?: boolean;
};

export type Machine<S extends string, A extends string, R extends string> = {
  entity: string;
  transitions: readonly Transition<S, A, R>[];
};

/** "a service", "an application", "an admin". */
const withArticle = (noun: string): string => `${/^[aeiou]/i.test(noun) ? "an" : "a"} ${noun}`;

/**
 * Runs one action through a machine's table. Throws InvalidTransition when the table has no row
 * for (from, action), Forbidden when the row exists but the actor may not take it.
 */
export function transition<T extends Transition<string, string, string>>(
  machine: { entity: string; transitions: readonly T[] },
  from: NoInfer<T["from"]>,
  action: NoInfer<T["action"]>,
  actor: NoInfer<T["actors"][number]>,
): T {
  const row = machine.transitions.find((t) => t.from === from && t.action === action);
  if (!row) {
    const allowedFrom = machine.transitions
      .filter((t) => t.action === action)
      .map((t) => t.from ?? "new")
      .join(", ");
    throw new InvalidTransition(
      machine.entity,
      from,
      action,
      `Cannot ${action.replaceAll("_", " ")} ${withArticle(machine.entity)} that is ${from ?? "new"}${allowedFrom ? ` (allowed from: ${allowedFrom})` : ""}.`,
    ).because("invalid_transition", { entity: machine.entity, from: from ?? "new", action });
  }
  if (!row.actors.includes(actor)) {
    throw new Forbidden(
      `${withArticle(actor).replace(/^a/, "A")} cannot ${action.replaceAll("_", " ")} ${withArticle(machine.entity)}.`,
    ).because("role_cannot_act", { role: actor, action: action.replaceAll("_", " "), entity: machine.entity });
  }
  return row;
}

export const actionsFrom = <S extends string, A extends string, R extends string>(
  machine: Machine<S, A, R>,
  from: S | null,
  actor?: R,
): A[] =>
  machine.transitions.filter((t) => t.from === from && (actor === undefined || t.actors.includes(actor))).map((t) => t.action);
