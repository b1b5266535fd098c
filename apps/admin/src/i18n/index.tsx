import { interpolate, type Lang, type Params } from "@shopreg/domain";
import polyglotI18nProvider from "ra-i18n-polyglot";
import { useLocaleState, useTranslate } from "react-admin";
import { enMessages, WORDS_ROOT } from "./messages.ts";
import { UI_EN, type UiWord } from "./words.en.ts";

export type { UiWord } from "./words.en.ts";

/** The dashboard's languages, each named in itself (the switch shows them so). */
export const LOCALES = [
  { locale: "en", name: "English" },
  { locale: "zh", name: "简体中文" },
] as const satisfies readonly { locale: Lang; name: string }[];

const STORAGE_KEY = "shopreg.admin.lang";
/** react-admin's store keeps the locale under this key (localStorageStore's prefix); it opens in it. */
const RA_STORE_LOCALE = "RaStore.locale";

export const asLang = (value: unknown): Lang | undefined => (value === "en" || value === "zh" ? value : undefined);

/** The language the dashboard opens in: the one chosen last on this browser, else the browser's (zh for any zh-*). */
export function initialLang(): Lang {
  try {
    const chosen = asLang(localStorage.getItem(STORAGE_KEY));
    if (chosen) return chosen;
  } catch {
    // No storage (private mode): the browser's language decides.
  }
  const nav = typeof navigator === "undefined" ? "" : (navigator.languages?.[0] ?? navigator.language ?? "");
  return nav.toLowerCase().startsWith("zh") ? "zh" : "en";
}

/** Remembers a choice for the next visit (react-admin's store is cleared on sign-out; this is not). */
export function rememberLang(lang: Lang) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered; the switch still works for this visit.
  }
}

/** MUI's own control labels in Chinese, set once the zh messages have loaded (they come in the same chunk). */
let muiZh: object | undefined;
/** The dashboard's words in each loaded language (the Chinese once zh.ts has loaded). */
const uiWords: Partial<Record<Lang, Record<UiWord, string>>> = { en: UI_EN };
/** One of the dashboard's words, for plain formatters outside components (components use `useT()`). */
export const uiWord = (word: UiWord, lang: Lang = current): string => (uiWords[lang] ?? UI_EN)[word];
export const muiLocaleOf = (lang: Lang): object | undefined => (lang === "zh" ? muiZh : undefined);

/**
 * react-admin's i18nProvider (ra-i18n-polyglot): English is in the first load; the Chinese messages
 * (react-admin's, the dashboard's and the catalogue's, with MUI's zhCN) load on first use.
 */
export function createI18nProvider() {
  const lang = initialLang();
  try {
    localStorage.setItem(RA_STORE_LOCALE, JSON.stringify(lang));
  } catch {
    // Opens in English.
  }
  const provider = polyglotI18nProvider(
    (locale) =>
      locale === "zh"
        ? import("./zh.ts").then((m) => {
            muiZh = m.muiLocale;
            uiWords.zh = m.words;
            return m.messages;
          })
        : enMessages,
    "en",
    [...LOCALES],
  );
  return {
    ...provider,
    // Set before react-admin re-renders the page in the new language, so formatters read it.
    changeLocale: (locale: string) =>
      provider.changeLocale(locale).then(() => {
        current = asLang(locale) ?? "en";
        document.documentElement.lang = current === "zh" ? "zh-CN" : "en";
      }),
  };
}

let current: Lang = "en";
/**
 * The language the page shows, for plain formatters called while rendering (dates, numbers,
 * catalogue words); components read `useLang()`.
 */
export const activeLang = (): Lang => current;
/** The locale tag for Intl and for the API's Accept-Language. */
export const localeTag = (lang: Lang = current) => (lang === "zh" ? "zh-CN" : "en");

/** The active language ("en" or "zh"). */
export function useLang(): Lang {
  const [locale] = useLocaleState();
  return asLang(locale) ?? "en";
}

export type T = (word: UiWord, params?: Params) => string;

/** The dashboard's own words, typed by key: `t("sign_in")`, `t("rows", { from, to })`. */
export function useT(): T {
  const translate = useTranslate();
  return (word, params) => interpolate(translate(`${WORDS_ROOT}.${word}`), params);
}

/** A word's message key, for react-admin props that translate what they are given (labels, titles, choices). */
export const wordKey = (word: UiWord) => `${WORDS_ROOT}.${word}` as const;
