import { describe, expect, it } from "vitest";
import { issuesFromZod } from "./errors.ts";
import {
  apiKeyCreateInput,
  email,
  loginInput,
  pageQuery,
  profileUpdateInput,
  publishInput,
  reasonInput,
  SINGLE_LINE,
  SINGLE_LINE_MESSAGE,
  serviceCreateInput,
  serviceUpdateInput,
  signUpInput,
} from "./schemas.ts";

const paths = (r: { success: boolean; error?: { issues: Parameters<typeof issuesFromZod>[0] } }) =>
  r.success ? [] : issuesFromZod(r.error!.issues).map((i) => i.path);

describe("email", () => {
  it("trims and lower-cases before checking", () => {
    expect(email.parse("Jane@Example.COM")).toBe("jane@example.com");
    expect(email.parse("  jane@example.com\n")).toBe("jane@example.com");
    expect(email.safeParse("jane@").success).toBe(false);
    expect(email.safeParse(`${"a".repeat(320)}@example.com`).success).toBe(false);
  });
});

describe("signUpInput", () => {
  const valid = {
    company_name: "Acme Global",
    registration_region: "cn",
    company_registration_region: "CN",
    contact_name: "Li Wei",
    contact_email: "LI@acme.example.com",
    password: "correct horse battery",
  };

  it("accepts a valid sign-up and normalises regions and email", () => {
    const out = signUpInput.parse(valid);
    expect(out.registration_region).toBe("CN");
    expect(out.contact_email).toBe("li@acme.example.com");
  });

  it("refuses short passwords, bad regions and unknown fields", () => {
    expect(paths(signUpInput.safeParse({ ...valid, password: "short" }))).toEqual(["password"]);
    expect(paths(signUpInput.safeParse({ ...valid, company_registration_region: "XX" }))).toEqual([
      "company_registration_region",
    ]);
    expect(paths(signUpInput.safeParse({ ...valid, role: "admin" }))).toEqual(["role"]);
  });
});

describe("serviceCreateInput", () => {
  const valid = {
    type: "CUSTOM",
    category_id: "shop_registration",
    target_market: "us",
    name: "US shop setup",
    description: "We open your shop.",
    contact_email: "ops@acme.example.com",
  };

  it("accepts a CUSTOM service in an open market", () => {
    expect(serviceCreateInput.parse(valid)).toMatchObject({ type: "CUSTOM", target_market: "US" });
  });

  it("refuses PUBLIC with a clear error (docs/architecture.md)", () => {
    const r = serviceCreateInput.safeParse({ ...valid, type: "PUBLIC" });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["type", "PUBLIC services are not available yet; use CUSTOM."],
    ]);
    expect(paths(serviceCreateInput.safeParse({ ...valid, type: "OTHER" }))).toEqual(["type"]);
  });

  it("refuses a closed market", () => {
    expect(paths(serviceCreateInput.safeParse({ ...valid, target_market: "CN" }))).toEqual(["target_market"]);
  });
});

describe("other inputs", () => {
  it("serviceUpdateInput needs at least one field", () => {
    expect(serviceUpdateInput.safeParse({}).success).toBe(false);
    expect(serviceUpdateInput.parse({ name: "  New name " })).toEqual({ name: "New name" });
  });

  it("publishInput upper-cases the confirmed market", () => {
    expect(publishInput.parse({ confirm_target_market: "us" })).toEqual({ confirm_target_market: "US" });
    expect(publishInput.safeParse({ confirm_target_market: "USA" }).success).toBe(false);
  });

  it("reasonInput requires a real reason", () => {
    expect(reasonInput.safeParse({ reason: "  no " }).success).toBe(false);
    expect(reasonInput.parse({ reason: " Missing business license " })).toEqual({ reason: "Missing business license" });
  });

  it("loginInput, apiKeyCreateInput and pageQuery", () => {
    expect(loginInput.parse({ email: "A@B.co", password: "x" })).toEqual({ email: "a@b.co", password: "x" });
    expect(apiKeyCreateInput.safeParse({ name: "ci", scopes: ["everything"] }).success).toBe(false);
    expect(pageQuery.parse({})).toEqual({ limit: 20 });
    expect(pageQuery.parse({ limit: "50", cursor: "abc" })).toEqual({ limit: 50, cursor: "abc" });
    expect(pageQuery.safeParse({ limit: "500" }).success).toBe(false);
  });
});

describe("single-line fields (issue 22 item 16)", () => {
  const breaks = ["\r\n", "\n", "\r", "\u2028", "\u2029", "\u0085", "\u0007", "\u007f", "\t"];
  it("refuse control characters and line separators inside company, contact, service, key and staff names", () => {
    for (const b of breaks) {
      const name = `Acme${b}Bcc: someone@example.com`;
      expect(paths(profileUpdateInput.safeParse({ company_name: name })), JSON.stringify(b)).toEqual(["company_name"]);
      expect(paths(profileUpdateInput.safeParse({ contact_name: name })), JSON.stringify(b)).toEqual(["contact_name"]);
      expect(paths(serviceUpdateInput.safeParse({ name })), JSON.stringify(b)).toEqual(["name"]);
      expect(paths(apiKeyCreateInput.safeParse({ name })), JSON.stringify(b)).toEqual(["name"]);
    }
    const refused = profileUpdateInput.safeParse({ company_name: "A\u2028B" });
    expect(refused.error?.issues[0]?.message).toBe(SINGLE_LINE_MESSAGE);
  });

  it("still accept names in any script, with spaces, and trim line breaks at the ends", () => {
    expect(profileUpdateInput.parse({ company_name: " 上海 Acme — Ltd. \n" })).toEqual({ company_name: "上海 Acme — Ltd." });
    expect(SINGLE_LINE.test("José O'Neil")).toBe(true);
  });
});
