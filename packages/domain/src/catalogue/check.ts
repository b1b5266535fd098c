import {
  APPLICATION_ACTION_WORDS,
  APPLICATION_ACTIONS,
  APPLICATION_STATUS_WORDS,
  APPLICATION_STATUSES,
  type ApplicationTransition,
  applicationMachine,
  REVIEW_DECISIONS,
  type ReviewDecision,
} from "../application.ts";
import { AUDIT_ACTION_WORDS, AUDIT_ACTOR_WORDS, AUDIT_ENTITY_WORDS } from "../audit.ts";
import { EVENT_CATALOGUE, EVENT_RESOURCE_WORDS } from "../events.ts";
import { MEMBER_ROLES } from "../members.ts";
import { STAFF_ROLES } from "../schemas.ts";
import { CATEGORIES } from "../taxonomy.ts";
import { ERROR_WORDS } from "./errors.ts";
import { MEMBER_ROLE_WORDS, STAFF_ROLE_WORDS } from "./roles.ts";
import type { Words } from "./words.ts";

/** What the completeness check reads; the defaults are the real catalogue (a test passes a broken copy). */
export type CatalogueParts = {
  rows: readonly ApplicationTransition[];
  statuses: readonly string[];
  actions: readonly string[];
  statusWords: Readonly<Record<string, Words>>;
  actionWords: Readonly<Record<string, { verb: Words; past: Words }>>;
  decisions: Readonly<Record<string, ReviewDecision>>;
  events: Readonly<Record<string, { resource: string; words: Words }>>;
  resourceWords: Readonly<Record<string, Words>>;
  roles: { member: readonly string[]; staff: readonly string[] };
  roleWords: { member: Readonly<Record<string, Words>>; staff: Readonly<Record<string, Words>> };
  tables: Readonly<Record<string, Readonly<Record<string, Words>>>>;
};

export const CATALOGUE: CatalogueParts = {
  rows: applicationMachine.transitions,
  statuses: APPLICATION_STATUSES,
  actions: APPLICATION_ACTIONS,
  statusWords: APPLICATION_STATUS_WORDS,
  actionWords: APPLICATION_ACTION_WORDS,
  decisions: REVIEW_DECISIONS,
  events: EVENT_CATALOGUE,
  resourceWords: EVENT_RESOURCE_WORDS,
  roles: { member: MEMBER_ROLES, staff: STAFF_ROLES },
  roleWords: { member: MEMBER_ROLE_WORDS, staff: STAFF_ROLE_WORDS },
  tables: {
    "audit action": AUDIT_ACTION_WORDS,
    "audit entity": AUDIT_ENTITY_WORDS,
    "audit actor": AUDIT_ACTOR_WORDS,
    error: ERROR_WORDS,
    category: Object.fromEntries(CATEGORIES.map((c) => [c.id, { en: c.name, zh: c.nameZh }])),
  },
};

const HAN = /\p{Script=Han}/u;
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Words are there in both languages, the Chinese is Chinese, and both name the same parameters. */
function wordGaps(where: string, w: Words | undefined, latinZhOk = false): string[] {
  if (!w) return [`${where}: no words`];
  const gaps: string[] = [];
  if (!w.en?.trim()) gaps.push(`${where}: no English`);
  if (!w.zh?.trim()) gaps.push(`${where}: no Chinese`);
  else if (!latinZhOk && !HAN.test(w.zh)) gaps.push(`${where}: the Chinese "${w.zh}" has no Chinese in it`);
  if (w.en && w.zh && placeholders(w.en).join() !== placeholders(w.zh).join()) {
    gaps.push(`${where}: English and Chinese name different parameters`);
  }
  return gaps;
}

/** Proper names that read the same in Chinese. */
const SAME_IN_BOTH = new Set(["Seller Center"]);

/**
 * Everything the catalogue promises, checked: every machine row has actors, an event that exists
 * (or none), a mail choice that has an event to mail, and words; every staff action has its
 * operation and dashboard decision (and no decision lacks a row); every status, action, event type,
 * event group, role, audit action, category and error code has words in both languages.
 * Returns the gaps, empty when complete.
 */
export function catalogueGaps(c: CatalogueParts = CATALOGUE): string[] {
  const gaps: string[] = [];
  const staff = new Set(c.roles.staff);
  const staffActions = new Set<string>();
  c.rows.forEach((row, i) => {
    const where = `machine row ${i} (${row.from ?? "new"} -${row.action}-> ${row.to})`;
    if (!c.actions.includes(row.action)) gaps.push(`${where}: action not in the action list`);
    if (!c.statuses.includes(row.to) || (row.from !== null && !c.statuses.includes(row.from))) {
      gaps.push(`${where}: status not in the status list`);
    }
    if (row.actors.length === 0) gaps.push(`${where}: no actors`);
    if (typeof row.mails !== "boolean") gaps.push(`${where}: no mail choice`);
    if (row.event !== null && !(row.event in c.events)) gaps.push(`${where}: event ${row.event} is not in the event catalogue`);
    if (row.mails && row.event === null) gaps.push(`${where}: mails without an event`);
    if (row.actors.some((a) => staff.has(a))) staffActions.add(row.action);
  });
  for (const a of staffActions) {
    const d = c.decisions[a];
    if (!d) {
      gaps.push(`staff action ${a}: no operation or dashboard decision`);
      continue;
    }
    if (!/^[a-z][A-Za-z]+$/.test(d.operationId) || !d.summary.trim()) gaps.push(`staff action ${a}: no operation id or summary`);
    for (const part of ["title", "text", "done"] as const) gaps.push(...wordGaps(`decision ${a} ${part}`, d[part]));
  }
  for (const a of Object.keys(c.decisions)) {
    if (!staffActions.has(a)) gaps.push(`decision ${a}: no machine row lets a staff role take it`);
  }
  const ids = Object.values(c.decisions).map((d) => d.operationId);
  if (new Set(ids).size !== ids.length) gaps.push("two decisions share an operation id");
  for (const s of c.statuses) gaps.push(...wordGaps(`status ${s}`, c.statusWords[s]));
  for (const a of c.actions) {
    gaps.push(
      ...wordGaps(`action ${a} (verb)`, c.actionWords[a]?.verb),
      ...wordGaps(`action ${a} (past)`, c.actionWords[a]?.past),
    );
  }
  for (const [type, e] of Object.entries(c.events)) {
    gaps.push(...wordGaps(`event ${type}`, e.words), ...wordGaps(`event group ${e.resource}`, c.resourceWords[e.resource]));
  }
  for (const r of c.roles.member) gaps.push(...wordGaps(`member role ${r}`, c.roleWords.member[r]));
  for (const r of c.roles.staff) gaps.push(...wordGaps(`staff role ${r}`, c.roleWords.staff[r]));
  for (const [table, words] of Object.entries(c.tables)) {
    for (const [key, w] of Object.entries(words)) gaps.push(...wordGaps(`${table} ${key}`, w, SAME_IN_BOTH.has(w.en)));
  }
  return gaps;
}
