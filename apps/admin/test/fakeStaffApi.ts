import { type ApplicationStatus, allowedApplicationActions, type StaffRole } from "@shopreg/domain";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";

/**
 * The staff API at the network boundary, for component tests: the same paths, shapes and error
 * envelope as apps/api, with allowed_actions from the domain's state machine for the caller's role.
 */
export const server = setupServer();

export const APP_ID = "01a20f91-b1ba-7c2d-ae5d-44ae6f56ba8a";
export const PARTNER_ID = "01a20f91-aaaa-7c2d-ae5d-44ae6f56ba8a";

export type Call = { method: string; path: string; body: unknown; idempotencyKey: string | null };

const partner = {
  id: PARTNER_ID,
  company_name: "Shenzhen Bridge Trading Ltd",
  entity_type: "NON_US",
  registration_region: "CN",
  company_registration_region: "CN",
  contact_name: "Li Hua",
  contact_email: "li@global.example.com",
  contact_phone: null,
  created_at: "2026-11-20T08:00:00.000Z",
  updated_at: "2026-11-20T08:00:00.000Z",
};

const details = {
  legal_company_name: "Global Test Ltd",
  website: "https://global.example.com",
  business_contact_name: "Li Hua",
  business_contact_email: "li@global.example.com",
  business_contact_phone: "+86 10 5555 0100",
  company_description: "Cross-border agency.",
  sellers_served_last_12_months: 30,
  main_product_categories: ["electronics"],
  company_registration_number: "REG-123456",
  registered_address: "1 Test Road, Beijing",
  registered_country: "CN",
  legal_representative: "Wang Fang",
  business_license: "doc_license_001",
  us_operating_experience: "Two years.",
};

export function errorBody(status: number, code: string, message: string) {
  return HttpResponse.json({ error: { code, message, request_id: "req_test" } }, { status });
}

/** A fake staff API with one application; returns the calls it received. */
export function useFakeStaffApi(role: StaffRole, status: ApplicationStatus = "REVIEWING") {
  const calls: Call[] = [];
  const state = { status, decision_reason: null as string | null };
  const application = () => ({
    id: APP_ID,
    partner_id: PARTNER_ID,
    category_id: "shop_registration",
    category_path: ["TikTok Shop Partner", "Outsourced Operations", "Shop registration"],
    target_market: "US",
    form_version: 1,
    details,
    status: state.status,
    revision: 1,
    submitted_at: "2026-11-21T09:00:00.000Z",
    decided_at: null,
    decision_reason: state.decision_reason,
    allowed_actions: allowedApplicationActions(state.status, role),
    created_at: "2026-11-21T08:00:00.000Z",
    updated_at: "2026-11-21T09:00:00.000Z",
  });
  const user = {
    id: "staff-1",
    email: `${role}@shopreg.test`,
    name: `Test ${role}`,
    role,
    disabled_at: null,
    last_login_at: null,
  };
  const record = async (request: Request, path: string) => {
    const text = await request.text();
    calls.push({
      method: request.method,
      path,
      body: text ? JSON.parse(text) : null,
      idempotencyKey: request.headers.get("idempotency-key"),
    });
  };
  const decide = (action: string, to: ApplicationStatus) =>
    http.post(`*/v1/staff/applications/:id/${action}`, async ({ request }) => {
      await record(request, `/v1/staff/applications/${APP_ID}/${action}`);
      const body = calls.at(-1)?.body as { reason?: string } | null;
      state.status = to;
      state.decision_reason = body?.reason ?? null;
      return HttpResponse.json(application());
    });

  server.use(
    http.get("*/v1/staff/session", () => HttpResponse.json({ user })),
    http.get("*/v1/staff/applications/:id", () =>
      HttpResponse.json({
        application: application(),
        partner,
        history: [
          {
            id: "ev-1",
            occurred_at: "2026-11-21T09:00:00.000Z",
            actor_type: "user",
            actor_id: "u-1",
            actor_label: "li@global.example.com",
            partner_id: PARTNER_ID,
            entity_type: "application",
            entity_id: APP_ID,
            action: "submit",
            from_status: "DRAFT",
            to_status: "REVIEWING",
            reason: null,
            request_id: null,
            data: null,
          },
        ],
        revisions: [{ revision: 1, details, submitted_at: "2026-11-21T09:00:00.000Z" }],
      }),
    ),
    http.get("*/v1/staff/applications", () =>
      HttpResponse.json({
        data: [{ ...application(), partner_company_name: partner.company_name, partner_entity_type: partner.entity_type }],
        next_cursor: null,
      }),
    ),
    http.get("*/v1/staff/services", () => HttpResponse.json({ data: [], next_cursor: null })),
    http.get("*/v1/staff/partners/:id/referral-quality", ({ params }) => HttpResponse.json(referralQuality(String(params.id)))),
    http.get("*/v1/staff/referral-quality", ({ request }) => {
      const url = new URL(request.url);
      return HttpResponse.json({ data: (url.searchParams.get("partner_ids") ?? "").split(",").map(referralQuality) });
    }),
    decide("approve", "APPROVED"),
    decide("reject", "REJECTED"),
    decide("request-info", "NEEDS_INFO"),
    decide("revoke", "REVOKED"),
  );
  return { calls, state };
}

/** 20 sellers over 90 days: 11 approved, 3 through the wrong link; 40 of 200 clicks were bots. */
export function referralQuality(partnerId: string) {
  return {
    partner_id: partnerId,
    from: "2026-09-01T00:00:00.000Z",
    to: "2026-11-30T00:00:00.000Z",
    registrations: 20,
    approved_shops: 11,
    approval_rate: 0.55,
    wrong_link_registrations: 3,
    wrong_link_rate: 0.15,
    total_clicks: 200,
    bot_clicks: 40,
    bot_click_share: 0.2,
  };
}
