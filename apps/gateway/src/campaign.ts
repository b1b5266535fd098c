import type { CampaignTags } from "@shopreg/domain";

/**
 * Campaign tags on a referral link (docs/architecture.md, "Campaign tags"). A link's URL never changes, so a partner tells its
 * campaigns apart with query values: utm_source, utm_medium, utm_campaign, utm_content, and `sub`
 * (the sub-id of affiliate tools), an alias of utm_content used when utm_content is absent.
 *
 * The redirect path only cuts the raw query out of the URL (rawQuery: one indexOf, nothing when
 * there is no "?"); parsing happens where the click row is described, off the request path. Tags are
 * recorded, never passed on: the destination is configuration plus channel, click_id and shop_region,
 * and the click id already leads back to the campaign.
 */
export type { CampaignTags };

/** Characters kept of a tag value (code points, after trimming). */
export const TAG_MAX_LENGTH = 100;
/** Characters of the raw query carried with a click: room for every tag at full length, escaped. */
export const QUERY_MAX_LENGTH = 2048;

const TAGS = ["utm_source", "utm_medium", "utm_campaign", "utm_content"] as const;
// Control characters (C0, DEL, C1) and invisible format characters (bidi overrides, zero-width):
// a value holding one is refused, not cleaned, so nothing can hide in a report or a CSV cell.
const REFUSED = /[\p{Cc}\p{Cf}]/u;

/** The query of a request URL (without "?"), cut to QUERY_MAX_LENGTH at a "&"; undefined when there is none. */
export function rawQuery(url: string): string | undefined {
  const i = url.indexOf("?");
  if (i < 0 || i === url.length - 1) return undefined;
  const query = url.slice(i + 1);
  if (query.length <= QUERY_MAX_LENGTH) return query;
  // A pair cut in the middle would record half a value: drop it.
  const cut = query.lastIndexOf("&", QUERY_MAX_LENGTH);
  return cut > 0 ? query.slice(0, cut) : undefined;
}

/** The allow-listed tags of a raw query; every other name is ignored. Null when no tag is usable. */
export function parseCampaign(query: string | null | undefined): CampaignTags | null {
  if (!query) return null;
  const params = new URLSearchParams(query);
  const tags: CampaignTags = { utm_source: null, utm_medium: null, utm_campaign: null, utm_content: null };
  let any = false;
  for (const name of TAGS) {
    const v = clean(params.get(name));
    if (v !== null) {
      tags[name] = v;
      any = true;
    }
  }
  if (tags.utm_content === null) {
    tags.utm_content = clean(params.get("sub"));
    any ||= tags.utm_content !== null;
  }
  return any ? tags : null;
}

function clean(raw: string | null): string | null {
  if (raw === null || REFUSED.test(raw)) return null;
  const v = raw.trim();
  if (!v) return null;
  // Cut by code points, so no surrogate pair is split.
  return v.length <= TAG_MAX_LENGTH ? v : Array.from(v).slice(0, TAG_MAX_LENGTH).join("").trimEnd();
}
