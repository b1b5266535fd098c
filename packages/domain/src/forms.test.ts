import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Validation } from "./errors.ts";
import { APPLICATION_FORM_FIELDS, formFieldsFor, PRODUCT_CATEGORIES, parseApplicationDetails } from "./forms.ts";
import type { EntityType } from "./regions.ts";

const US_VALID = {
  legal_company_name: "Acme Commerce LLC",
  website: "https://acme.example.com",
  business_contact_name: "Jane Doe",
  business_contact_email: "jane@acme.example.com",
  business_contact_phone: "+1 (415) 555-0100",
  company_description: "We help sellers open and run TikTok Shops.",
  sellers_served_last_12_months: 42,
  main_product_categories: ["beauty_personal_care", "electronics"],
};
const NON_US_EXTRA = {
  company_registration_number: "91310000MA1K000000",
  registered_address: "1 Century Ave, Pudong, Shanghai",
  registered_country: "CN",
  legal_representative: "Li Wei",
  business_license: "https://docs.example.com/license.pdf",
  us_operating_experience: "Three years running Amazon US stores for 30 brands.",
};
const NON_US_VALID = { ...US_VALID, ...NON_US_EXTRA };
const US_REQUIRED = Object.keys(US_VALID);
const NON_US_REQUIRED = [...US_REQUIRED, ...Object.keys(NON_US_EXTRA)];

/** Runs parseApplicationDetails and returns the Validation's field paths (failing the test on any other outcome). */
function issuePaths(entity: EntityType, mode: "draft" | "complete", details: unknown): string[] {
  try {
    parseApplicationDetails(entity, mode, details);
  } catch (e) {
    expect(e).toBeInstanceOf(Validation);
    const v = e as Validation;
    expect(v.code).toBe("validation_failed");
    expect(v.details).toEqual({ fields: v.issues });
    for (const i of v.issues) expect(i.message.length).toBeGreaterThan(0);
    return v.issues.map((i) => i.path).sort();
  }
  throw new Error("expected a Validation error");
}
const without = (o: Record<string, unknown>, ...keys: string[]) =>
  Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));

describe("form definition", () => {
  it("has the product's fields for each entity type, required ones marked", () => {
    expect(
      formFieldsFor("US")
        .filter((f) => f.required)
        .map((f) => f.name)
        .sort(),
    ).toEqual([...US_REQUIRED].sort());
    expect(
      formFieldsFor("NON_US")
        .filter((f) => f.required)
        .map((f) => f.name)
        .sort(),
    ).toEqual([...NON_US_REQUIRED].sort());
    const optionalNonUs = formFieldsFor("NON_US").filter((f) => !f.required);
    expect(optionalNonUs.map((f) => f.name).every((n) => n.startsWith("us_local_contact_"))).toBe(true);
    expect(formFieldsFor("US").some((f) => f.name.startsWith("us_local_contact_"))).toBe(false);
  });

  it("has unique field names and bilingual labels", () => {
    const names = APPLICATION_FORM_FIELDS.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const f of APPLICATION_FORM_FIELDS) {
      expect(f.label.en.length).toBeGreaterThan(0);
      expect(f.label.zh.length).toBeGreaterThan(0);
    }
  });
});

describe("parseApplicationDetails, complete", () => {
  it("accepts valid U.S. and non-U.S. payloads and normalises them", () => {
    expect(parseApplicationDetails("US", "complete", US_VALID)).toEqual(US_VALID);
    const out = parseApplicationDetails("NON_US", "complete", {
      ...NON_US_VALID,
      registered_country: "cn",
      legal_company_name: "  Acme Global Ltd  ",
      us_local_contact_email: "ops@acme.example.com",
    });
    expect(out.registered_country).toBe("CN");
    expect(out.legal_company_name).toBe("Acme Global Ltd");
    expect(out.us_local_contact_email).toBe("ops@acme.example.com");
  });

  it("reports every missing required field by path", () => {
    expect(issuePaths("US", "complete", {})).toEqual(US_REQUIRED.map((n) => `details.${n}`).sort());
    expect(issuePaths("NON_US", "complete", {})).toEqual(NON_US_REQUIRED.map((n) => `details.${n}`).sort());
    expect(issuePaths("US", "complete", undefined)).toEqual(US_REQUIRED.map((n) => `details.${n}`).sort());
    expect(issuePaths("US", "complete", without(US_VALID, "website"))).toEqual(["details.website"]);
  });

  it("reports exactly the required fields that are left out (property)", () => {
    for (const [entity, valid] of [
      ["US", US_VALID],
      ["NON_US", NON_US_VALID],
    ] as const) {
      const keys = Object.keys(valid);
      fc.assert(
        fc.property(fc.subarray(keys, { minLength: 1 }), (missing) => {
          expect(issuePaths(entity, "complete", without(valid, ...missing))).toEqual(missing.map((n) => `details.${n}`).sort());
        }),
        { numRuns: 60 },
      );
    }
  });

  it("requires the non-U.S. fields of a non-U.S. entity, but not the U.S. local contact", () => {
    expect(issuePaths("NON_US", "complete", US_VALID)).toEqual(
      Object.keys(NON_US_EXTRA)
        .map((n) => `details.${n}`)
        .sort(),
    );
    expect(() => parseApplicationDetails("NON_US", "complete", NON_US_VALID)).not.toThrow();
  });

  it("refuses non-U.S.-only fields on a U.S. payload", () => {
    expect(issuePaths("US", "complete", { ...US_VALID, company_registration_number: "123" })).toEqual([
      "details.company_registration_number",
    ]);
    expect(issuePaths("US", "draft", { us_local_contact_name: "Bob" })).toEqual(["details.us_local_contact_name"]);
  });

  it("refuses unknown fields, naming each one", () => {
    expect(issuePaths("US", "complete", { ...US_VALID, favourite_colour: "blue", admin: true })).toEqual([
      "details.admin",
      "details.favourite_colour",
    ]);
    expect(issuePaths("NON_US", "draft", { __proto__x: 1 })).toEqual(["details.__proto__x"]);
  });

  it("refuses a payload that is not an object, at the details path", () => {
    expect(issuePaths("US", "complete", "hello")).toEqual(["details"]);
    expect(issuePaths("US", "draft", [1, 2])).toEqual(["details"]);
  });

  it("validates each field's format", () => {
    const bad: [string, unknown][] = [
      ["website", "acme.example.com"],
      ["website", "javascript:alert(1)"],
      ["website", "ftp://acme.example.com"],
      ["business_contact_email", "not-an-email"],
      ["business_contact_phone", "call me"],
      ["company_description", "Too short."],
      ["sellers_served_last_12_months", -1],
      ["sellers_served_last_12_months", 1.5],
      ["sellers_served_last_12_months", "42"],
      ["main_product_categories", []],
      ["legal_company_name", "   "],
      ["legal_company_name", "x".repeat(201)],
    ];
    for (const [field, value] of bad) {
      expect(issuePaths("US", "complete", { ...US_VALID, [field]: value }), `${field}=${JSON.stringify(value)}`).toEqual([
        `details.${field}`,
      ]);
    }
    expect(issuePaths("US", "complete", { ...US_VALID, main_product_categories: ["weapons"] })).toEqual([
      "details.main_product_categories.0",
    ]);
    expect(issuePaths("NON_US", "complete", { ...NON_US_VALID, registered_country: "XX" })).toEqual([
      "details.registered_country",
    ]);
    expect(issuePaths("NON_US", "complete", { ...NON_US_VALID, registered_country: "CHN" })).toEqual([
      "details.registered_country",
    ]);
    expect(issuePaths("NON_US", "complete", { ...NON_US_VALID, us_local_contact_email: "nope" })).toEqual([
      "details.us_local_contact_email",
    ]);
  });

  it("accepts every product category option", () => {
    const all = PRODUCT_CATEGORIES.map((c) => c.value);
    expect(
      parseApplicationDetails("US", "complete", { ...US_VALID, main_product_categories: all }).main_product_categories,
    ).toEqual(all);
  });
});

describe("parseApplicationDetails, draft", () => {
  it("accepts an empty or half-filled draft", () => {
    expect(parseApplicationDetails("US", "draft", {})).toEqual({});
    expect(parseApplicationDetails("US", "draft", null)).toEqual({});
    expect(parseApplicationDetails("NON_US", "draft", { legal_company_name: "Acme" })).toEqual({ legal_company_name: "Acme" });
  });

  it("accepts any subset of a valid payload (property)", () => {
    for (const [entity, valid] of [
      ["US", US_VALID],
      ["NON_US", NON_US_VALID],
    ] as const) {
      fc.assert(
        fc.property(fc.subarray(Object.keys(valid)), (keep) => {
          const partial = Object.fromEntries(keep.map((k) => [k, valid[k as keyof typeof valid]]));
          expect(parseApplicationDetails(entity, "draft", partial)).toEqual(partial);
        }),
        { numRuns: 60 },
      );
    }
  });

  it("still checks what is there, and still refuses unknown fields", () => {
    expect(issuePaths("US", "draft", { website: "nope", business_contact_email: "x@" })).toEqual([
      "details.business_contact_email",
      "details.website",
    ]);
    expect(issuePaths("US", "draft", { nope: 1 })).toEqual(["details.nope"]);
  });

  it("uses a different headline message for drafts and submissions", () => {
    const message = (mode: "draft" | "complete") => {
      try {
        parseApplicationDetails("US", mode, { website: "nope" });
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(message("complete")).toMatch(/incomplete/);
    expect(message("draft")).not.toBe(message("complete"));
  });
});
