import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import type { Shopreg } from "../src/index.ts";
import { BASE, client, server, useMsw } from "./msw.ts";

useMsw();

type Seen = { method: string; path: string; body: unknown; idempotencyKey: string | null };

/** Answers every /v1 call with `{ ok: true, data: [...] }`, recording what was sent. */
function recordAll() {
  const seen: Seen[] = [];
  server.use(
    http.all(`${BASE}/v1/*`, async ({ request }) => {
      const url = new URL(request.url);
      const text = await request.text();
      seen.push({
        method: request.method,
        path: url.pathname + url.search,
        body: text ? JSON.parse(text) : undefined,
        idempotencyKey: request.headers.get("idempotency-key"),
      });
      return HttpResponse.json({ ok: true, data: [{ id: "x" }], next_cursor: null });
    }),
  );
  return seen;
}

const SERVICE = {
  type: "CUSTOM" as const,
  category_id: "shop_registration",
  target_market: "US",
  name: "Spring campaign",
  description: "Onboarding for spring sellers",
  contact_email: "ops@tsp.example",
};

const calls: Array<[string, (s: Shopreg) => Promise<unknown>, string, string, unknown]> = [
  ["profile.get", (s) => s.profile.get(), "GET", "/v1/profile", undefined],
  ["profile.update", (s) => s.profile.update({ contact_name: "Ana" }), "PATCH", "/v1/profile", { contact_name: "Ana" }],
  ["apiKeys.current", (s) => s.apiKeys.current(), "GET", "/v1/api-keys/current", undefined],
  ["apiKeys.list", (s) => s.apiKeys.list({ limit: 5 }).then((p) => p.data), "GET", "/v1/api-keys?limit=5", undefined],
  ["catalog.get", (s) => s.catalog.get(), "GET", "/v1/catalog", undefined],
  ["catalog.applicationForm", (s) => s.catalog.applicationForm("NON_US"), "GET", "/v1/application-forms/NON_US", undefined],
  [
    "applications.create",
    (s) => s.applications.create({ category_id: "shop_registration", target_market: "US" }),
    "POST",
    "/v1/applications",
    { category_id: "shop_registration", target_market: "US" },
  ],
  [
    "applications.update",
    (s) => s.applications.update("a1", { details: { website: "https://x.example" } }),
    "PATCH",
    "/v1/applications/a1",
    { details: { website: "https://x.example" } },
  ],
  ["applications.submit", (s) => s.applications.submit("a1"), "POST", "/v1/applications/a1/submit", undefined],
  ["applications.withdraw", (s) => s.applications.withdraw("a1"), "POST", "/v1/applications/a1/withdraw", undefined],
  ["applications.resubmit", (s) => s.applications.resubmit("a1"), "POST", "/v1/applications/a1/resubmit", undefined],
  ["applications.get", (s) => s.applications.get("a1"), "GET", "/v1/applications/a1", undefined],
  [
    "applications.list",
    (s) => s.applications.list({ status: "APPROVED" }).then((p) => p.data),
    "GET",
    "/v1/applications?status=APPROVED",
    undefined,
  ],
  ["applications.history", (s) => s.applications.history("a1"), "GET", "/v1/applications/a1/history", undefined],
  ["services.create", (s) => s.services.create(SERVICE), "POST", "/v1/services", SERVICE],
  ["services.update", (s) => s.services.update("s1", { name: "B" }), "PATCH", "/v1/services/s1", { name: "B" }],
  [
    "services.publish",
    (s) => s.services.publish("s1", { confirm_target_market: "US" }),
    "POST",
    "/v1/services/s1/publish",
    { confirm_target_market: "US" },
  ],
  ["services.deactivate", (s) => s.services.deactivate("s1"), "POST", "/v1/services/s1/deactivate", undefined],
  ["services.get", (s) => s.services.get("s1"), "GET", "/v1/services/s1", undefined],
  ["services.list", (s) => s.services.list().then((p) => p.data), "GET", "/v1/services", undefined],
  ["services.referralLinks", (s) => s.services.referralLinks("s1"), "GET", "/v1/services/s1/referral-links", undefined],
  [
    "analytics.summary",
    (s) => s.analytics.summary({ service_id: "s1" }),
    "GET",
    "/v1/analytics/summary?service_id=s1",
    undefined,
  ],
  [
    "analytics.timeseries",
    (s) => s.analytics.timeseries({ interval: "day", tz: "Asia/Shanghai" }),
    "GET",
    "/v1/analytics/timeseries?interval=day&tz=Asia%2FShanghai",
    undefined,
  ],
  [
    "analytics.breakdown",
    (s) => s.analytics.breakdown({ dimension: "country" }),
    "GET",
    "/v1/analytics/breakdown?dimension=country",
    undefined,
  ],
  ["analytics.funnel", (s) => s.analytics.funnel({ group_by: "link" }), "GET", "/v1/analytics/funnel?group_by=link", undefined],
  [
    "analytics.conversions",
    (s) => s.analytics.conversions({ limit: 10 }).then((p) => p.data),
    "GET",
    "/v1/analytics/conversions?limit=10",
    undefined,
  ],
  ["request", (s) => s.request({ method: "GET", path: "/v1/catalog", query: { x: 1 } }), "GET", "/v1/catalog?x=1", undefined],
];

describe("every partner operation", () => {
  it.each(calls)("%s sends %s %s", async (_name, call, method, path, body) => {
    const seen = recordAll();
    await call(client());
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method, path, body });
    expect(seen[0]!.idempotencyKey !== null).toBe(method === "POST");
  });

  it("analytics.export returns the CSV text as sent", async () => {
    let accept: string | null = null;
    server.use(
      http.get(`${BASE}/v1/analytics/export`, ({ request }) => {
        accept = request.headers.get("accept");
        return new HttpResponse("bucket_start,clicks\n2026-11-24T00:00:00.000Z,3\n", { headers: { "content-type": "text/csv" } });
      }),
    );
    expect(await client().analytics.export({ report: "timeseries" })).toBe("bucket_start,clicks\n2026-11-24T00:00:00.000Z,3\n");
    expect(accept).toContain("text/csv");
  });

  it("unwraps the data of history and referral links into arrays", async () => {
    recordAll();
    expect(await client().services.referralLinks("s1")).toEqual([{ id: "x" }]);
    expect(await client().applications.history("a1")).toEqual([{ id: "x" }]);
  });
});
