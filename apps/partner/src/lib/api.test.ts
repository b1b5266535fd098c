import { ValidationError } from "@shopreg/sdk";
import { describe, expect, it } from "vitest";
import { fieldErrors } from "./api.ts";
import { safeRedirect } from "./auth.ts";

describe("fieldErrors", () => {
  it("maps details.fields paths to form fields, under a prefix", () => {
    const e = new ValidationError("invalid", {
      status: 422,
      code: "validation_failed",
      details: {
        fields: [
          { path: "details.website", message: "Enter a URL." },
          { path: "details.main_product_categories.0", message: "Invalid option." },
          { path: "details", message: "Expected an object." },
          { path: "name", message: "Too short." },
        ],
      },
    });
    expect(fieldErrors(e, "details")).toEqual({ website: "Enter a URL.", main_product_categories: "Invalid option." });
    expect(fieldErrors(e).name).toBe("Too short.");
  });
});

describe("safeRedirect", () => {
  it("follows only same-site paths", () => {
    expect(safeRedirect("/services/abc?x=1")).toBe("/services/abc?x=1");
    expect(safeRedirect("//evil.example/x")).toBe("/");
    expect(safeRedirect("https://evil.example")).toBe("/");
    expect(safeRedirect("/\\evil.example")).toBe("/");
    expect(safeRedirect("/login?redirect=/x")).toBe("/");
    expect(safeRedirect(undefined)).toBe("/");
  });
});
