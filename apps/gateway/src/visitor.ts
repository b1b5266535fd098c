/** hex(HMAC-SHA256(key of the period, ip + "\n" + user agent)), first 128 bits. The raw IP is never kept. */
export type VisitorHasher = (ip: string, userAgent: string, at: Date) => Promise<string>;

const encoder = new TextEncoder();

/**
 * Web Crypto only, so it runs on edge runtimes. The key of each period (a UTC day by default) is
 * HMAC(secret, period), so every instance sharing the secret derives the same key without
 * coordination, and hashes of different days cannot be linked.
 */
export function createVisitorHasher(secret: string, rotationHours = 24): VisitorHasher {
  const keys = new Map<string, Promise<CryptoKey>>();
  const secretKey = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);

  const keyFor = (period: string) => {
    let key = keys.get(period);
    if (!key) {
      key = secretKey
        .then((k) => crypto.subtle.sign("HMAC", k, encoder.encode(`shopreg visitor key ${period}`)))
        .then((raw) => crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]));
      keys.set(period, key);
      // Two periods are enough: the current one and the one a slow request may still be in.
      while (keys.size > 2) keys.delete(keys.keys().next().value as string);
    }
    return key;
  };

  return async (ip, userAgent, at) => {
    const key = await keyFor(visitorKeyPeriod(at, rotationHours));
    const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(`${ip}\n${userAgent}`)));
    let hex = "";
    for (let i = 0; i < 16; i++) hex += (mac[i] as number).toString(16).padStart(2, "0");
    return hex;
  };
}

/** "2026-11-24" for daily keys, "2026-11-24T06" for 6-hourly ones (UTC). */
export function visitorKeyPeriod(at: Date, rotationHours: number): string {
  const day = at.toISOString().slice(0, 10);
  if (rotationHours >= 24) return day;
  const slot = Math.floor(at.getUTCHours() / rotationHours) * rotationHours;
  return `${day}T${String(slot).padStart(2, "0")}`;
}
