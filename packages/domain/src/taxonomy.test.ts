import { describe, expect, it } from "vitest";
import { CATEGORIES, categoryApplicability, categoryPath, findCategory, isLeafCategory, SHOP_REGISTRATION } from "./taxonomy.ts";

describe("taxonomy", () => {
  it("shop_registration can be applied for", () => {
    expect(SHOP_REGISTRATION).toBe("shop_registration");
    expect(categoryApplicability(SHOP_REGISTRATION)).toBeNull();
  });

  it("has the path tiktok_shop_partner > outsourced_operations > shop_registration", () => {
    expect(categoryPath(SHOP_REGISTRATION).map((c) => c.id)).toEqual([
      "tiktok_shop_partner",
      "outsourced_operations",
      "shop_registration",
    ]);
    expect(categoryPath("nope")).toEqual([]);
  });

  it("refuses a group node with a message", () => {
    for (const id of ["tiktok_shop_partner", "outsourced_operations"]) {
      expect(isLeafCategory(id)).toBe(false);
      expect(categoryApplicability(id)).toMatch(/is a group/);
    }
  });

  it("refuses a closed leaf, and a leaf under a closed group, with a message", () => {
    expect(isLeafCategory("store_management")).toBe(true);
    expect(categoryApplicability("store_management")).toMatch(/not open/);
    expect(categoryApplicability("content_production")).toMatch(/not open/);
  });

  it("refuses an unknown node with a message", () => {
    expect(findCategory("does_not_exist")).toBeUndefined();
    expect(isLeafCategory("does_not_exist")).toBe(false);
    expect(categoryApplicability("does_not_exist")).toBe('Unknown category "does_not_exist".');
    expect(categoryApplicability("")).toMatch(/Unknown category/);
  });

  it("only shop_registration is open today, and the taxonomy is a well-formed tree", () => {
    expect(CATEGORIES.filter((c) => categoryApplicability(c.id) === null).map((c) => c.id)).toEqual([SHOP_REGISTRATION]);
    const ids = new Set(CATEGORIES.map((c) => c.id));
    expect(ids.size).toBe(CATEGORIES.length);
    for (const c of CATEGORIES) {
      if (c.parentId !== null) expect(ids.has(c.parentId)).toBe(true);
      expect(categoryPath(c.id)[0]!.parentId).toBeNull();
      expect(categoryPath(c.id).at(-1)).toBe(c);
    }
  });
});
