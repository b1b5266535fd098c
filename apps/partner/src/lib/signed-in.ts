import type { Session } from "./api.ts";

/**
 * Whether this browser was signed in when it last knew (the session cookie is HttpOnly): the
 * sign-in and sign-up pages ask the API only then, so a signed-out visit sends no request that
 * answers 401 (which the browser logs as an error). A stale mark costs one such request, then clears.
 */
const SIGNED_IN = "shopreg.signedIn";
export function markSignedIn(session: Session | null) {
  try {
    if (session) localStorage.setItem(SIGNED_IN, "1");
    else localStorage.removeItem(SIGNED_IN);
  } catch {} // storage off: every page asks the API, as before
}
export function maybeSignedIn(): boolean {
  try {
    return localStorage.getItem(SIGNED_IN) === "1";
  } catch {
    return true;
  }
}
