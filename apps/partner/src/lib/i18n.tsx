import type { ErrorCode } from "@shopreg/domain";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { en } from "./i18n.en.ts";

export type MessageKey = keyof typeof en;
export type Dict = Record<MessageKey, string>;

export type Lang = "en" | "zh";

/** One language's words: ours, the catalogue's error words, and Material UI's (English is its default). */
type Words = { dict: Dict; errors: Record<ErrorCode, string>; mui?: object };

// Each language loads on its own (about 10 KB gzip each, with its error words): a reader downloads
// the one they read; the provider waits for it (index.html's first paint shows meanwhile).
const loaded: Partial<Record<Lang, Words>> = {};
const loading: Partial<Record<Lang, Promise<void>>> = {};
const LOADERS: Record<Lang, () => Promise<Words>> = {
  en: () => import("./i18n.en.ts").then((m) => ({ dict: m.en, errors: m.errors })),
  zh: () => import("./i18n.zh.ts").then((m) => ({ dict: m.zh, errors: m.errors, mui: m.muiLocale })),
};
export function loadLang(lang: Lang): Promise<void> {
  if (loaded[lang]) return Promise.resolve();
  loading[lang] ??= LOADERS[lang]().then((w) => {
    loaded[lang] = w;
  });
  return loading[lang];
}
/** A loaded language's words (undefined until `loadLang` has finished). */
export const wordsOf = (lang: Lang): Words | undefined => loaded[lang];

const STORAGE_KEY = "shopreg.partner.lang";

type I18n = {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, vars?: Record<string, string>): string;
  /** A count in words: the key's ".one" form for 1 where it has one ("1 other session"), else the key with {n}. */
  tn(key: MessageKey, n: number, vars?: Record<string, string>): string;
  /** Material UI's own words for the language (undefined: its English defaults). */
  muiLocale: object | undefined;
  /** Picks the language's side of an { en, zh } label from the API. */
  pick(label: { en: string; zh: string }): string;
};

const I18nContext = createContext<I18n | null>(null);

/** The language the portal opens in: the one chosen before, else the browser's. */
export function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === "en" || saved === "zh") return saved;
  } catch {
    // storage blocked
  }
  return typeof navigator !== "undefined" && navigator.language?.toLowerCase().startsWith("zh") ? "zh" : "en";
}

export function I18nProvider({ children, lang: fixed }: { children: ReactNode; lang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(() => fixed ?? initialLang());
  const [, setLoaded] = useState(0);
  const words = loaded[lang];
  const dict = words?.dict;
  const ready = dict !== undefined;
  useEffect(() => {
    if (!ready) void loadLang(lang).then(() => setLoaded((n) => n + 1));
  }, [lang, ready]);
  const setLang = useCallback((l: Lang) => {
    // Switch once the words are there, so the page keeps its state (it is not unmounted meanwhile).
    void loadLang(l).then(() => setLangState(l));
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // storage blocked: the choice lasts for this visit
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    if (dict) document.title = dict["app.documentTitle"];
  }, [lang, dict]);
  const value = useMemo<I18n>(() => {
    const t: I18n["t"] = (key, vars) => {
      let s: string = dict?.[key] ?? key;
      for (const [k, v] of Object.entries(vars ?? {})) s = s.replaceAll(`{${k}}`, v);
      return s;
    };
    return {
      lang,
      setLang,
      t,
      tn: (key, n, vars) => {
        const one = `${key}.one`;
        const isKey = (k: string): k is MessageKey => dict !== undefined && Object.hasOwn(dict, k);
        return t(n === 1 && isKey(one) ? one : key, { ...vars, n: String(n) });
      },
      pick: (label) => (lang === "zh" ? label.zh : label.en),
      muiLocale: words?.mui,
    };
  }, [lang, setLang, dict, words]);
  // Nothing rather than a flash of another language while the reader's words load.
  return <I18nContext.Provider value={value}>{ready ? children : null}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error("useI18n outside I18nProvider");
  return ctx;
}

/** Region names in the user's language (Intl), e.g. CN -> China / 中国. */
export function regionName(code: string, lang: Lang): string {
  try {
    return new Intl.DisplayNames([lang === "zh" ? "zh-CN" : "en"], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function formatDate(iso: string | null, lang: Lang): string {
  if (!iso) return "";
  return new Date(iso).toLocaleString(lang === "zh" ? "zh-CN" : "en-US", { dateStyle: "medium", timeStyle: "short" });
}
