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
