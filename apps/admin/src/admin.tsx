import { CssBaseline } from "@mui/material";
import { type ComponentType, lazy, type ReactNode, Suspense } from "react";
import {
  AdminContext,
  type AdminProps,
  CoreAdminUI,
  type CoreAdminUIProps,
  defaultI18nProvider,
  LoadingPage,
  localStorageStore,
  Notification,
} from "react-admin";

// The pages react-admin shows only when something is off load when one is shown.
const AccessDenied = lazy(() => import("./admin-pages.ts").then((m) => ({ default: m.AccessDenied })));
const AuthenticationError = lazy(() => import("./admin-pages.ts").then((m) => ({ default: m.AuthenticationError })));
const AuthCallback = lazy(() => import("./admin-pages.ts").then((m) => ({ default: m.AuthCallback })));
const NotFound = lazy(() => import("./admin-pages.ts").then((m) => ({ default: m.NotFound })));
const ErrorPage = lazy(() => import("./admin-pages.ts").then((m) => ({ default: m.Error })));

const defaultStore = localStorageStore();

/** Shows a lazily loaded page, with react-admin's loading page until it is there. */
function suspended<P extends object>(Page: ComponentType<P>) {
  const Shown = (props: P) => (
    <Suspense fallback={<LoadingPage />}>
      <Page {...props} />
    </Suspense>
  );
  return Shown;
}
// Each is given the props react-admin gives it (the types differ only in how wide they are).
const pages = {
  accessDenied: suspended(AccessDenied) as ComponentType,
  authenticationError: suspended(AuthenticationError) as ComponentType,
  authCallbackPage: suspended(AuthCallback) as ComponentType,
  catchAll: suspended(NotFound) as ComponentType,
  error: (props: Parameters<NonNullable<CoreAdminUIProps["error"]>>[0]) => (
    <Suspense fallback={<LoadingPage />}>
      <ErrorPage {...props} />
    </Suspense>
  ),
} satisfies Partial<CoreAdminUIProps>;

/**
 * react-admin's <Admin> (same props, same providers and pages) without what its defaults put on
 * every first page: its own login form (with react-hook-form and its inputs), the default layout, and
 * the error, not-found and access-denied pages, which load here when they are shown. The layout
 * given (lazy in App.tsx) loads after sign-in, so the sign-in page does not wait for the app bar,
 * the menu and their tooltips.
 */
export function Admin({
  children,
  layout,
  loginPage,
  notification = Notification,
  i18nProvider = defaultI18nProvider,
  store = defaultStore,
  theme,
  lightTheme,
  darkTheme,
  defaultTheme,
  authProvider,
  basename,
  dataProvider,
  queryClient,
  routerProvider,
  ...ui
}: AdminProps & { layout: ComponentType<{ children: ReactNode }> }) {
  const SuspendedLayout = suspendedLayout(layout);
  const Notify = notification;
  return (
    <AdminContext
      authProvider={authProvider}
      basename={basename}
      darkTheme={darkTheme}
      dataProvider={dataProvider}
      defaultTheme={defaultTheme}
      i18nProvider={i18nProvider}
      lightTheme={lightTheme}
      queryClient={queryClient}
      routerProvider={routerProvider}
      store={store}
      theme={theme}
    >
      <CssBaseline enableColorScheme>
        <CoreAdminUI {...pages} loading={LoadingPage} loginPage={loginPage} layout={SuspendedLayout} {...ui}>
          {children}
        </CoreAdminUI>
        <Notify />
      </CssBaseline>
    </AdminContext>
  );
}

const layouts = new WeakMap<ComponentType<{ children: ReactNode }>, ComponentType<{ children: ReactNode }>>();
/** The same wrapper for the same layout on every render (a new component type would remount the app). */
function suspendedLayout(Layout: ComponentType<{ children: ReactNode }>) {
  let wrapped = layouts.get(Layout);
  if (!wrapped) {
    wrapped = suspended(Layout);
    layouts.set(Layout, wrapped);
  }
  return wrapped;
}
