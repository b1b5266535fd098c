import {
  APPLICATION_STATUS_WORDS,
  AUDIT_ACTION_WORDS,
  AUDIT_ACTOR_WORDS,
  AUDIT_ENTITY_WORDS,
  type Lang,
  SERVICE_STATUS_LABELS,
  STAFF_ROLE_WORDS,
  type Words,
} from "@shopreg/domain";
import englishMessages from "ra-language-english";
import type { TranslationMessages } from "react-admin";
import { UI_WORDS } from "./words.ts";

/** Where the dashboard's own words sit among react-admin's messages. */
export const WORDS_ROOT = "shopreg";
/** Where the catalogue's words sit (read by react-admin props that take a message key: choices, labels). */
export const CATALOGUE_ROOT = "catalogue";

/** The catalogue's tables that the dashboard's inputs offer as choices. */
export const CATALOGUE_TABLES = {
  application_status: APPLICATION_STATUS_WORDS,
  service_status: SERVICE_STATUS_LABELS,
  audit_action: AUDIT_ACTION_WORDS,
  audit_entity: AUDIT_ENTITY_WORDS,
  audit_actor: AUDIT_ACTOR_WORDS,
  staff_role: STAFF_ROLE_WORDS,
} as const satisfies Record<string, Record<string, Words>>;
export type CatalogueTable = keyof typeof CATALOGUE_TABLES;

/** A choice list from a catalogue table, named by message key (react-admin translates choices). */
export function catalogueChoices<K extends CatalogueTable>(table: K, ids?: readonly (keyof (typeof CATALOGUE_TABLES)[K])[]) {
  const keys = ids ?? (Object.keys(CATALOGUE_TABLES[table]) as (keyof (typeof CATALOGUE_TABLES)[K])[]);
  return keys.map((id) => ({ id: String(id), name: `${CATALOGUE_ROOT}.${table}.${String(id)}` }));
}

const pick = (words: Record<string, Words>, lang: Lang) =>
  Object.fromEntries(Object.entries(words).map(([k, w]) => [k, w[lang]]));

/** One language's messages: react-admin's, the dashboard's words, the catalogue's, and the resources' names. */
export function messagesFor(ra: TranslationMessages, lang: Lang): TranslationMessages {
  const w = (k: keyof typeof UI_WORDS) => UI_WORDS[k][lang];
  return {
    ...ra,
    [WORDS_ROOT]: pick(UI_WORDS, lang),
    [CATALOGUE_ROOT]: Object.fromEntries(Object.entries(CATALOGUE_TABLES).map(([t, words]) => [t, pick(words, lang)])),
    resources: {
      applications: { name: w("applications") },
      partners: { name: w("partners") },
      services: { name: w("services") },
      "audit-events": { name: w("audit_log") },
      "staff-users": {
        name: w("staff_users"),
        fields: { name: w("name"), email: w("email"), role: w("role"), password: w("password") },
      },
      "referral-links": { name: w("referral_links") },
      "incentive-programs": { name: w("incentive_programs") },
      "incentive-statements": { name: w("incentive_statements") },
      "incentive-disputes": { name: w("incentive_disputes") },
    },
  };
}

export const enMessages = messagesFor(englishMessages, "en");
