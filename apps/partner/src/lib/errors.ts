import { type ErrorLike, errorTextIn, fieldErrorTextIn, type Params } from "@shopreg/domain";
import type { FieldError } from "@shopreg/sdk";
import { isApiError } from "./api.ts";
import { type Lang, useI18n, wordsOf } from "./i18n.tsx";

/**
 * An API error (or anything thrown) in the reader's language, by its code: the domain catalogue's
 * words with the error's `details.params`, loaded with the language's dictionary. In English the
 * API's own message is kept (the API words it from the same catalogue, and may say more). A code
 * the catalogue does not know is worded by its HTTP status, so a Chinese screen never shows the
 * API's English text nor a raw code.
 */
export function errorWords(error: unknown, lang: Lang): string {
  const e: ErrorLike = isApiError(error)
    ? error
    : { message: error instanceof Error ? error.message : String(error), code: "internal_error", status: 500 };
  const table = wordsOf(lang)?.errors;
  return table ? errorTextIn(table, e, lang) : (e.message ?? "");
}

type Field = Pick<FieldError, "path" | "message" | "code"> & { params?: Params };

/** One field error (`details.fields[]`, a code per validation rule) in the reader's language. */
export function fieldWords(field: { code?: string; message?: string; params?: Params }, lang: Lang): string {
  const table = wordsOf(lang)?.errors;
  return table ? fieldErrorTextIn(table, field, lang) : (field.message ?? "");
}

/**
 * An API error's field errors (`details.fields`) as a map from path (with `prefix.` stripped) to
 * the first one's words in the reader's language; "items.0" belongs to the field "items".
 */
export function fieldErrorWords(error: unknown, lang: Lang, prefix?: string): Record<string, string> {
  const raw = isApiError(error) ? (error.details as { fields?: unknown } | undefined)?.fields : undefined;
  const out: Record<string, string> = {};
  for (const f of (Array.isArray(raw) ? raw : []) as Field[]) {
    let path = f.path;
    if (prefix) {
      if (path === prefix || !path.startsWith(`${prefix}.`)) continue;
      path = path.slice(prefix.length + 1);
    }
    const key = path.split(".")[0] ?? path;
    out[key] ??= fieldWords(f, lang);
  }
  return out;
}

/** `errorWords` and `fieldErrorWords` in the current language. */
export function useErrorWords(): (error: unknown) => string {
  const { lang } = useI18n();
  return (error) => errorWords(error, lang);
}
export function useFieldErrors(): (error: unknown, prefix?: string) => Record<string, string> {
  const { lang } = useI18n();
  return (error, prefix) => fieldErrorWords(error, lang, prefix);
}

/** Both, in the current language: `const { errorText, fieldErrors } = useApiErrors()`. */
export function useApiErrors() {
  const { lang } = useI18n();
  return {
    errorText: (error: unknown) => errorWords(error, lang),
    fieldErrors: (error: unknown, prefix?: string) => fieldErrorWords(error, lang, prefix),
  };
}
