/**
 * The product's words in both languages (docs/decisions/0008-typed-catalogue.md). A table of words
 * is declared `satisfies Record<Key, Words>`, so a key without both languages does not compile.
 */
export const LANGS = ["en", "zh"] as const;
export type Lang = (typeof LANGS)[number];
export type Words = { readonly en: string; readonly zh: string };
export type Params = Readonly<Record<string, string | number | readonly (string | number)[]>>;

/** Fills `{name}` from params; a missing parameter stays visible as `{name}` (a test catches it). */
export function interpolate(text: string, params: Params = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    return Array.isArray(v) ? v.join(", ") : String(v);
  });
}

export const say = (words: Words, lang: Lang, params?: Params): string => interpolate(words[lang], params);

/** The language an Accept-Language header asks for among ours: zh for any zh-*, else en (the default). */
export function langOf(acceptLanguage: string | null | undefined): Lang {
  if (!acceptLanguage) return "en";
  const ranked = acceptLanguage
    .split(",")
    .map((part, i) => {
      const [tag = "", ...rest] = part.trim().split(";");
      const q = rest.map((r) => r.trim()).find((r) => r.startsWith("q="));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1, i };
    })
    .filter((r) => r.tag && r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const r of ranked) {
    if (r.tag === "zh" || r.tag.startsWith("zh-")) return "zh";
    if (r.tag === "en" || r.tag.startsWith("en-") || r.tag === "*") return "en";
  }
  return "en";
}
