import { API_KEY_SCOPES, allowedApplicationActions, scopesOfRole, serviceActionsFor } from "@shopreg/domain";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import type { Application, Catalog, Service, Session } from "../lib/api.ts";

/** The API at the boundary: msw answers what the Partner API would. */
export const server = setupServer();
export const V1 = "http://localhost:3000/v1";

export const session: Session = {
  user: {
    id: "u1",
    email: "li@harbor.example.cn",
    name: "Li Wei",
    role: "owner",
    scopes: [...API_KEY_SCOPES],
    two_factor_enabled: false,
    email_verified: true,
  },
  partner: {
    id: "p1",
    company_name: "Bright Harbor Trading",
    entity_type: "NON_US",
    registration_region: "CN",
    company_registration_region: "CN",
    contact_name: "Li Wei",
    contact_email: "li@harbor.example.cn",
    contact_phone: null,
    require_two_factor: false,
    created_at: "2026-01-01T00:00:00.000Z",
    updated_at: "2026-01-01T00:00:00.000Z",
  },
};

export const catalog: Catalog = {
  categories: [
    {
      id: "tiktok_shop_partner",
      name: "TikTok Shop Partner",
      name_zh: "TikTok Shop 合作伙伴",
      parent_id: null,
      open: true,
      leaf: false,
    },
    {
      id: "outsourced_operations",
      name: "Outsourced Operations",
      name_zh: "代运营",
      parent_id: "tiktok_shop_partner",
      open: true,
      leaf: false,
    },
    {
      id: "shop_registration",
      name: "Shop registration",
      name_zh: "店铺注册",
      parent_id: "outsourced_operations",
      open: true,
      leaf: true,
    },
  ],
  markets: [{ code: "US", name: "United States", name_zh: "美国", open: true }],
};

export const application = (over: Partial<Application> = {}): Application => ({
  id: "0190a000-0000-7000-8000-000000000001",
  partner_id: "0190a000-0000-7000-8000-0000000000f1",
  category_id: "shop_registration",
  category_path: ["TikTok Shop Partner", "Outsourced Operations", "Shop registration"],
  target_market: "US",
  form_version: 1,
  details: {},
  status: "DRAFT",
  revision: 0,
  submitted_at: null,
  decided_at: null,
  decision_reason: null,
  allowed_actions: allowedApplicationActions("DRAFT", "partner"),
  created_at: "2026-01-01T00:00:00.000Z",
  updated_at: "2026-01-01T00:00:00.000Z",
  ...over,
});

export const service = (over: Partial<Service> = {}): Service => ({
  id: "0190a000-0000-7000-8000-0000000000a1",
  partner_id: "0190a000-0000-7000-8000-0000000000f1",
  type: "CUSTOM",
  category_id: "shop_registration",
  category_path: ["TikTok Shop Partner", "Outsourced Operations", "Shop registration"],
  target_market: "US",
  name: "Harbor Shop Launch",
  description: "We open U.S. shops.",
  contact_email: "li@harbor.example.cn",
  status: "DRAFT",
  first_published_at: null,
  referral_links: [],
  // What the API offers an owner while the category is approved.
  allowed_actions: serviceActionsFor(over.status ?? "DRAFT", true, {
    kind: "partner",
    scopes: scopesOfRole("owner"),
    email_verified: true,
  }),
  created_at: "2026-01-01T00:00:00.000Z",
  updated_at: "2026-01-01T00:00:00.000Z",
  ...over,
});

export const apiError = (status: number, code: string, message: string, details?: unknown) =>
  HttpResponse.json({ error: { code, message, request_id: "req_test", details } }, { status });

/** A signed-in partner with a catalog; tests add what their screen needs. */
export const signedIn = [
  http.get(`${V1}/session`, () => HttpResponse.json(session)),
  http.get(`${V1}/catalog`, () => HttpResponse.json(catalog)),
];
