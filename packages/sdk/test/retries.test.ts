import { delay, HttpResponse, http } from "msw";
import { describe, expect, it, vi } from "vitest";
import { retryDelayMs } from "../src/core.ts";
import { AbortError, ConflictError, ConnectionError, ServerError, TimeoutError, type ValidationError } from "../src/index.ts";
import { apiError, BASE, client, rejection, server, settle, useMsw } from "./msw.ts";

useMsw();

const SERVICE = { id: "svc_1", status: "ON", referral_links: [] };

/** A handler that answers with `responses` in turn and records each request's Idempotency-Key. */
function sequence(method: "get" | "post", path: string, responses: Array<() => Response>) {
  const keys: (string | null)[] = [];
  server.use(
    http[method](`${BASE}${path}`, ({ request }) => {
      keys.push(request.headers.get("idempotency-key"));
      const next = responses[Math.min(keys.length - 1, responses.length - 1)]!;
      return next();
    }),
  );
  return keys;
}

const fail =
  (status: number, code = "internal_error", headers: Record<string, string> = {}) =>
  () =>
    HttpResponse.json(apiError(code), { status, headers });
const ok = () => HttpResponse.json(SERVICE);

describe("retries", () => {
  it("retries 5xx with the same Idempotency-Key on every attempt", async () => {
    vi.useFakeTimers();
    const keys = sequence("post", "/v1/services/svc_1/publish", [fail(500), fail(503), ok]);
    const service = await settle(client().services.publish("svc_1", { confirm_target_market: "US" }));
    expect(service).toEqual(SERVICE);
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys).size).toBe(1);
  });

  it("uses a new Idempotency-Key per call, and the caller's when given", async () => {
    const keys = sequence("post", "/v1/services/svc_1/deactivate", [ok]);
    const shopreg = client();
    await shopreg.services.deactivate("svc_1");
    await shopreg.services.deactivate("svc_1");
    await shopreg.services.deactivate("svc_1", { idempotencyKey: "job-42" });
    expect(keys[0]).not.toBe(keys[1]);
    expect(keys[2]).toBe("job-42");
  });

  it("sends no Idempotency-Key on GET and PATCH", async () => {
    const keys = sequence("get", "/v1/services/svc_1", [ok]);
    await client().services.get("svc_1");
    const patched: (string | null)[] = [];
    server.use(
      http.patch(`${BASE}/v1/services/svc_1`, ({ request }) => {
        patched.push(request.headers.get("idempotency-key"));
        return ok();
      }),
    );
    await client().services.update("svc_1", { name: "n" });
    expect([...keys, ...patched]).toEqual([null, null]);
  });

  it("retries 408, 429 and 409 idempotency_in_progress", async () => {
    vi.useFakeTimers();
    const keys = sequence("post", "/v1/services/svc_1/publish", [
      fail(408, "request_timeout"),
      fail(429, "rate_limited"),
      fail(409, "idempotency_in_progress"),
      ok,
    ]);
    await settle(client({ maxRetries: 3 }).services.publish("svc_1", { confirm_target_market: "US" }));
    expect(keys).toHaveLength(4);
  });

  it("does not retry other conflicts, validation errors or 404s", async () => {
    for (const [status, code] of [
      [409, "invalid_transition"],
      [409, "idempotency_key_reused"],
      [422, "validation_failed"],
      [404, "not_found"],
    ] as const) {
      const keys = sequence("post", "/v1/services/svc_1/publish", [fail(status, code), ok]);
      const err = await rejection(client().services.publish("svc_1", { confirm_target_market: "US" }));
      expect(err).toMatchObject({ status, code });
      expect(keys).toHaveLength(1);
    }
  });

  it("throws the last error after maxRetries", async () => {
    vi.useFakeTimers();
    const keys = sequence("get", "/v1/services/svc_1", [fail(503)]);
    const err = await settle(rejection(client({ maxRetries: 2 }).services.get("svc_1")));
    expect(err).toBeInstanceOf(ServerError);
    expect(keys).toHaveLength(3);
  });

  it("per-call maxRetries overrides the client's; 0 disables retries", async () => {
    const keys = sequence("get", "/v1/services/svc_1", [fail(500), ok]);
    const err = await rejection(client({ maxRetries: 5 }).services.get("svc_1", { maxRetries: 0 }));
    expect(err).toBeInstanceOf(ServerError);
    expect(keys).toHaveLength(1);
  });

  it("retries network errors and then throws ConnectionError", async () => {
    vi.useFakeTimers();
    let attempts = 0;
    server.use(
      http.get(`${BASE}/v1/profile`, () => {
        attempts++;
        return HttpResponse.error();
      }),
    );
    const err = await settle(rejection(client({ maxRetries: 1 }).profile.get()));
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err).toMatchObject({ status: null, code: "connection_error" });
    expect(attempts).toBe(2);
  });

  it("recovers when the network comes back", async () => {
    vi.useFakeTimers();
    const keys = sequence("post", "/v1/services/svc_1/publish", [() => HttpResponse.error(), ok]);
    await settle(client().services.publish("svc_1", { confirm_target_market: "US" }));
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
  });
});

describe("Retry-After", () => {
  it("waits as long as the server says before retrying", async () => {
    vi.useFakeTimers();
    const keys = sequence("post", "/v1/services", [fail(429, "rate_limited", { "retry-after": "3" }), ok]);
    let done = false;
    const call = client()
      .services.create({
        type: "CUSTOM",
        category_id: "shop_registration",
        target_market: "US",
        name: "n",
        description: "d",
        contact_email: "a@b.co",
      })
      .then((s) => {
        done = true;
        return s;
      });
    await vi.advanceTimersByTimeAsync(2_900);
    expect(keys).toHaveLength(1);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    await expect(call).resolves.toEqual(SERVICE);
    expect(keys).toHaveLength(2);
  });

  it("reads an HTTP date too, and ignores waits over a minute in favour of backoff", () => {
    vi.useFakeTimers({ now: new Date("2026-01-01T00:00:00Z") });
    expect(retryDelayMs(0, new Headers({ "retry-after": "Thu, 01 Jan 2026 00:00:05 GMT" }))).toBe(5_000);
    vi.spyOn(Math, "random").mockReturnValue(0);
    expect(retryDelayMs(0, new Headers({ "retry-after": "3600" }))).toBe(500);
  });

  it("backs off exponentially with jitter, capped at 8 s", () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    expect([0, 1, 2, 3, 4, 5].map((a) => retryDelayMs(a, null))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    vi.spyOn(Math, "random").mockReturnValue(0.999);
    const jittered = retryDelayMs(1, null);
    expect(jittered).toBeGreaterThan(750);
    expect(jittered).toBeLessThan(1000);
  });
});

describe("timeouts and abort", () => {
  it("throws TimeoutError when no response arrives within timeoutMs", async () => {
    server.use(
      http.get(`${BASE}/v1/profile`, async () => {
        await delay("infinite");
        return HttpResponse.json({});
      }),
    );
    const err = await rejection(client({ timeoutMs: 50, maxRetries: 0 }).profile.get());
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err).toMatchObject({ status: null, code: "timeout" });
  });

  it("retries a timed-out attempt with the same key", async () => {
    const keys: (string | null)[] = [];
    server.use(
      http.post(`${BASE}/v1/services/svc_1/publish`, async ({ request }) => {
        keys.push(request.headers.get("idempotency-key"));
        if (keys.length === 1) await delay("infinite");
        return HttpResponse.json(SERVICE);
      }),
    );
    // Only the per-call timeout is short; the backoff is real but below a second.
    const service = await client({ maxRetries: 1 }).services.publish("svc_1", { confirm_target_market: "US" }, { timeoutMs: 50 });
    expect(service).toEqual(SERVICE);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
  });

  it("an AbortSignal cancels the request in flight", async () => {
    server.use(
      http.get(`${BASE}/v1/profile`, async () => {
        await delay("infinite");
        return HttpResponse.json({});
      }),
    );
    const controller = new AbortController();
    const call = rejection(client().profile.get({ signal: controller.signal }));
    setTimeout(() => controller.abort(new Error("user gave up")), 10);
    const err = await call;
    expect(err).toBeInstanceOf(AbortError);
    expect((err as Error).cause).toEqual(new Error("user gave up"));
  });

  it("an AbortSignal cancels the wait between retries, and an aborted signal sends nothing", async () => {
    vi.useFakeTimers();
    const keys = sequence("get", "/v1/profile", [fail(503, "unavailable", { "retry-after": "30" })]);
    const controller = new AbortController();
    const call = rejection(client().profile.get({ signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(1_000);
    controller.abort();
    expect(await call).toBeInstanceOf(AbortError);
    expect(keys).toHaveLength(1);
    expect(await rejection(client().profile.get({ signal: controller.signal }))).toBeInstanceOf(AbortError);
    expect(keys).toHaveLength(1);
  });
});

describe("requests", () => {
  it("sends the key as a bearer token and the payload as JSON, with no other custom headers (CORS)", async () => {
    let seen: { headers: Record<string, string>; body: unknown; url: string } | undefined;
    server.use(
      http.patch(`${BASE}/v1/services/:id`, async ({ request }) => {
        seen = { headers: Object.fromEntries(request.headers), body: await request.json(), url: request.url };
        return HttpResponse.json(SERVICE);
      }),
    );
    await client({ baseUrl: `${BASE}/` }).services.update("a b", { name: "New name" });
    expect(seen?.url).toBe(`${BASE}/v1/services/a%20b`);
    expect(seen?.body).toEqual({ name: "New name" });
    expect(seen?.headers).toEqual({
      accept: "application/json",
      authorization: "Bearer sr_live_test",
      "content-type": "application/json",
    });
  });

  it("uses the fetch it is given", async () => {
    const calls: string[] = [];
    const shopreg = client({
      fetch: async (url, init) => {
        calls.push(`${init.method} ${url}`);
        return new Response(JSON.stringify({ id: "key_1" }), { status: 200 });
      },
    });
    expect(await shopreg.apiKeys.current()).toEqual({ id: "key_1" });
    expect(calls).toEqual([`GET ${BASE}/v1/api-keys/current`]);
  });

  it("a validation error is not retried and names the fields", async () => {
    const keys = sequence("post", "/v1/applications/app_1/submit", [
      () =>
        HttpResponse.json(
          apiError("validation_failed", "incomplete", { fields: [{ path: "details.website", message: "Required." }] }),
          {
            status: 422,
          },
        ),
    ]);
    const err = (await rejection(client().applications.submit("app_1"))) as ValidationError;
    expect(err.fields.map((f) => f.path)).toEqual(["details.website"]);
    expect(keys).toHaveLength(1);
    expect(err).not.toBeInstanceOf(ConflictError);
  });
});
