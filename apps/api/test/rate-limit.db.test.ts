import { testEngines } from "@shopreg/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, TEST_PASSWORD, type TestApi } from "../src/testing.ts";
import { counts, expectError } from "./helpers.ts";

/** Rate limits per caller, with RateLimit-* and Retry-After, and a tighter one on sign-in. */
describe.each(testEngines())("rate limits on $engine", ({ engine }) => {
  let api: TestApi;
  let loginApi: TestApi;

  beforeAll(async () => {
    [api, loginApi] = await Promise.all([
      startTestApi(engine, { rateLimitPerMinute: 5 }),
      startTestApi(engine, { loginRateLimitPerMinute: 3 }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([api?.close(), loginApi?.close()]);
  });

  it("the sixth request in a minute is 429 with Retry-After, RateLimit-* headers and the error envelope", async () => {
    const a = await api.signUp();
    const b = await api.signUp();
    for (let i = 1; i <= 5; i++) {
      const ok = await api.request("/v1/applications", { cookie: a.cookie });
      expect(ok.status).toBe(200);
      expect(ok.headers.get("ratelimit-limit")).toBe("5");
      expect(ok.headers.get("ratelimit-remaining")).toBe(String(5 - i));
    }
    const before = await counts(api);
    const limited = await api.request("/v1/applications", {
      cookie: a.cookie,
      body: { category_id: "shop_registration", target_market: "US" },
    });
    expectError(limited, 429, "rate_limited");
    expect(limited.headers.get("ratelimit-limit")).toBe("5");
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await counts(api)).toEqual(before);
    // The limit is per caller: another partner still gets through.
    expect((await api.request("/v1/applications", { cookie: b.cookie })).status).toBe(200);
  });

  it("sign-in attempts are limited per address: the fourth is 429 and no session is made", async () => {
    // signUp() signs in once (after the address is confirmed): that is the first of the three attempts.
    const partner = await loginApi.signUp();
    for (let i = 0; i < 2; i++) {
      const wrong = await loginApi.request("/v1/session", { body: { email: partner.email, password: "wrong-password" } });
      expectError(wrong, 401, "unauthenticated");
    }
    const sessions = await counts(loginApi);
    const limited = await loginApi.request("/v1/session", { body: { email: partner.email, password: TEST_PASSWORD } });
    expect(expectError(limited, 429, "rate_limited").message).toMatch(/sign-in/);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.headers.get("ratelimit-limit")).toBe("3");
    expect(limited.setCookie).toBeNull();
    expect(await counts(loginApi)).toEqual(sessions);
    // The staff sign-in shares the same per-address budget.
    const staff = await loginApi.request("/v1/staff/session", { body: { email: "x@tiktok.test", password: "whatever-pass" } });
    expectError(staff, 429, "rate_limited");
    // Checking a reset link guesses a token as signing in guesses a password: the same budget.
    const check = await loginApi.request("/v1/password-resets/check", { body: { token: "x".repeat(43) } });
    expectError(check, 429, "rate_limited");
    // Other endpoints are not affected by the sign-in limiter.
    expect((await loginApi.request("/v1/applications", { cookie: partner.cookie })).status).toBe(200);
  });
});
