import { forgetSignedIn } from "@shopreg/web-api";
import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { createRouter, type RouterHistory } from "@tanstack/react-router";
import { isApiError, isUnauthenticated } from "./lib/api.ts";
import { createAuth } from "./lib/auth.ts";
import { sessionQuery } from "./lib/queries.ts";
import { routeTree } from "./routeTree.gen.ts";

export function createAppRouter(opts: { history?: RouterHistory } = {}) {
  // A 401 anywhere (an expired session) goes to login, then back to where the user was.
  const onError = (error: unknown) => {
    if (!isUnauthenticated(error)) return;
    forgetSignedIn("partner");
    queryClient.setQueryData(sessionQuery.queryKey, null);
    const here = router.state.location;
    if (here.pathname === "/login" || here.pathname === "/signup") return;
    void router.navigate({ to: "/login", search: { redirect: here.href } });
  };
  const queryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        // Client errors are answers, not glitches: only retry the network and 5xx.
        retry: (count, error) => count < 2 && (!isApiError(error) || error.status === null || error.status >= 500),
      },
    },
  });
  const router = createRouter({
    routeTree,
    context: { queryClient, auth: createAuth(queryClient) },
    defaultPreload: "intent",
    // The query cache decides freshness, not the router.
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
    ...(opts.history ? { history: opts.history } : {}),
  });
  return router;
}

export type AppRouter = ReturnType<typeof createAppRouter>;

declare module "@tanstack/react-router" {
  interface Register {
    router: AppRouter;
  }
}
