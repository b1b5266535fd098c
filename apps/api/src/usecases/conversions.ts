import {
  type Conversion,
  claimConversionSignature,
  type Executor,
  findClickById,
  findConversionByEventId,
  findLinkByToken,
  findSellerConversion,
  insertConversion,
  lastHumanClickOnLink,
  newId,
} from "@shopreg/db";
import {
  ATTRIBUTION_WINDOW_MS,
  Conflict,
  campaignOf,
  isLinkToken,
  isWithinAttributionWindow,
  isWrongLink,
  NO_CAMPAIGN,
} from "@shopreg/domain";
import type { AppServices } from "../context.ts";
import { toConversion } from "../serializers.ts";
import { audit } from "./audit.ts";
import { emit } from "./events.ts";
import { onSellerChanged } from "./incentives.ts";

/** A signature is accepted once: false when this one was already received (a replay). */
export const claimSignature = (services: Pick<AppServices, "db">, signature: string, now: Date) =>
  claimConversionSignature(services.db, signature, now);

export type ConversionEvent = {
  event_id: string;
  event_type: "seller.registered" | "shop.approved";
  occurred_at: Date;
  seller_id: string;
  seller_type: string;
  click_id?: string | undefined;
  channel?: string | undefined;
};

/** What a registration binds, and an approval repeats: the credit, the click's campaign, the wrong-link flag. */
type Binding = Pick<
  Conversion,
  | "partner_id"
  | "service_id"
  | "link_id"
  | "attributed_click_id"
  | "utm_source"
  | "utm_medium"
  | "utm_campaign"
  | "utm_content"
  | "wrong_link"
>;
const UNATTRIBUTED: Binding = {
  partner_id: null,
  service_id: null,
  link_id: null,
  attributed_click_id: null,
  ...NO_CAMPAIGN,
  wrong_link: null,
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * docs/architecture.md, "Conversions and attribution": a registration is credited to the partner of the link of its last non-bot click
 * within 30 days before it. The click id the seller came with is that click when it qualifies;
 * otherwise the channel (link token) names the link and its last human click in the window counts.
 */
async function attributeRegistration(db: Executor, e: ConversionEvent): Promise<Binding> {
  if (e.click_id && UUID.test(e.click_id)) {
    const click = await findClickById(db, e.click_id);
    if (click && !click.is_bot && isWithinAttributionWindow(click.clicked_at, e.occurred_at)) {
      return {
        partner_id: click.partner_id,
        service_id: click.service_id,
        link_id: click.link_id,
        attributed_click_id: click.id,
        ...campaignOf(click),
        wrong_link: isWrongLink(e.seller_type, click.audience),
      };
    }
  }
  if (e.channel && isLinkToken(e.channel)) {
    const link = await findLinkByToken(db, e.channel);
    if (link) {
      const click = await lastHumanClickOnLink(
        db,
        link.id,
        new Date(e.occurred_at.getTime() - ATTRIBUTION_WINDOW_MS),
        e.occurred_at,
        link.partner_id,
      );
      if (click)
        return {
          partner_id: link.partner_id,
          service_id: link.service_id,
          link_id: link.id,
          attributed_click_id: click.id,
          ...campaignOf(click),
          wrong_link: isWrongLink(e.seller_type, link.audience),
        };
    }
  }
  return UNATTRIBUTED;
}

export type ConversionResult = { conversion: Conversion; outcome: "recorded" | "replayed" | "duplicate" };

/** Idempotent by event id; one credited registration and one approval per seller, bound at registration. */
export async function recordConversion(
  services: AppServices & { requestId: string },
  e: ConversionEvent,
): Promise<ConversionResult> {
  const run = () =>
    services.db.transaction().execute(async (trx): Promise<ConversionResult> => {
      const seen = await findConversionByEventId(trx, e.event_id);
      if (seen) {
        if (seen.event_type !== e.event_type || seen.seller_id !== e.seller_id) {
          throw new Conflict("This event_id was already used for a different event.", { event_id: e.event_id }).because(
            "event_id_reused",
          );
        }
        return { conversion: seen, outcome: "replayed" };
      }
      const prior = await findSellerConversion(trx, e.seller_id, e.event_type);
      if (prior) return { conversion: prior, outcome: "duplicate" };

      let binding = UNATTRIBUTED;
      if (e.event_type === "seller.registered") binding = await attributeRegistration(trx, e);
      else {
        // An approval follows its seller's binding, whatever clicks came later.
        const registration = await findSellerConversion(trx, e.seller_id, "seller.registered");
        if (registration) binding = pick(registration);
      }
      const conversion = await insertConversion(trx, {
        id: newId(),
        event_id: e.event_id,
        event_type: e.event_type,
        seller_id: e.seller_id,
        seller_type: e.seller_type,
        click_id: e.click_id && UUID.test(e.click_id) ? e.click_id : null,
        channel: e.channel ?? null,
        ...binding,
        occurred_at: e.occurred_at,
        received_at: services.clock(),
      });
      await audit(
        trx,
        { clock: services.clock, requestId: services.requestId },
        {
          actor_type: "seller_center",
          actor_id: null,
          actor_label: "Seller Center",
          partner_id: conversion.partner_id,
          entity_type: "conversion",
          entity_id: conversion.id,
          action: e.event_type,
          to_status: conversion.partner_id ? "ATTRIBUTED" : "UNATTRIBUTED",
          data: {
            event_id: e.event_id,
            seller_id: e.seller_id,
            link_id: conversion.link_id,
            ...(conversion.wrong_link ? { wrong_link: true } : {}),
          },
        },
      );
      // Only a conversion credited to a partner is news to anyone.
      if (conversion.partner_id) await emit(trx, services, e.event_type, conversion.partner_id, toConversion(conversion));
      // A newly credited seller gets its line on the partner's open incentive statements.
      if (conversion.partner_id && e.event_type === "seller.registered") {
        await onSellerChanged(trx, services, conversion.partner_id, e.seller_id);
      }
      return { conversion, outcome: "recorded" };
    });
  try {
    return await run();
  } catch (err) {
    // Two deliveries of one event racing: the unique keys let one in; the other reads its result.
    if ((err as { code?: string }).code === "23505") return run();
    throw err;
  }
}

const pick = (c: Conversion): Binding => ({
  partner_id: c.partner_id,
  service_id: c.service_id,
  link_id: c.link_id,
  attributed_click_id: c.attributed_click_id,
  ...campaignOf(c),
  // The flag belongs to the registration; an approval only repeats where its seller came from.
  wrong_link: c.wrong_link,
});
