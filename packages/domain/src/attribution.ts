import type { Audience } from "./links.ts";

/** the product rules (docs/architecture.md): the last non-bot click within 30 days before registration wins, and binds. */
export const ATTRIBUTION_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

export type AttributableClick = { id: string; partnerId: string; at: Date; isBot: boolean };

export function isWithinAttributionWindow(clickAt: Date, registeredAt: Date): boolean {
  const delta = registeredAt.getTime() - clickAt.getTime();
  return delta >= 0 && delta <= ATTRIBUTION_WINDOW_MS;
}

export function attributedClick<C extends AttributableClick>(clicks: readonly C[], registeredAt: Date): C | null {
  let best: C | null = null;
  for (const c of clicks) {
    if (c.isBot || !isWithinAttributionWindow(c.at, registeredAt)) continue;
    if (!best || c.at.getTime() > best.at.getTime() || (c.at.getTime() === best.at.getTime() && c.id > best.id)) best = c;
  }
  return best;
}

/** Campaign tags as a click carries them (docs/architecture.md, "Campaign tags"); a credited conversion copies its click's. */
export type CampaignTags = {
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_content: string | null;
};
export const NO_CAMPAIGN: CampaignTags = { utm_source: null, utm_medium: null, utm_campaign: null, utm_content: null };

export const campaignOf = (c: Partial<CampaignTags>): CampaignTags => ({
  utm_source: c.utm_source ?? null,
  utm_medium: c.utm_medium ?? null,
  utm_campaign: c.utm_campaign ?? null,
  utm_content: c.utm_content ?? null,
});

/**
 * A wrong-link registration: the seller's type is not the audience of the link it was credited
 * through (a local seller who opened the cross-border link, or the reverse). The credit stands;
 * the flag tells the partner which link its sellers should have been given.
 */
export function isWrongLink(sellerType: string, linkAudience: Audience): boolean {
  return sellerType !== linkAudience;
}
