import { tanStackRouterProvider } from "ra-router-tanstack";
import { lazy, useState } from "react";
import { type AuthProvider, CustomRoutes, type DataProvider, Resource } from "react-admin";
import { Admin } from "./admin.tsx";
import { ANALYTICS_PATH, AnalyticsPage } from "./analytics/index.ts";
import applications from "./applications/index.ts";
import audit from "./audit/index.ts";
import { createAuthProvider } from "./authProvider.ts";
import { createDataProvider } from "./dataProvider.ts";
import { createI18nProvider, wordKey } from "./i18n/index.tsx";
import { incentiveDisputes, incentivePrograms, incentiveStatements } from "./incentives/index.ts";
import { LoginPage } from "./LoginPage.tsx";
import partners from "./partners/index.ts";
import services from "./services/index.ts";
import staff from "./staff/index.ts";
import { SECURITY_PATH } from "./staff/paths.ts";
import { theme } from "./theme.ts";

const { Route } = tanStackRouterProvider;

// The app bar and menu load after sign-in (the sign-in page has neither).
const StaffLayout = lazy(() => import("./layout.tsx").then((m) => ({ default: m.StaffLayout })));
const SecurityPage = lazy(() => import("./staff/SecurityPage.tsx").then((m) => ({ default: m.SecurityPage })));

export type AppProps = { dataProvider?: DataProvider; authProvider?: AuthProvider };

/**
 * The reviewer dashboard. Applications come first: it is the screen a reviewer lands on. Which
 * resources and buttons show depends on the role the API reports (authProvider.canAccess).
 */
export function App({ dataProvider = createDataProvider(), authProvider = createAuthProvider() }: AppProps) {
  // English and 简体中文 (docs/decisions/0009-dashboard-languages.md); one provider per mount.
  const [i18nProvider] = useState(createI18nProvider);
  return (
    <Admin
      routerProvider={tanStackRouterProvider}
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      loginPage={LoginPage}
      theme={theme}
      layout={StaffLayout}
      title={wordKey("app_title")}
      disableTelemetry
      requireAuth
    >
      <Resource name="applications" {...applications} />
      <Resource name="partners" {...partners} />
      <Resource name="services" {...services} />
      <Resource name="audit-events" {...audit} />
      <Resource name="staff-users" {...staff} />
      <Resource name="referral-links" />
      <Resource name="incentive-programs" {...incentivePrograms} />
      <Resource name="incentive-statements" {...incentiveStatements} />
      <Resource name="incentive-disputes" {...incentiveDisputes} />
      <CustomRoutes>
        <Route path={ANALYTICS_PATH} element={<AnalyticsPage />} />
        <Route path={SECURITY_PATH} element={<SecurityPage />} />
      </CustomRoutes>
    </Admin>
  );
}
