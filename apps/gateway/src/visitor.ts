/**
 * The visitor hash: hex of the first 128 bits of SHA-256(periodKey ‖ ip ‖ "\n" ‖ user agent), where
 * periodKey is the 64 hex characters of HMAC-SHA256(secret, "shopreg visitor key {period}") (one
 * SHA-256 block). A secret prefix with a truncated output is a keyed hash (no length extension:
 * half the state stays hidden), at a third of an HMAC's cost per click. The raw IP is never kept.
 */
export type VisitorHasher = (ip: string, userAgent: string, at: Date) => string | Promise<string>;

const encoder = new TextEncoder();

const toHex = (bytes: Uint8Array, n = bytes.length) => {
  let hex = "";
  for (let i = 0; i < n; i++) hex += (bytes[i] as number).toString(16).padStart(2, "0");
  return hex;
};

/**
 * Web Crypto only, so it runs on edge runtimes. Every instance sharing the secret derives the same
 * key for a period (a UTC day by default) without coordination, and hashes of different periods
 * cannot be linked.
 */
export function createVisitorHasher(secret: string, rotationHours = 24): VisitorHasher {
  const keys = new Map<string, Promise<string>>();
  const secretKey = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);

  const keyFor = (period: string) => {
    let key = keys.get(period);
    if (!key) {
      key = secretKey
        .then((k) => crypto.subtle.sign("HMAC", k, encoder.encode(visitorKeyLabel(period))))
        .then((raw) => toHex(new Uint8Array(raw)));
      keys.set(period, key);
      // Two periods are enough: the current one and the one a slow request may still be in.
      while (keys.size > 2) keys.delete(keys.keys().next().value as string);
    }
    return key;
  };

  return async (ip, userAgent, at) => {
    const key = await keyFor(visitorKeyPeriod(at, rotationHours));
    const digest = await crypto.subtle.digest("SHA-256", encoder.encode(`${key}${ip}\n${userAgent}`));
    return toHex(new Uint8Array(digest), 16);
  };
}

/** What the secret signs to make a period's key. */
export const visitorKeyLabel = (period: string) => `shopreg visitor key ${period}`;

/** "2026-11-24" for daily keys, "2026-11-24T06" for 6-hourly ones (UTC). */
export function visitorKeyPeriod(at: Date, rotationHours: number): string {
  const day = at.toISOString().slice(0, 10);
  if (rotationHours >= 24) return day;
  const slot = Math.floor(at.getUTCHours() / rotationHours) * rotationHours;
  return `${day}T${String(slot).padStart(2, "0")}`;
}
