import {
  type AnalyticsScope,
  analyticsBreakdown,
  analyticsFunnel,
  analyticsTimeseries,
  analyticsTotals,
  type BreakdownDimension,
  findLinkById,
  findLinkByToken,
  findPartnerById,
  findService,
  listConversions,
  referralQuality,
} from "@shopreg/db";
import { NotFound } from "@shopreg/domain";
import type { AppServices } from "../context.ts";

export {
  type AnalyticsScope,
  BREAKDOWN_DIMENSIONS,
  CAMPAIGN_VALUES_PER_LINK_DAY,
  FUNNEL_GROUPS,
  type FunnelGroup,
} from "@shopreg/db";

/**
 * Narrows a scope to a service or link the caller may see: for a partner (`partnerId` set) another
 * partner's service or link is not found; staff see any.
 */
export async function checkAnalyticsScope(services: Pick<AppServices, "db">, scope: AnalyticsScope) {
  const { db } = services;
  const { partnerId } = scope;
  if (scope.serviceId) {
    const s = await findService(db, scope.serviceId);
    if (!s || (partnerId && s.partner_id !== partnerId)) throw new NotFound("Service not found.");
  }
  if (scope.linkId) {
    const link = await findLinkById(db, scope.linkId);
    if (!link || (partnerId && link.partner_id !== partnerId) || !(await findLinkByToken(db, link.token)))
      throw new NotFound("Referral link not found.");
  }
  return scope;
}

type Ctx = Pick<AppServices, "db">;
export const analyticsSummary = (ctx: Ctx, scope: AnalyticsScope) => analyticsTotals(ctx.db, scope);
export const analyticsSeries = (ctx: Ctx, scope: AnalyticsScope, interval: "hour" | "day", tz: string) =>
  analyticsTimeseries(ctx.db, scope, interval, tz);
export const analyticsBreakdownOf = (ctx: Ctx, scope: AnalyticsScope, dimension: BreakdownDimension, limit: number) =>
  analyticsBreakdown(ctx.db, scope, dimension, limit);
export const analyticsFunnelOf = (
  ctx: Ctx,
  scope: AnalyticsScope,
  groupBy: Parameters<typeof analyticsFunnel>[2],
  limit: number,
) => analyticsFunnel(ctx.db, scope, groupBy, limit);
export const listConversionsIn = (ctx: Ctx, params: Parameters<typeof listConversions>[1]) => listConversions(ctx.db, params);

/** A partner's referred sellers in [from, to): registrations, approval and wrong-link rates, bot share. */
export async function partnerReferralQuality(ctx: Ctx, partnerId: string, from: Date, to: Date) {
  if (!(await findPartnerById(ctx.db, partnerId))) throw new NotFound("Partner not found.");
  const [q] = await referralQuality(ctx.db, [partnerId], from, to);
  return q as NonNullable<typeof q>;
}
/** The same figures for several partners, in the order asked (an unknown id reads zeros). */
export const referralQualityOf = (ctx: Ctx, partnerIds: string[], from: Date, to: Date) =>
  referralQuality(ctx.db, partnerIds, from, to);
