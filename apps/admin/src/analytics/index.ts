export { AnalyticsPage } from "./AnalyticsPage.tsx";
export { ANALYTICS_PATH, PartnerDrillDown } from "./links.tsx";
