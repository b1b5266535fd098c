import { type ApiKeyScope, type Capability, roleCan } from "@shopreg/domain";
import { useSuspenseQuery } from "@tanstack/react-query";
import type { Session } from "./api.ts";
import { sessionQuery } from "./queries.ts";

/**
 * What the signed-in member may do, read from what the API said at sign-in (the session's scopes and
 * the role's capabilities in @shopreg/domain), so the portal never keeps its own list of roles.
 */
export function permissions(session: Session | null) {
  const scopes = new Set<string>(session?.user.scopes ?? []);
  return {
    has: (scope: ApiKeyScope) => scopes.has(scope),
    can: (capability: Capability) => (session ? roleCan(session.user.role, capability) : false),
  };
}

export function usePermissions() {
  const { data: session } = useSuspenseQuery(sessionQuery);
  return { session, ...permissions(session) };
}

export { homeOf } from "./scopes.ts";
