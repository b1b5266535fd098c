import { type Operation, operations } from "../factory.ts";
import { breakdown } from "./breakdown.ts";
import { conversions } from "./conversions.ts";
import { exportCsv } from "./export.ts";
import { funnel } from "./funnel.ts";
import type { Kind } from "./query.ts";
import { summary } from "./summary.ts";
import { timeseries } from "./timeseries.ts";

/** The same reports for a partner (its own data) and for staff (all, or one partner). */
function analyticsRoutes(kind: Kind) {
  const ops: Operation[] = [summary(kind), timeseries(kind), breakdown(kind), funnel(kind), conversions(kind), exportCsv(kind)];
  if (kind === "staff") {
    ops.push(
      funnel(kind, {
        path: "/analytics/top-partners",
        operationId: "listTopPartners",
        groupBy: "partner",
        summary: "Top partners by registrations, then clicks",
      }),
      funnel(kind, {
        path: "/analytics/top-services",
        operationId: "listTopServices",
        groupBy: "service",
        summary: "Top services by registrations, then clicks",
      }),
    );
  }
  return operations(...ops);
}

export const partnerAnalyticsRoutes = analyticsRoutes("partner");
export const staffAnalyticsRoutes = analyticsRoutes("staff");
