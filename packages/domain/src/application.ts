import type { Words } from "./catalogue/words.ts";
import type { EventType } from "./events.ts";
import type { StaffRole } from "./schemas.ts";
import { type Transition, transition } from "./state-machine.ts";

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

export type Actor = "partner" | StaffRole;

/** The application lifecycle (docs/architecture.md), as data. Admins can do what reviewers can. */
/** A row of the application machine, with what it means beyond the status: the event it emits and whether that event mails. */
export type ApplicationTransition = Transition<ApplicationStatus, ApplicationAction, Actor> & {
  /** The event recorded with the change (null: none). */
  event: EventType | null;
  /** Whether the event is mailed to the partner's owner and admins. */
  mails: boolean;
};

/**
 * The application lifecycle (docs/architecture.md), as data: the one table that the staff
 * operations, the dashboard's buttons, allowed_actions, events and mail are derived from.
 * Admins can do what reviewers can.
 */
export const applicationMachine: { entity: string; transitions: readonly ApplicationTransition[] } = {
  entity: "application",
  transitions: [
    { from: null, action: "create", to: "DRAFT", actors: ["partner"], event: null, mails: false },
    { from: "DRAFT", action: "submit", to: "REVIEWING", actors: ["partner"], event: "application.submitted", mails: false },
    {
      from: "REVIEWING",
      action: "approve",
      to: "APPROVED",
      actors: ["reviewer", "admin"],
      event: "application.approved",
      mails: true,
    },
    {
      from: "REVIEWING",
      action: "reject",
      to: "REJECTED",
      actors: ["reviewer", "admin"],
      reasonRequired: true,
      event: "application.rejected",
      mails: true,
    },
    {
      from: "REVIEWING",
      action: "request_info",
      to: "NEEDS_INFO",
      actors: ["reviewer", "admin"],
      reasonRequired: true,
      event: "application.needs_info",
      mails: true,
    },
    {
      from: "NEEDS_INFO",
      action: "resubmit",
      to: "REVIEWING",
      actors: ["partner"],
      event: "application.submitted",
      mails: false,
    },
    { from: "DRAFT", action: "withdraw", to: "WITHDRAWN", actors: ["partner"], event: null, mails: false },
    { from: "REVIEWING", action: "withdraw", to: "WITHDRAWN", actors: ["partner"], event: null, mails: false },
    { from: "NEEDS_INFO", action: "withdraw", to: "WITHDRAWN", actors: ["partner"], event: null, mails: false },
    {
      from: "APPROVED",
      action: "revoke",
      to: "REVOKED",
      actors: ["admin"],
      reasonRequired: true,
      event: "application.revoked",
      mails: true,
    },
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
export const actionPath = <A extends string>(action: A): ActionPath<A> => action.replaceAll("_", "-") as ActionPath<A>;
/** `request_info` -> `request-info`, as a type: a client's path to a decision is checked against the API's paths. */
export type ActionPath<A extends string> = A extends `${infer Head}_${infer Tail}` ? `${Head}-${ActionPath<Tail>}` : A;

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

/** Each status in words (the portal's chips and the dashboard's filters). */
export const APPLICATION_STATUS_WORDS = {
  DRAFT: { en: "Draft", zh: "草稿" },
  REVIEWING: { en: "Reviewing", zh: "审核中" },
  NEEDS_INFO: { en: "Needs more info", zh: "需补充信息" },
  APPROVED: { en: "Approved", zh: "已通过" },
  REJECTED: { en: "Rejected", zh: "已拒绝" },
  WITHDRAWN: { en: "Withdrawn", zh: "已撤回" },
  REVOKED: { en: "Revoked", zh: "已撤销" },
} as const satisfies Record<ApplicationStatus, Words>;
export const isApplicationStatus = (s: string): s is ApplicationStatus => APPLICATION_STATUSES.some((x) => x === s);
/** A status in a language; a status the machine does not know shows as itself. */
export const applicationStatusIn = (s: string, lang: "en" | "zh"): string =>
  isApplicationStatus(s) ? APPLICATION_STATUS_WORDS[s][lang] : s;
/** Kept under its old name for the dashboard's readers. */
export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, Words> = APPLICATION_STATUS_WORDS;

/** Each action in words: `verb` on a button, `past` in a history (it is also the audit log's label). */
export const APPLICATION_ACTION_WORDS = {
  create: { verb: { en: "Create", zh: "创建" }, past: { en: "Created", zh: "已创建" } },
  submit: { verb: { en: "Submit", zh: "提交" }, past: { en: "Submitted", zh: "已提交" } },
  resubmit: { verb: { en: "Resubmit", zh: "重新提交" }, past: { en: "Resubmitted", zh: "已重新提交" } },
  approve: { verb: { en: "Approve", zh: "批准" }, past: { en: "Approved", zh: "已通过" } },
  reject: { verb: { en: "Reject", zh: "拒绝" }, past: { en: "Rejected", zh: "已拒绝" } },
  request_info: { verb: { en: "Request info", zh: "要求补充信息" }, past: { en: "Requested more info", zh: "要求补充信息" } },
  withdraw: { verb: { en: "Withdraw", zh: "撤回" }, past: { en: "Withdrawn", zh: "已撤回" } },
  revoke: { verb: { en: "Revoke", zh: "撤销" }, past: { en: "Revoked", zh: "已撤销" } },
} as const satisfies Record<ApplicationAction, { verb: Words; past: Words }>;

/** How a staff decision looks on the dashboard: its colour, and what its confirmation says. */
export type ReviewDecision = {
  /** The staff operation's id and summary in the OpenAPI document (stable: the SDK's methods are named by them). */
  operationId: string;
  summary: string;
  tone: "positive" | "caution" | "negative";
  title: Words;
  text: Words;
  done: Words;
};

/**
 * The staff decisions: every action a staff role takes in the machine, with its operation and its
 * dashboard words. The staff routes, the dashboard's buttons and `decide()` are all derived from
 * this and the machine's rows (the catalogue test checks that the two name the same actions).
 */
export const REVIEW_DECISIONS = {
  approve: {
    operationId: "approveApplication",
    summary: "Approve (Reviewing -> Approved)",
    tone: "positive",
    title: { en: "Approve this application?", zh: "批准此申请？" },
    text: {
      en: "The partner can then create and publish a service in this category and market.",
      zh: "合作伙伴随后可以在该类目和市场创建并发布服务。",
    },
    done: { en: "Application approved", zh: "申请已批准" },
  },
  reject: {
    operationId: "rejectApplication",
    summary: "Reject with a reason (Reviewing -> Rejected)",
    tone: "negative",
    title: { en: "Reject this application?", zh: "拒绝此申请？" },
    text: {
      en: "The partner sees your reason. They can apply again with a new application.",
      zh: "合作伙伴会看到您的理由，并可以重新提交新的申请。",
    },
    done: { en: "Application rejected", zh: "申请已拒绝" },
  },
  request_info: {
    operationId: "requestApplicationInfo",
    summary: "Ask for more information with a reason (Reviewing -> Needs more info)",
    tone: "caution",
    title: { en: "Ask the partner for more information?", zh: "要求合作伙伴补充信息？" },
    text: {
      en: "The application goes back to the partner, who can edit it and resubmit. Tell them what is missing.",
      zh: "申请将退回给合作伙伴，对方可以编辑后重新提交。请说明缺少什么。",
    },
    done: { en: "More information requested", zh: "已要求补充信息" },
  },
  revoke: {
    operationId: "revokeApplication",
    summary: "Revoke an approval with a reason (admin; turns the partner's services in that category and market Off)",
    tone: "negative",
    title: { en: "Revoke this approval?", zh: "撤销此批准？" },
    text: {
      en: "The partner's services in this category and market are turned Off at once, and their referral links stop sending sellers to them.",
      zh: "合作伙伴在该类目和市场的服务将立即关闭，其推荐链接也将停止为其带来卖家。",
    },
    done: {
      en: "Approval revoked; the partner's services in this category and market are Off",
      zh: "批准已撤销；合作伙伴在该类目和市场的服务已关闭",
    },
  },
} as const satisfies Partial<Record<ApplicationAction, ReviewDecision>>;
export type ReviewAction = keyof typeof REVIEW_DECISIONS;
/** In the order of the machine's document (the dashboard orders its buttons by tone). */
export const REVIEW_ACTIONS = Object.keys(REVIEW_DECISIONS) as ReviewAction[];

/** The rows of a decision: who may take it, from which statuses, whether it needs a reason, what it emits and mails. */
export const reviewRows = (action: ReviewAction): readonly ApplicationTransition[] =>
  applicationMachine.transitions.filter((t) => t.action === action);

/** The events of the machine that are mailed to the partner (the mail queue reads this). */
export const MAILED_APPLICATION_EVENTS: readonly EventType[] = [
  ...new Set(applicationMachine.transitions.flatMap((t) => (t.mails && t.event ? [t.event] : []))),
];
