import type { ApiKeyScope } from "@shopreg/domain";
import type { Session } from "./api.ts";

// The route tree's checks read only the session's scopes: importing the role rules of
// @shopreg/domain here would put its schemas (and zod) in every page's first download.

/** Whether the signed-in member's session carries a scope. */
export function hasScope(session: Session | null, scope: ApiKeyScope): boolean {
  return session?.user.scopes.includes(scope) ?? false;
}

/** The first page a member's role lets them open (an analyst has no profile to show). */
export function homeOf(session: Session | null): "/profile" | "/analytics" | "/account" {
  if (hasScope(session, "profile:read")) return "/profile";
  if (hasScope(session, "analytics:read")) return "/analytics";
  return "/account";
}
