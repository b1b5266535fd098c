import { ERROR_WORDS } from "@shopreg/domain";
import { ValidationError } from "@shopreg/sdk";
import { describe, expect, it } from "vitest";
import { safeRedirect } from "./auth.ts";
import { fieldErrorWords } from "./errors.ts";
import { loadLang } from "./i18n.tsx";

describe("fieldErrorWords", () => {
  it("maps details.fields paths to form fields, under a prefix, worded by each rule's code in Chinese", async () => {
    await loadLang("zh");
    const e = new ValidationError("invalid", {
      status: 422,
      code: "validation_failed",
      details: {
        fields: [
          { path: "details.website", message: "Enter a URL.", code: "field_invalid_format", params: { format: "URL" } },
          { path: "details.main_product_categories.0", message: "Invalid option." },
          { path: "details", message: "Expected an object." },
          { path: "name", message: "Too short.", code: "field_too_short", params: { minimum: 2 } },
        ],
      },
    });
    expect(fieldErrorWords(e, "en", "details")).toEqual({ website: "Enter a URL.", main_product_categories: "Invalid option." });
    expect(fieldErrorWords(e, "en").name).toBe("Too short.");
    // In Chinese by code, with the rule's parameters; a field error without a code is "not valid".
    expect(fieldErrorWords(e, "zh", "details")).toEqual({
      website: "不是有效的 URL。",
      main_product_categories: ERROR_WORDS.field_invalid.zh,
    });
    expect(fieldErrorWords(e, "zh").name).toBe("太短（至少 2）。");
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
