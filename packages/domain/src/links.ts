/** Referral link rules (docs/architecture.md). Pure: the randomness source is Web Crypto. */
export const AUDIENCES = ["LOCAL_SELLER", "CROSS_BORDER_SELLER"] as const;
export type Audience = (typeof AUDIENCES)[number];

export const AUDIENCE_LABELS: Record<Audience, { en: string; zh: string }> = {
  LOCAL_SELLER: { en: "Local sellers", zh: "本土商家" },
  CROSS_BORDER_SELLER: { en: "Cross-border sellers", zh: "跨境商家" },
};

/** 16 random bytes = 128 bits, base64url: 22 characters. The minimum is 64 bits. */
export const LINK_TOKEN_BYTES = 16;
export const LINK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{11,64}$/;

const toBase64Url = (bytes: Uint8Array): string => {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
};

export function mintLinkToken(random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  return toBase64Url(random(LINK_TOKEN_BYTES));
}

export const isLinkToken = (s: string): boolean => LINK_TOKEN_PATTERN.test(s);

/** The gateway keeps its own paths under /_/, so a token can never start with "_/" (base64url has no "/"). */
export function referralUrl(gatewayPublicUrl: string, token: string): string {
  return `${gatewayPublicUrl.replace(/\/+$/, "")}/${token}`;
}

export const DEFAULT_DESTINATIONS: Record<string, Record<Audience, string>> = {
  US: {
    LOCAL_SELLER: "https://seller-us.tiktok.com/account/register",
    CROSS_BORDER_SELLER: "https://seller.us.tiktokshopglobalselling.com/account/register",
  },
};

/**
 * Builds the Seller Center URL from configuration only. Nothing from the request reaches the
 * host: the token and click id are set as query values, never concatenated into the URL.
 */
export function destinationUrl(base: string, params: { token: string; clickId: string; market: string }): string {
  const url = new URL(base);
  url.searchParams.set("channel", params.token);
  url.searchParams.set("click_id", params.clickId);
  url.searchParams.set("shop_region", params.market);
  return url.toString();
}
