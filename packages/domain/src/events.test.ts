import { describe, expect, it } from "vitest";
import { EVENT_CATALOGUE, nextRetryDelayMs, RETRY_SCHEDULE_SECONDS, SUBSCRIBABLE_EVENT_TYPES } from "./events.ts";

describe("retry schedule", () => {
  it("spans more than 24 hours and ends", () => {
    const total = RETRY_SCHEDULE_SECONDS.reduce((a, b) => a + b, 0);
    expect(total * 0.8).toBeGreaterThan(24 * 3600);
    expect(nextRetryDelayMs(RETRY_SCHEDULE_SECONDS.length + 1)).toBeNull();
  });
  it("jitters each delay within +-20%", () => {
    expect(nextRetryDelayMs(1, () => 0)).toBe(4_000);
    expect(nextRetryDelayMs(1, () => 1)).toBe(6_000);
    expect(nextRetryDelayMs(2, () => 0.5)).toBe(300_000);
  });
});

describe("event catalogue", () => {
  it("holds every type the issue names; the test event cannot be subscribed to", () => {
    for (const t of [
      "application.submitted",
      "application.approved",
      "application.needs_info",
      "application.rejected",
      "application.revoked",
      "service.published",
      "service.deactivated",
      "referral_link.created",
      "seller.registered",
      "shop.approved",
      "api_key.created",
      "api_key.revoked",
      "webhook_endpoint.disabled",
    ])
      expect(EVENT_CATALOGUE).toHaveProperty([t]);
    expect(SUBSCRIBABLE_EVENT_TYPES).not.toContain("webhook_endpoint.test");
  });
});
