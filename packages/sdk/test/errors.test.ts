import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import {
  AuthenticationError,
  ConflictError,
  InvalidRequestError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
  ShopregError,
  ValidationError,
} from "../src/index.ts";
import { apiError, BASE, client, rejection, server, useMsw } from "./msw.ts";

useMsw();

const cases = [
  [400, "malformed_json", InvalidRequestError],
  [401, "unauthenticated", AuthenticationError],
  [403, "forbidden", PermissionError],
  [404, "not_found", NotFoundError],
  [409, "invalid_transition", ConflictError],
  [413, "payload_too_large", InvalidRequestError],
  [422, "validation_failed", ValidationError],
  [429, "rate_limited", RateLimitError],
  [500, "internal_error", ServerError],
  [503, "unavailable", ServerError],
] as const;

describe("errors by kind", () => {
  it.each(cases)("%i %s becomes %o with status, code, request id and details", async (status, code, Kind) => {
    server.use(
      http.get(`${BASE}/v1/services/:id`, () =>
        HttpResponse.json(apiError(code, `message for ${code}`, { hint: 1 }), {
          status,
          headers: { "x-request-id": "req_header_1", "retry-after": "7" },
        }),
      ),
    );
    const err = await rejection(client({ maxRetries: 0 }).services.get("svc_1"));
    expect(err).toBeInstanceOf(Kind);
    expect(err).toBeInstanceOf(ShopregError);
    expect(err).toMatchObject({ status, code, message: `message for ${code}`, requestId: "req_header_1", details: { hint: 1 } });
    expect((err as Error).name).toBe(Kind.name);
  });

  it("ValidationError lists the API's field errors", async () => {
    const fields = [
      { path: "name", message: "Required." },
      { path: "contact_email", message: "Not an email." },
    ];
    server.use(
      http.post(`${BASE}/v1/services`, () =>
        HttpResponse.json(apiError("validation_failed", "invalid", { fields }), { status: 422 }),
      ),
    );
    const err = await rejection(
      client().services.create({
        type: "CUSTOM",
        category_id: "shop_registration",
        target_market: "US",
        name: "",
        description: "d",
        contact_email: "x",
      }),
    );
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fields).toEqual(fields);
  });

  it("takes the request id from the body when the header is missing", async () => {
    server.use(
      http.get(`${BASE}/v1/profile`, () => HttpResponse.json(apiError("not_found", "gone", undefined, "req_b"), { status: 404 })),
    );
    const err = await rejection(client().profile.get());
    expect(err).toMatchObject({ requestId: "req_b", code: "not_found" });
  });

  it("RateLimitError carries Retry-After in seconds once retries are spent", async () => {
    server.use(
      http.get(`${BASE}/v1/profile`, () =>
        HttpResponse.json(apiError("rate_limited"), { status: 429, headers: { "retry-after": "120" } }),
      ),
    );
    const err = await rejection(client({ maxRetries: 0 }).profile.get());
    expect(err).toBeInstanceOf(RateLimitError);
    expect((err as RateLimitError).retryAfter).toBe(120);
  });

  it("a response that is not the API's JSON still gives a typed error", async () => {
    server.use(http.get(`${BASE}/v1/profile`, () => new HttpResponse("<html>Bad gateway</html>", { status: 502 })));
    const err = await rejection(client({ maxRetries: 0 }).profile.get());
    expect(err).toBeInstanceOf(ServerError);
    expect(err).toMatchObject({ status: 502, code: "http_502", requestId: null });
    expect((err as Error).message).toContain("Bad gateway");
  });

  it("refuses to start without an API key or a base URL", () => {
    expect(() => client({ apiKey: "" })).toThrow(/SHOPREG_API_KEY/);
    expect(() => client({ baseUrl: "api.shopreg.test" })).toThrow(/baseUrl/);
    expect(() => client({ maxRetries: -1 })).toThrow(/maxRetries/);
  });
});
