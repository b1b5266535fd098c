import { HttpResponse, http } from "msw";
import { PARTNER_ID, server } from "./fakeStaffApi.ts";

/** The staff analytics API at the network boundary: fixed numbers, every query recorded. */
export const OTHER_PARTNER_ID = "01a20f91-bbbb-7c2d-ae5d-44ae6f56ba8a";
export const SERVICE_ID = "01a20f91-cccc-7c2d-ae5d-44ae6f56ba8a";
export const LINK_IDS = ["01a20f91-dddd-7c2d-ae5d-44ae6f56ba8a", "01a20f91-eeee-7c2d-ae5d-44ae6f56ba8a"];

const zero = { clicks: 0, unique_clicks: 0, bot_clicks: 0, inactive_clicks: 0, registrations: 0, approved_shops: 0 };
export const TOTALS = {
  clicks: 806,
  unique_clicks: 600,
  bot_clicks: 73,
  inactive_clicks: 2,
  registrations: 36,
  approved_shops: 14,
};
const DAYS = ["2026-11-20", "2026-11-21", "2026-11-22"];
const SERIES = [
  { ...zero, clicks: 120, unique_clicks: 90, registrations: 4 },
  { ...zero, clicks: 300, unique_clicks: 220, registrations: 15 },
  { ...zero, clicks: 386, unique_clicks: 290, registrations: 17 },
];

export type Asked = { path: string; query: Record<string, string> };

export function useFakeAnalyticsApi({ empty = false } = {}) {
  const asked: Asked[] = [];
  const record = (request: Request) => {
    const url = new URL(request.url);
    const query = Object.fromEntries(url.searchParams);
    asked.push({ path: url.pathname.replace("/v1/staff/analytics/", ""), query });
    return query;
  };
  const partnerRow = (id: string, label: string, n: number) => ({
    key: id,
    label,
    partner_id: id,
    service_id: null,
    audience: null,
    ...zero,
    clicks: 100 * n,
    unique_clicks: 80 * n,
    registrations: 5 * n,
    approved_shops: 2 * n,
  });
  const names: Record<string, string> = {
    [PARTNER_ID]: "Shenzhen Bridge Trading Ltd",
    [OTHER_PARTNER_ID]: "Austin Shop Builders Inc",
  };
  server.use(
    http.get("*/v1/staff/partners/:id", ({ params }) =>
      HttpResponse.json({
        partner: {
          id: params.id,
          company_name: names[String(params.id)] ?? "Unknown Ltd",
          entity_type: "NON_US",
          registration_region: "CN",
          company_registration_region: "CN",
          contact_name: "Li Hua",
          contact_email: "li@global.example.com",
          contact_phone: null,
          created_at: "2026-11-20T08:00:00.000Z",
          updated_at: "2026-11-20T08:00:00.000Z",
        },
        applications: [],
        services: [],
        api_keys: [],
      }),
    ),
    http.get("*/v1/staff/analytics/summary", ({ request }) => {
      const q = record(request);
      const counts = empty
        ? zero
        : q.partner_id === OTHER_PARTNER_ID
          ? { ...zero, clicks: 99, unique_clicks: 70, registrations: 3 }
          : TOTALS;
      return HttpResponse.json({ from: q.from, to: q.to, ...counts });
    }),
    http.get("*/v1/staff/analytics/timeseries", ({ request }) => {
      const q = record(request);
      return HttpResponse.json({
        from: q.from,
        to: q.to,
        interval: q.interval,
        time_zone: q.tz,
        data: DAYS.map((d, i) => ({ bucket_start: `${d}T00:00:00.000Z`, ...(empty ? zero : SERIES[i]) })),
      });
    }),
    http.get("*/v1/staff/analytics/top-partners", ({ request }) => {
      record(request);
      return HttpResponse.json({
        group_by: "partner",
        data: empty
          ? []
          : [
              partnerRow(PARTNER_ID, "Shenzhen Bridge Trading Ltd", 5),
              partnerRow(OTHER_PARTNER_ID, "Austin Shop Builders Inc", 1),
            ],
      });
    }),
    http.get("*/v1/staff/analytics/top-services", ({ request }) => {
      record(request);
      return HttpResponse.json({
        group_by: "service",
        data: empty
          ? []
          : [{ ...partnerRow(PARTNER_ID, "Bridge: TikTok Shop setup", 5), key: SERVICE_ID, service_id: SERVICE_ID }],
      });
    }),
    http.get("*/v1/staff/analytics/funnel", ({ request }) => {
      const q = record(request);
      const link = (i: number, audience: string) => ({
        ...partnerRow(PARTNER_ID, `Bridge: TikTok Shop setup · ${audience}`, 2 + i),
        key: LINK_IDS[i],
        service_id: SERVICE_ID,
        audience,
      });
      const partners = [
        partnerRow(PARTNER_ID, "Shenzhen Bridge Trading Ltd", 5),
        partnerRow(OTHER_PARTNER_ID, "Austin Shop Builders Inc", 1),
      ];
      return HttpResponse.json({
        group_by: q.group_by,
        data: empty
          ? []
          : q.group_by === "partner" && !q.partner_id
            ? partners
            : [link(1, "CROSS_BORDER_SELLER"), link(0, "LOCAL_SELLER")],
      });
    }),
    http.get("*/v1/staff/analytics/breakdown", ({ request }) => {
      const q = record(request);
      const data = empty
        ? []
        : q.dimension === "country"
          ? [
              { value: "US", clicks: 500, unique_clicks: 380, bot_clicks: 40 },
              { value: "unknown", clicks: 306, unique_clicks: 220, bot_clicks: 33 },
            ]
          : [
              { value: "LOCAL_SELLER", clicks: 408, unique_clicks: 299, bot_clicks: 44 },
              { value: "CROSS_BORDER_SELLER", clicks: 398, unique_clicks: 301, bot_clicks: 29 },
            ];
      return HttpResponse.json({ dimension: q.dimension, data });
    }),
    http.get("*/v1/staff/analytics/conversions", ({ request }) => {
      const q = record(request);
      const conversion = (n: number, attributed: boolean) => ({
        id: `conv-${n}`,
        event_id: `evt_${n}`,
        event_type: "seller.registered",
        seller_id: `seller_${attributed ? "a" : "u"}${n}`,
        seller_type: "LOCAL_SELLER",
        click_id: attributed ? `click-${n}` : null,
        channel: attributed ? null : "newsletter",
        attributed,
        partner_id: attributed ? PARTNER_ID : null,
        service_id: attributed ? SERVICE_ID : null,
        link_id: attributed ? LINK_IDS[0] : null,
        attributed_click_id: attributed ? `click-${n}` : null,
        occurred_at: "2026-11-21T10:00:00.000Z",
        received_at: "2026-11-21T10:00:01.000Z",
      });
      const attributed = q.attributed === "true";
      return HttpResponse.json({
        data: empty ? [] : [1, 2].map((n) => conversion(n, attributed)),
        next_cursor: null,
      });
    }),
  );
  return asked;
}
