import type { paths } from "@shopreg/sdk";
import { createApiClient, data } from "@shopreg/web-api";

/**
 * The dashboard's calls to the staff API, through @shopreg/web-api (openapi-fetch over the SDK's
 * generated paths): a path, a body or a response the API does not describe fails typecheck. Same
 * origin with the session cookie, an Idempotency-Key on every POST, failures as the SDK's errors.
 */
export const client = createApiClient();
export { data };

/** The query an operation takes: react-admin's filters are form values, read as that query. */
export type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } }
  ? NonNullable<Q>
  : never;
