import { type ErrorLike, errorText, fieldErrorText, type Lang } from "@shopreg/domain";
import { isApiError } from "./api.ts";
import { useI18n } from "./i18n.tsx";

/**
 * An error in the reader's language, by its code, from the domain catalogue: the one way the portal
 * words an API error (an SDK error, or anything thrown). In English the API's own message is kept.
 */
export function errorWords(error: unknown, lang: Lang): string {
  if (isApiError(error)) return errorText(error, lang);
  const fallback = { message: error instanceof Error ? error.message : String(error), code: "internal_error", status: 500 };
  return errorText(fallback satisfies ErrorLike, lang);
}

/** `errorWords` in the current language. */
export function useErrorWords(): (error: unknown) => string {
  const { lang } = useI18n();
  return (error) => errorWords(error, lang);
}

/** A field error's words by its rule's code (`details.fields[].code`), in the current language. */
export { fieldErrorText };
