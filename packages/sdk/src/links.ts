import type { ReferralLink } from "./types.ts";

/**
 * Campaign tags for a referral link. The link's URL never changes; tags tell campaigns, channels and
 * sales reps apart. They are recorded on the click and credited sellers carry them; they are not
 * passed on to Seller Center. `sub` is the short sub-id of affiliate tools, recorded as utm_content
 * when `content` is not given.
 */
export type CampaignTags = {
  campaign?: string | undefined;
  source?: string | undefined;
  medium?: string | undefined;
  content?: string | undefined;
  sub?: string | undefined;
};

/** The most characters the gateway keeps of a tag. */
export const CAMPAIGN_TAG_MAX_LENGTH = 100;

const PARAMS = [
  ["source", "utm_source"],
  ["medium", "utm_medium"],
  ["campaign", "utm_campaign"],
  ["content", "utm_content"],
  ["sub", "sub"],
] as const;
// The gateway refuses values with control or invisible format characters: say so here instead.
const REFUSED = /[\p{Cc}\p{Cf}]/u;

/**
 * The referral link's URL with campaign tags, URL-encoded, in a stable order. Values are trimmed;
 * empty ones are left out. Throws a RangeError for a value the gateway would drop (longer than
 * CAMPAIGN_TAG_MAX_LENGTH characters, or holding control characters), so a typo is found before
 * the link is printed on a flyer.
 *
 * @example referralLinkUrl(link, { campaign: "spring-webinar", source: "newsletter", medium: "email" })
 * // https://go.shopreg.example/AbC...?utm_source=newsletter&utm_medium=email&utm_campaign=spring-webinar
 */
export function referralLinkUrl(link: Pick<ReferralLink, "url"> | string, tags: CampaignTags = {}): string {
  const url = new URL(typeof link === "string" ? link : link.url);
  for (const [, param] of PARAMS) url.searchParams.delete(param);
  for (const [key, param] of PARAMS) {
    const raw = tags[key];
    if (raw === undefined) continue;
    if (REFUSED.test(raw)) throw new RangeError(`The ${key} tag holds a control or invisible character.`);
    const value = raw.trim();
    if (!value) continue;
    if (Array.from(value).length > CAMPAIGN_TAG_MAX_LENGTH) {
      throw new RangeError(`The ${key} tag is longer than ${CAMPAIGN_TAG_MAX_LENGTH} characters.`);
    }
    url.searchParams.append(param, value);
  }
  return url.toString();
}
