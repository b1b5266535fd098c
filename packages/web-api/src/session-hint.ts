/**
 * The API sets a readable `…_signed_in` cookie beside each httpOnly session cookie (and clears it
 * on log-out). Without it the apps know nobody is signed in and skip asking, so a signed-out page
 * load makes no 401 for the console. It is only a hint: the session cookie alone authenticates.
 */
export type SessionKind = "partner" | "staff";

const hintPattern = (kind: SessionKind) => new RegExp(`(?:^|;\\s*)((?:__Host-)?shopreg_${kind}_signed_in)=`);

/** Whether this browser may hold a `kind` session (false: certainly not). */
export function mayBeSignedIn(kind: SessionKind): boolean {
  if (typeof document === "undefined") return true;
  return hintPattern(kind).test(document.cookie);
}

/** Drops a hint the API's 401 proved stale (a session ended elsewhere), so the next load asks nothing. */
export function forgetSignedIn(kind: SessionKind): void {
  if (typeof document === "undefined") return;
  const name = hintPattern(kind).exec(document.cookie)?.[1];
  if (!name) return;
  const secure = name.startsWith("__Host-") ? "; Secure" : "";
  // biome-ignore lint/suspicious/noDocumentCookie: the hint is a plain readable cookie; the Cookie Store API is not in every browser.
  document.cookie = `${name}=; Path=/; Max-Age=0; SameSite=Lax${secure}`;
}
