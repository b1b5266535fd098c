import { type Machine, transition } from "./state-machine.ts";

export const APPLICATION_STATUSES = ["DRAFT", "REVIEWING", "NEEDS_INFO", "APPROVED", "REJECTED", "WITHDRAWN", "REVOKED"] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_ACTIONS = [
  "create",
  "submit",
  "approve",
  "reject",
  "request_info",
  "resubmit",
  "withdraw",
  "revoke",
] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

export type Actor = "partner" | "reviewer" | "admin" | "analyst";

/** The application lifecycle (docs/architecture.md), as data. Admins can do what reviewers can. */
export const applicationMachine: Machine<ApplicationStatus, ApplicationAction, Actor> = {
  entity: "application",
  transitions: [
    { from: null, action: "create", to: "DRAFT", actors: ["partner"] },
    { from: "DRAFT", action: "submit", to: "REVIEWING", actors: ["partner"] },
    { from: "REVIEWING", action: "approve", to: "APPROVED", actors: ["reviewer", "admin"] },
    { from: "REVIEWING", action: "reject", to: "REJECTED", actors: ["reviewer", "admin"], reasonRequired: true },
    { from: "REVIEWING", action: "request_info", to: "NEEDS_INFO", actors: ["reviewer", "admin"], reasonRequired: true },
    { from: "NEEDS_INFO", action: "resubmit", to: "REVIEWING", actors: ["partner"] },
    { from: "DRAFT", action: "withdraw", to: "WITHDRAWN", actors: ["partner"] },
    { from: "REVIEWING", action: "withdraw", to: "WITHDRAWN", actors: ["partner"] },
    { from: "NEEDS_INFO", action: "withdraw", to: "WITHDRAWN", actors: ["partner"] },
    { from: "APPROVED", action: "revoke", to: "REVOKED", actors: ["admin"], reasonRequired: true },
  ],
};

/** At most one live application per partner, category and market. */
export const LIVE_APPLICATION_STATUSES: readonly ApplicationStatus[] = ["DRAFT", "REVIEWING", "NEEDS_INFO", "APPROVED"];
/** Details can be edited while the partner holds the pen. */
export const EDITABLE_APPLICATION_STATUSES: readonly ApplicationStatus[] = ["DRAFT", "NEEDS_INFO"];

export const applyApplicationAction = (from: ApplicationStatus | null, action: ApplicationAction, actor: Actor) =>
  transition(applicationMachine, from, action, actor);

/**
 * The one rule for a decision's reason (reject, request info, revoke): the API's reasonInput and the
 * dashboard's reason field both read it, through allowed_actions. Change it here and both follow.
 */
export const REASON_MIN_LENGTH = 3;
export const REASON_MAX_LENGTH = 2000;

/** The URL segment of an action's operation (`request_info` -> `request-info`): derived, never spelled twice. */
export const actionPath = (action: string): string => action.replaceAll("_", "-");

/** The status an action leads to from a status, or undefined when the machine has no such step. */
export const applicationActionTarget = (from: ApplicationStatus, action: ApplicationAction): ApplicationStatus | undefined =>
  applicationMachine.transitions.find((t) => t.from === from && t.action === action)?.to;

/** A next step as the API shows it: the action and what its reason must be. */
export type AllowedAction<A extends string = ApplicationAction | "update"> = {
  action: A;
  reason_required: boolean;
  /** Characters the trimmed reason needs; null when no reason is asked for. */
  reason_min_length: number | null;
};

/**
 * What an actor may do next with an application in a status, from the state machine alone.
 * "update" (edit the details) is not a transition: the partner may do it while holding the pen.
 */
export function allowedApplicationActions(status: ApplicationStatus, actor: Actor): AllowedAction[] {
  const edit: AllowedAction[] =
    actor === "partner" && EDITABLE_APPLICATION_STATUSES.includes(status)
      ? [{ action: "update", reason_required: false, reason_min_length: null }]
      : [];
  return [
    ...edit,
    ...applicationMachine.transitions
      .filter((t) => t.from === status && t.actors.includes(actor))
      .map((t) => ({
        action: t.action,
        reason_required: t.reasonRequired === true,
        reason_min_length: t.reasonRequired ? REASON_MIN_LENGTH : null,
      })),
  ];
}

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, { en: string; zh: string }> = {
  DRAFT: { en: "Draft", zh: "草稿" },
  REVIEWING: { en: "Reviewing", zh: "审核中" },
  NEEDS_INFO: { en: "Needs more info", zh: "需补充信息" },
  APPROVED: { en: "Approved", zh: "已通过" },
  REJECTED: { en: "Rejected", zh: "已拒绝" },
  WITHDRAWN: { en: "Withdrawn", zh: "已撤回" },
  REVOKED: { en: "Revoked", zh: "已撤销" },
};
