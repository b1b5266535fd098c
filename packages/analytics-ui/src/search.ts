import { BREAKDOWN_DIMENSIONS } from "@shopreg/domain";
import { z } from "zod";

/** Every funnel grouping either app offers (the portal has no "partner"). */
export const FUNNEL_GROUPS = ["partner", "link", "service", "audience", "campaign"] as const;

// As the gateway records tags: control and invisible format characters refused, 100 at most.
const campaign = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((v) => !/[\p{Cc}\p{Cf}]/u.test(v));

/**
 * The screen's own filters, kept in each app's URL beside the range so a filtered view can be
 * shared and survives a reload: the series' campaign, the breakdown's dimension and the funnel's
 * grouping. A malformed value falls back to its default instead of failing the page.
 */
export const analyticsViewSearch = z.object({
  campaign: campaign.optional().catch(undefined),
  dimension: z.enum(BREAKDOWN_DIMENSIONS).optional().catch(undefined),
  group_by: z.enum(FUNNEL_GROUPS).optional().catch(undefined),
});
export type AnalyticsView = z.infer<typeof analyticsViewSearch>;

/** The view from a query string or a parsed search object. */
export function parseAnalyticsView(input: URLSearchParams | Record<string, unknown>): AnalyticsView {
  const raw = input instanceof URLSearchParams ? Object.fromEntries(input) : input;
  const view = analyticsViewSearch.parse(raw);
  // Only the keys that are set, so the URL stays short and equal views compare equal.
  return Object.fromEntries(Object.entries(view).filter(([, v]) => v !== undefined)) as AnalyticsView;
}
