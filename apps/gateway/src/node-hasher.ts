import { createHmac } from "node:crypto";
import { type VisitorHasher, visitorKeyPeriod } from "./visitor.ts";

/**
 * The same hash as createVisitorHasher (visitor.ts), computed with node:crypto: synchronous HMAC
 * costs a fraction of Web Crypto's thread-pool round trip on the redirect path.
 */
export function createNodeVisitorHasher(secret: string, rotationHours = 24): VisitorHasher {
  const keys = new Map<string, Buffer>();
  return async (ip, userAgent, at) => {
    const period = visitorKeyPeriod(at, rotationHours);
    let key = keys.get(period);
    if (!key) {
      key = createHmac("sha256", secret).update(`shopreg visitor key ${period}`).digest();
      keys.set(period, key);
      while (keys.size > 2) keys.delete(keys.keys().next().value as string);
    }
    return createHmac("sha256", key).update(`${ip}\n${userAgent}`).digest("hex").slice(0, 32);
  };
}
