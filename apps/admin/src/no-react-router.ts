/**
 * Stands in for react-router-dom in the built dashboard (vite.config.ts aliases it here): react-admin's
 * core names react-router as its default router, so it would ship 30 KB gzip that never runs, since
 * the dashboard routes with TanStack Router (ra-router-tanstack). Anything that reaches here is a bug.
 */
import { createContext } from "react";

const unused = (name: string) => () => {
  throw new Error(`react-router's ${name} is not bundled: the dashboard routes with TanStack Router`);
};

export const useNavigate = unused("useNavigate");
export const useLocation = unused("useLocation");
export const useParams = unused("useParams");
export const useBlocker = unused("useBlocker");
export const useMatch = unused("useMatch");
export const useInRouterContext = unused("useInRouterContext");
export const Link = unused("Link");
export const Navigate = unused("Navigate");
export const Route = unused("Route");
export const Routes = unused("Routes");
export const Outlet = unused("Outlet");
export const matchPath = unused("matchPath");
export const createHashRouter = unused("createHashRouter");
export const createMemoryRouter = unused("createMemoryRouter");
export const RouterProvider = unused("RouterProvider");
export const UNSAFE_DataRouterContext = createContext(null);
export const UNSAFE_DataRouterStateContext = createContext(null);
