import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ENTITY_TYPES,
  entityTypeFor,
  isRegionCode,
  MARKETS,
  marketCode,
  OPEN_MARKETS,
  REGION_CODES,
  regionCode,
} from "./regions.ts";

describe("regionCode", () => {
  it('accepts "us" as "US" and known codes in any case', () => {
    expect(regionCode.parse("us")).toBe("US");
    expect(regionCode.parse("US")).toBe("US");
    expect(regionCode.parse("cN")).toBe("CN");
  });

  it('refuses "XX", wrong lengths and non-strings', () => {
    for (const bad of ["XX", "xx", "ZZ", "USA", "U", "", "U1", 12, null]) {
      expect(regionCode.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(regionCode.safeParse("XX").error?.issues[0]?.message).toMatch(/ISO 3166-1/);
  });

  it("accepts exactly the listed codes, in upper or lower case (property)", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z]{2}$/), (s) => {
        expect(regionCode.safeParse(s).success).toBe(REGION_CODES.includes(s.toUpperCase()));
      }),
      { numRuns: 500 },
    );
  });

  it("lists unique two-letter upper-case codes", () => {
    expect(new Set(REGION_CODES).size).toBe(REGION_CODES.length);
    for (const c of REGION_CODES) expect(c).toMatch(/^[A-Z]{2}$/);
    expect(REGION_CODES.length).toBe(249);
    expect(isRegionCode("US")).toBe(true);
    expect(isRegionCode("us")).toBe(false);
    expect(isRegionCode("UK")).toBe(false);
  });
});

describe("markets", () => {
  it("only the U.S. is open", () => {
    expect(OPEN_MARKETS).toEqual(["US"]);
    expect(MARKETS.every((m) => isRegionCode(m.code))).toBe(true);
    expect(marketCode.parse("us")).toBe("US");
    expect(marketCode.safeParse("CN").success).toBe(false);
    expect(marketCode.safeParse("CN").error?.issues[0]?.message).toBe("Target market must be one of: US.");
  });
});

describe("entityTypeFor", () => {
  it("is US for a company registered in the U.S., NON_US otherwise", () => {
    expect(ENTITY_TYPES).toEqual(["US", "NON_US"]);
    expect(entityTypeFor("US")).toBe("US");
    expect(entityTypeFor("us")).toBe("US");
    for (const r of ["CN", "GB", "CA", "UM", "PR"]) expect(entityTypeFor(r)).toBe("NON_US");
  });
});
