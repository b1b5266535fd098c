import {
  APPLICATION_STATUS_WORDS,
  AUDIT_ACTION_WORDS,
  AUDIT_ACTOR_WORDS,
  AUDIT_ENTITY_WORDS,
  SERVICE_STATUS_LABELS,
  STAFF_ROLE_WORDS,
  type Words,
} from "@shopreg/domain";
import { activeLang } from "./index.tsx";

/** The catalogue's tables that the dashboard's inputs offer as choices (read by the screens, not the first page). */
export const CATALOGUE_TABLES = {
  application_status: APPLICATION_STATUS_WORDS,
  service_status: SERVICE_STATUS_LABELS,
  audit_action: AUDIT_ACTION_WORDS,
  audit_entity: AUDIT_ENTITY_WORDS,
  audit_actor: AUDIT_ACTOR_WORDS,
  staff_role: STAFF_ROLE_WORDS,
} as const satisfies Record<string, Record<string, Words>>;
export type CatalogueTable = keyof typeof CATALOGUE_TABLES;

/**
 * A choice list from a catalogue table in the page's language (inputs take it with
 * translateChoice={false}; call it while rendering, so a language switch renames the choices).
 */
export function catalogueChoices<K extends CatalogueTable>(table: K, ids?: readonly (keyof (typeof CATALOGUE_TABLES)[K])[]) {
  const words: Record<string, Words> = CATALOGUE_TABLES[table];
  const keys = ids ? ids.map(String) : Object.keys(words);
  return keys.map((id) => ({ id, name: words[id]?.[activeLang()] ?? id }));
}
