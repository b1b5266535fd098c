import type { paths } from "@shopreg/sdk";
import { createApiClient, isApiError, data as sdkData } from "@shopreg/web-api";
import { localeTag } from "./i18n/index.tsx";

/**
 * The dashboard's calls to the staff API, through @shopreg/web-api (openapi-fetch over the SDK's
 * generated paths): a path, a body or a response the API does not describe fails typecheck. Same
 * origin with the session cookie, an Idempotency-Key on every POST, failures as the SDK's errors, and
 * Accept-Language of the page's language (the API words its messages in it).
 */
export const client = createApiClient({ acceptLanguage: () => localeTag() });

/**
 * The body of a 2xx answer; a failure keeps its code and status, and its message is put in the
 * page's language from the catalogue (react-admin's notifications show `message`, so a Chinese
 * screen never shows the English of a connection error). The words load with the first failure.
 */
export async function data<T>(call: Promise<{ data?: T; error?: unknown }>): Promise<T> {
  try {
    return await sdkData(call);
  } catch (e) {
    if (isApiError(e)) e.message = (await import("./i18n/errors.ts")).errorWords(e);
    throw e;
  }
}

/** The query an operation takes: react-admin's filters are form values, read as that query. */
export type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } }
  ? NonNullable<Q>
  : never;
