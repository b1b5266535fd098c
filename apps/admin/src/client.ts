import type { paths } from "@shopreg/sdk";
import { createApiClient, data } from "@shopreg/web-api";
import { localeTag } from "./i18n/index.tsx";

/**
 * The dashboard's calls to the staff API, through @shopreg/web-api (openapi-fetch over the SDK's
 * generated paths): a path, a body or a response the API does not describe fails typecheck. Same
 * origin with the session cookie, an Idempotency-Key on every POST, failures as the SDK's errors, and
 * Accept-Language of the page's language (the API words its messages in it).
 */
export const client = createApiClient({ acceptLanguage: () => localeTag() });
export { data };

/** The query an operation takes: react-admin's filters are form values, read as that query. */
export type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } }
  ? NonNullable<Q>
  : never;
