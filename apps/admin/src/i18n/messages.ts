import type { Lang, Words } from "@shopreg/domain";
import englishMessages from "ra-language-english";
import type { TranslationMessages } from "react-admin";
import { UI_WORDS } from "./words.ts";

/** Where the dashboard's own words sit among react-admin's messages. */
export const WORDS_ROOT = "shopreg";
const pick = (words: Record<string, Words>, lang: Lang) =>
  Object.fromEntries(Object.entries(words).map(([k, w]) => [k, w[lang]]));

/** One language's messages: react-admin's, the dashboard's words and the resources' names. */
export function messagesFor(ra: TranslationMessages, lang: Lang): TranslationMessages {
  const w = (k: keyof typeof UI_WORDS) => UI_WORDS[k][lang];
  return {
    ...ra,
    [WORDS_ROOT]: pick(UI_WORDS, lang),
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
