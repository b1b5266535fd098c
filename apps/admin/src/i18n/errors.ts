import { type ErrorLike, errorText, type Lang } from "@shopreg/domain";
import { isApiError } from "@shopreg/web-api";
import { activeLang } from "./index.tsx";

/**
 * An error in the page's language, by its code, from the catalogue's words (as the portal's
 * errorWords does): an SDK error by its code and params; anything else as an internal error, so a
 * Chinese screen never shows an English message. In English the API's own message is kept.
 */
export function errorWords(error: unknown, lang: Lang = activeLang()): string {
  if (isApiError(error)) return errorText(error, lang);
  const fallback = { message: error instanceof Error ? error.message : String(error), code: "internal_error", status: 500 };
  return errorText(fallback satisfies ErrorLike, lang);
}
