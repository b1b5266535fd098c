import type { Audience } from "@shopreg/domain";
import { sql } from "kysely";
import type { Executor, ReferralLink } from "../schema.ts";
import { type Page, type PageParams, pageNewestFirst } from "./page.ts";

/**
 * Mints links that do not exist yet. The (service_id, audience) unique key makes this safe under
 * concurrency: a second publisher's rows are dropped, never duplicated, and a link once minted is
 * never replaced.
 */
export const insertLinksIfAbsent = (
  db: Executor,
  rows: {
    id: string;
    service_id: string;
    partner_id: string;
    audience: Audience;
    target_market: string;
    token: string;
    created_at: Date;
  }[],
) =>
  db
    .insertInto("referral_links")
    .values(rows)
    .onConflict((oc) => oc.columns(["service_id", "audience"]).doNothing())
    .execute();

/** The channel on which the gateways LISTEN for a service whose links changed (payload: the service id). */
export const LINK_CHANGES_CHANNEL = "referral_link_changes";

/** Tells every gateway instance that a service's links changed; sent on commit when called in a transaction. */
export const notifyLinkChange = (db: Executor, serviceId: string) =>
  sql`SELECT pg_notify(${LINK_CHANGES_CHANNEL}, ${serviceId})`.execute(db);

const AUDIENCE_ORDER: Record<Audience, number> = { LOCAL_SELLER: 0, CROSS_BORDER_SELLER: 1 };

export async function listLinksOfService(db: Executor, serviceId: string): Promise<ReferralLink[]> {
  const rows = await db.selectFrom("referral_links").selectAll().where("service_id", "=", serviceId).execute();
  return rows.sort((a, b) => AUDIENCE_ORDER[a.audience] - AUDIENCE_ORDER[b.audience]);
}

export const listLinksOfServices = (db: Executor, serviceIds: string[]) =>
  serviceIds.length === 0
    ? Promise.resolve([] as ReferralLink[])
    : db.selectFrom("referral_links").selectAll().where("service_id", "in", serviceIds).execute();

/** Services with their links (local sellers' first): one query for the links of every service given. */
export async function withLinks<S extends { id: string }>(
  db: Executor,
  services: S[],
): Promise<{ service: S; links: ReferralLink[] }[]> {
  const links = await listLinksOfServices(
    db,
    services.map((s) => s.id),
  );
  const byAudience = (a: ReferralLink, b: ReferralLink) => AUDIENCE_ORDER[a.audience] - AUDIENCE_ORDER[b.audience];
  return services.map((service) => ({ service, links: links.filter((l) => l.service_id === service.id).sort(byAudience) }));
}

/** What the gateway needs to resolve a token: the link and whether its service is On. */
export const findLinkByToken = (db: Executor, token: string) =>
  db
    .selectFrom("referral_links")
    .innerJoin("services", "services.id", "referral_links.service_id")
    .select([
      "referral_links.id",
      "referral_links.token",
      "referral_links.audience",
      "referral_links.target_market",
      "referral_links.service_id",
      "referral_links.partner_id",
      "services.status as service_status",
    ])
    .where("referral_links.token", "=", token)
    .executeTakeFirst();

export async function listLinks(
  db: Executor,
  params: PageParams & { partnerId?: string | undefined; serviceId?: string | undefined },
): Promise<Page<ReferralLink>> {
  let query = db.selectFrom("referral_links").selectAll();
  if (params.partnerId) query = query.where("partner_id", "=", params.partnerId);
  if (params.serviceId) query = query.where("service_id", "=", params.serviceId);
  return pageNewestFirst(query, params);
}

export const findLinkById = (db: Executor, id: string) =>
  db.selectFrom("referral_links").select(["id", "partner_id", "token"]).where("id", "=", id).executeTakeFirst();
