import { z } from "zod";

/** ISO 3166-1 alpha-2 codes (officially assigned). */
export const REGION_CODES = (
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
  "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
  "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
  "KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT " +
  "MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
  "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG " +
  "UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"
).split(" ") as readonly string[];

const regionSet = new Set(REGION_CODES);

/**
 * A pattern that admits exactly these values, for the OpenAPI document. A pattern, not an enum:
 * the document is as strict, and the generated request types stay \`string\` for the web apps that
 * pass the values they read from GET /v1/catalog.
 */
export const exactly = (values: readonly string[]) =>
  `^(?:${values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})$`;
export const isRegionCode = (code: string): boolean => regionSet.has(code);

export const regionCode = z
  .string()
  .length(2, "Use a two-letter ISO 3166-1 code, such as US or CN.")
  .transform((s) => s.toUpperCase())
  .refine(isRegionCode, "Not an ISO 3166-1 alpha-2 region code.")
  .meta({
    pattern: exactly(REGION_CODES),
    description: "An ISO 3166-1 alpha-2 code (officially assigned); lower case is accepted too.",
  });

/** Target markets: the model allows many; only the U.S. is open today. */
export const MARKETS = [{ code: "US", name: "United States", nameZh: "美国", open: true }] as const;
export type MarketCode = (typeof MARKETS)[number]["code"];
export const OPEN_MARKETS: readonly string[] = MARKETS.filter((m) => m.open).map((m) => m.code);
export const marketCode = z
  .string()
  .transform((s) => s.toUpperCase())
  .refine((s) => OPEN_MARKETS.includes(s), { message: `Target market must be one of: ${OPEN_MARKETS.join(", ")}.` })
  .meta({
    pattern: exactly(OPEN_MARKETS),
    description: "A market open today (GET /v1/catalog lists them); lower case is accepted too.",
  });

/** A partner's kind is fixed at sign-up by where its company is registered. */
export const ENTITY_TYPES = ["US", "NON_US"] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];
export const entityTypeFor = (companyRegistrationRegion: string): EntityType =>
  companyRegistrationRegion.toUpperCase() === "US" ? "US" : "NON_US";
