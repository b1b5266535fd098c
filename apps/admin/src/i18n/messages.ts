import englishMessages from "ra-language-english";
import type { TranslationMessages } from "react-admin";
import { UI_EN, type UiWord } from "./words.en.ts";

/** Where the dashboard's own words sit among react-admin's messages. */
export const WORDS_ROOT = "shopreg";

/** One language's messages: react-admin's, the dashboard's words and the resources' names. */
export function messagesFor(ra: TranslationMessages, words: Record<UiWord, string>): TranslationMessages {
  const w = (k: UiWord) => words[k];
  return {
    ...ra,
    [WORDS_ROOT]: words,
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

export const enMessages = messagesFor(englishMessages, UI_EN);
