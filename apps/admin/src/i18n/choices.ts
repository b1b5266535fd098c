import type { Words } from "@shopreg/domain";
import { activeLang } from "./index.tsx";

/**
 * A choice list from one of the catalogue's tables (statuses, audit actions, roles...) in the page's
 * language. Inputs take it with translateChoice={false}; call it while rendering, so a language
 * switch renames the choices. Each screen passes its own table, so it bundles only that one.
 */
export function choicesOf<K extends string>(words: Readonly<Record<K, Words>>, ids?: readonly K[]) {
  const keys = ids ?? (Object.keys(words) as K[]);
  return keys.map((id) => ({ id: String(id), name: words[id][activeLang()] }));
}
