import { createHmac, hash } from "node:crypto";
import { type VisitorHasher, visitorKeyLabel, visitorKeyPeriod } from "./visitor.ts";

/**
 * The same hash as createVisitorHasher (visitor.ts), computed synchronously with node:crypto. The
 * period's key is derived when a click falls outside the period of the last one, not per click.
 */
export function createNodeVisitorHasher(secret: string, rotationHours = 24): VisitorHasher {
  const periodMs = rotationHours * 3_600_000;
  let start = Number.NaN;
  let key = "";
  return (ip, userAgent, at) => {
    const t = at.getTime();
    if (!(t >= start && t < start + periodMs)) {
      // Periods are whole UTC days or hour slots dividing a day, so they align with the epoch.
      start = t - (((t % periodMs) + periodMs) % periodMs);
      key = createHmac("sha256", secret)
        .update(visitorKeyLabel(visitorKeyPeriod(at, rotationHours)))
        .digest("hex");
    }
    return hash("sha256", `${key}${ip}\n${userAgent}`, "hex").slice(0, 32);
  };
}
