import { lazy } from "react";

/** The analytics screen and its charts load only when it is opened. */
export const AnalyticsPage = lazy(() => import("./AnalyticsPage.tsx").then((m) => ({ default: m.AnalyticsPage })));
export { ANALYTICS_PATH, PartnerDrillDown } from "./links.tsx";
