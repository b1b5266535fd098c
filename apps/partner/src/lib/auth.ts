import { forgetSignedIn, mayBeSignedIn } from "@shopreg/web-api";
import type { QueryClient } from "@tanstack/react-query";
import { client, type Session } from "./api.ts";
import { sessionQuery } from "./queries.ts";

/** Whether the API's readable "signed in" cookie is there: without it, nobody is (no 401 asked for). */
export const maybeSignedIn = () => mayBeSignedIn("partner");

/** The router's `auth` context: the session lives in the query cache like everything else. */
export type Auth = {
  getSession(): Promise<Session | null>;
  setSession(session: Session | null): void;
  logOut(): Promise<void>;
};

export function createAuth(queryClient: QueryClient): Auth {
  return {
    getSession: () => queryClient.ensureQueryData(sessionQuery),
    setSession: (session) => {
      queryClient.setQueryData(sessionQuery.queryKey, session);
    },
    async logOut() {
      try {
        await client.DELETE("/v1/session");
      } finally {
        queryClient.clear();
        forgetSignedIn("partner");
        queryClient.setQueryData(sessionQuery.queryKey, null);
      }
    },
  };
}

/** Only same-site paths are followed after login (no open redirect through ?redirect=). */
export function safeRedirect(target: string | undefined): string {
  if (!target?.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) return "/";
  if (target.startsWith("/login") || target.startsWith("/signup")) return "/";
  return target;
}
