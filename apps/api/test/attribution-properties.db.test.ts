import { newId } from "@shopreg/db";
import { testEngines } from "@shopreg/db/testing";
import { ATTRIBUTION_WINDOW_MS, type Audience, attributedClick, isWrongLink } from "@shopreg/domain";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../src/testing.ts";
import { recordConversion } from "../src/usecases/conversions.ts";
import { partnerWithService, publish } from "./helpers.ts";

const DAY = 86_400_000;

/**
 * Property: for any clicks and any order of seller events, the intake's credit equals the rule's
 * reference (the last non-bot click in the 30 days before registration, found through the click
 * id, else through the channel), binds at the first registration, and approvals follow it. The
 * credited click's campaign and the wrong-link flag (seller type vs. that click's link audience)
 * bind with it.
 */
describe.each(testEngines())("attribution rules hold for any event stream on $engine", ({ engine }) => {
  let api: TestApi;
  let links: { id: string; token: string; service_id: string; partner_id: string; audience: string }[] = [];
  beforeAll(async () => {
    api = await startTestApi(engine);
    const reviewer = (await api.staff("reviewer")).cookie;
    for (let i = 0; i < 2; i++) {
      const { partner, serviceId } = await partnerWithService(api, reviewer);
      const res = await publish(api, partner.cookie, serviceId);
      links.push(
        ...res.body.referral_links.map((l: { id: string; token: string; audience: string }) => ({
          ...l,
          service_id: serviceId,
          partner_id: partner.partnerId,
        })),
      );
    }
    links = links.slice(0, 3);
  });
  afterAll(async () => api?.close());

  const clickArb = fc.record({
    link: fc.integer({ min: 0, max: 2 }),
    daysBefore: fc.integer({ min: 0, max: 45 }),
    isBot: fc.boolean(),
    campaign: fc.constantFrom("spring-webinar", "fb-group", null),
  });
  const eventArb = fc.record({
    seller: fc.integer({ min: 0, max: 2 }),
    type: fc.constantFrom("seller.registered" as const, "shop.approved" as const),
    via: fc.constantFrom("click" as const, "channel" as const, "nothing" as const),
    clickIndex: fc.nat(),
    link: fc.integer({ min: 0, max: 2 }),
    sellerType: fc.constantFrom<Audience>("LOCAL_SELLER", "CROSS_BORDER_SELLER"),
  });
  type Credit = { partnerId: string | null; campaign: string | null; wrongLink: boolean | null };

  it("credits, binds and follows as the rules say", async () => {
    // Links are shared by every run, so the channel rule sees every click inserted so far.
    const allClicks: {
      id: string;
      link_id: string;
      partner_id: string;
      audience: Audience;
      clicked_at: Date;
      is_bot: boolean;
      utm_campaign: string | null;
    }[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.array(clickArb, { minLength: 0, maxLength: 12 }),
        fc.array(eventArb, { minLength: 1, maxLength: 8 }),
        async (clickSpecs, events) => {
          const run = newId().slice(-12);
          const registeredAt = new Date(Date.now() - DAY);
          const clicks = clickSpecs.map((c) => {
            const link = links[c.link]!;
            return {
              id: newId(),
              link_id: link.id,
              service_id: link.service_id,
              partner_id: link.partner_id,
              audience: link.audience as Audience,
              clicked_at: new Date(registeredAt.getTime() - c.daysBefore * DAY - 1000),
              visitor_hash: run,
              country: null,
              device: null,
              browser: null,
              os: null,
              referrer_host: null,
              is_bot: c.isBot,
              link_active: true,
              is_unique: false,
              utm_campaign: c.campaign,
              utm_source: c.campaign ? "newsletter" : null,
            };
          });
          if (clicks.length) await api.db.insertInto("clicks").values(clicks).execute();
          allClicks.push(...clicks);

          const bound = new Map<number, Credit>();
          const approved = new Map<number, Credit>();
          const NONE: Credit = { partnerId: null, campaign: null, wrongLink: null };
          for (const [i, e] of events.entries()) {
            const click = clicks.length ? clicks[e.clickIndex % clicks.length] : undefined;
            const link = links[e.link]!;
            const sellerId = `prop-${run}-${e.seller}`;
            const { conversion } = await recordConversion(
              { ...api.services, requestId: "property" },
              {
                event_id: `prop-${run}-${i}`,
                event_type: e.type,
                occurred_at: registeredAt,
                seller_id: sellerId,
                seller_type: e.sellerType,
                click_id: e.via === "click" ? click?.id : undefined,
                channel: e.via === "channel" ? link.token : undefined,
              },
            );
            const got: Credit = {
              partnerId: conversion.partner_id,
              campaign: conversion.utm_campaign,
              wrongLink: conversion.wrong_link,
            };
            if (e.type === "seller.registered") {
              // Reference: the click id's click if it qualifies, else the channel link's last human click in the window.
              const viaClick =
                e.via === "click" && click
                  ? attributedClick(
                      [{ ...click, partnerId: click.partner_id, at: click.clicked_at, isBot: click.is_bot }],
                      registeredAt,
                    )
                  : null;
              const onLink =
                e.via === "channel"
                  ? allClicks
                      .filter((c) => c.link_id === link.id)
                      .map((c) => ({ ...c, partnerId: c.partner_id, at: c.clicked_at, isBot: c.is_bot }))
                  : [];
              const expected = viaClick ?? attributedClick(onLink, registeredAt);
              if (!bound.has(e.seller)) {
                // The credited click's campaign, and wrong-link when the seller's type is not its link's audience.
                const credit: Credit = expected
                  ? {
                      partnerId: expected.partnerId,
                      campaign: expected.utm_campaign,
                      wrongLink: isWrongLink(e.sellerType, expected.audience),
                    }
                  : NONE;
                bound.set(e.seller, credit);
                expect(got).toEqual(credit);
                if (expected) expect(registeredAt.getTime() - expected.at.getTime()).toBeLessThanOrEqual(ATTRIBUTION_WINDOW_MS);
              }
              // A later registration event never moves the binding, its campaign or its flag.
              expect(got).toEqual(bound.get(e.seller));
            } else {
              // An approval follows the seller's binding at the time of the first approval (none: unattributed).
              if (!approved.has(e.seller)) approved.set(e.seller, bound.get(e.seller) ?? NONE);
              expect(got).toEqual(approved.get(e.seller));
            }
          }
        },
      ),
      { numRuns: engine === "pglite" ? 20 : 12 },
    );
  });
});
