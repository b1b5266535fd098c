import { allLines, findUserByEmail, insertClicks, listAllPrograms, newId, statementsOfPartner, type User } from "@shopreg/db";
import { type Audience, disputeCreateInput, programCreateInput, scopesOfRole } from "@shopreg/domain";
import type { AppServices, PartnerPrincipal, StaffPrincipal, UseCaseContext } from "./context.ts";
import { recordConversion } from "./usecases/conversions.ts";
import { createDispute, createProgram, recordSellerEvent, runIncentiveJob } from "./usecases/incentives.ts";

export const DEMO_PROGRAMS = {
  /** Last quarter's: its statement closed by the job at seed time, one line disputed. */
  past: { name: "U.S. Shop launch sprint", name_zh: "美国店铺开店冲刺" },
  /** This quarter's: open, its lines eligible, pending until a date, or excluded with a reason. */
  current: { name: "U.S. Shop recruitment bonus", name_zh: "美国店铺招募奖励" },
} as const;

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** A demo partner user acting as the owner it is (the seed has no session). */
export const demoPartnerPrincipal = (user: User): PartnerPrincipal => ({
  kind: "partner_user",
  userId: user.id,
  partnerId: user.partner_id as string,
  email: user.email,
  name: user.name,
  sessionId: "",
  role: "owner",
  scopes: scopesOfRole("owner"),
});

/**
 * Sellers referred by the U.S. demo partner for the incentive programs, each meant for one outcome.
 * `at` is the registration time; a first order, a governance flag, days after it.
 */
type DemoSeller = {
  n: number;
  at: number;
  seller_type: Audience;
  /** The link the seller came through (a local seller through the cross-border link is a wrong-link registration). */
  link: Audience;
  first_order_after_days?: number;
  flag?: { risk: "low" | "medium" | "high"; after_days: number };
};

/**
 * Demo incentives (docs/incentives.md), written through the same use cases as real traffic: clicks
 * as the gateway writes them, registrations and lifecycle events as Seller Center reports them, two
 * programs created by the demo admin (last quarter's and this one's, every approved U.S. partner
 * in them), the closing job run once (it closes last quarter's statement and signs it) and a
 * dispute the U.S. partner raised on an excluded line. Times are relative to the seeding time, so
 * every outcome is the same whenever it runs. Runs once: nothing is done when the current demo
 * program exists or the demo accounts do not (a demo database seeded before incentives gets them
 * on its next start).
 */
export async function seedDemoIncentives(services: AppServices, logins: { admin: string; partner: string }): Promise<boolean> {
  const { db } = services;
  if ((await listAllPrograms(db)).some((p) => p.name === DEMO_PROGRAMS.current.name)) return false;
  const adminUser = await findUserByEmail(db, logins.admin);
  const partnerUser = await findUserByEmail(db, logins.partner);
  if (!adminUser || !partnerUser?.partner_id) return false;
  const requestId = "seed";
  const admin: UseCaseContext<StaffPrincipal> = {
    ...services,
    requestId,
    principal: {
      kind: "staff",
      userId: adminUser.id,
      role: "admin",
      email: adminUser.email,
      name: adminUser.name,
      sessionId: "",
    },
  };
  const partner: UseCaseContext<PartnerPrincipal> = { ...services, requestId, principal: demoPartnerPrincipal(partnerUser) };
  const partnerId = partnerUser.partner_id;
  const links = await db.selectFrom("referral_links").selectAll().where("partner_id", "=", partnerId).execute();
  const linkOf = (audience: Audience) => links.find((l) => l.audience === audience && l.target_market === "US");
  if (!linkOf("LOCAL_SELLER") || !linkOf("CROSS_BORDER_SELLER")) return false;

  // Quarters by calendar month: last quarter ended at least two months ago, this one runs past today.
  const now = services.clock().getTime();
  const month = (offset: number) => {
    const d = new Date(now);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1);
  };
  const past = { start: month(-6), end: month(-3) };
  const current = { start: month(-2), end: month(1) };

  const sellers: DemoSeller[] = [
    // Last quarter: paid in full, paid half (medium risk), no first order in time (disputed), wrong link.
    { n: 41, at: past.start + 5 * DAY, seller_type: "LOCAL_SELLER", link: "LOCAL_SELLER", first_order_after_days: 2 },
    {
      n: 42,
      at: past.start + 12 * DAY,
      seller_type: "LOCAL_SELLER",
      link: "LOCAL_SELLER",
      first_order_after_days: 4,
      flag: { risk: "medium", after_days: 20 },
    },
    { n: 43, at: past.start + 20 * DAY, seller_type: "CROSS_BORDER_SELLER", link: "CROSS_BORDER_SELLER" },
    { n: 44, at: past.start + 26 * DAY, seller_type: "LOCAL_SELLER", link: "CROSS_BORDER_SELLER" },
    // This quarter: eligible, pending (no first order yet, decided 30 days after registering),
    // excluded for high governance risk, excluded as a wrong-link registration.
    { n: 45, at: now - 20 * DAY, seller_type: "LOCAL_SELLER", link: "LOCAL_SELLER", first_order_after_days: 3 },
    { n: 46, at: now - 3 * DAY, seller_type: "CROSS_BORDER_SELLER", link: "CROSS_BORDER_SELLER" },
    {
      n: 47,
      at: now - 12 * DAY,
      seller_type: "LOCAL_SELLER",
      link: "LOCAL_SELLER",
      first_order_after_days: 2,
      flag: { risk: "high", after_days: 10 },
    },
    { n: 48, at: now - 9 * DAY, seller_type: "LOCAL_SELLER", link: "CROSS_BORDER_SELLER" },
  ];

  // The clicks behind the registrations, as the gateway records them.
  const clicks = sellers.map((s) => {
    const link = linkOf(s.link) as NonNullable<ReturnType<typeof linkOf>>;
    return {
      id: newId(),
      link_id: link.id,
      service_id: link.service_id,
      partner_id: link.partner_id,
      audience: link.audience,
      clicked_at: new Date(s.at - 3 * HOUR),
      visitor_hash: `demo-incentive-${s.n}`,
      country: s.seller_type === "LOCAL_SELLER" ? "US" : "CN",
      device: "mobile",
      browser: "TikTok",
      os: "iOS",
      referrer_host: "tiktok.com",
      is_bot: false,
      link_active: true,
    };
  });
  await insertClicks(db, clicks);

  // Seller Center's reports: registrations through those clicks, then first orders and governance flags.
  const seedCtx = { ...services, requestId };
  for (const [i, s] of sellers.entries()) {
    const seller_id = `demo-seller-${s.n}`;
    await recordConversion(seedCtx, {
      event_id: `demo-reg-${s.n}`,
      event_type: "seller.registered",
      occurred_at: new Date(s.at),
      seller_id,
      seller_type: s.seller_type,
      click_id: (clicks[i] as (typeof clicks)[number]).id,
    });
    if (s.first_order_after_days !== undefined) {
      await recordSellerEvent(seedCtx, {
        event_id: `demo-first-order-${s.n}`,
        event_type: "seller.first_order",
        occurred_at: new Date(s.at + s.first_order_after_days * DAY),
        seller_id,
      });
    }
    if (s.flag) {
      await recordSellerEvent(seedCtx, {
        event_id: `demo-flag-${s.n}`,
        event_type: "seller.governance_flag",
        occurred_at: new Date(s.at + s.flag.after_days * DAY),
        seller_id,
        risk_level: s.flag.risk,
      });
    }
  }
  // The demo traffic's approved shops placed their first order a day and a half after approval
  // (those approved in the last day and a half have not yet: their lines wait).
  const approved = await db
    .selectFrom("conversions")
    .select(["seller_id", "occurred_at"])
    .where("partner_id", "=", partnerId)
    .where("event_type", "=", "shop.approved")
    .orderBy("seller_id")
    .execute();
  for (const a of approved) {
    const at = a.occurred_at.getTime() + 36 * HOUR;
    if (at > now) continue;
    await recordSellerEvent(seedCtx, {
      event_id: `demo-first-order-${a.seller_id}`,
      event_type: "seller.first_order",
      occurred_at: new Date(at),
      seller_id: a.seller_id,
    });
  }

  // The programs, as an admin creates them in the dashboard: each computes the partner's statement in full.
  const rules = (period: { start: number; end: number }, reward: number, cap: number | null) => ({
    period_start: new Date(period.start).toISOString(),
    period_end: new Date(period.end).toISOString(),
    grace_days: 30,
    markets: ["US"],
    seller_types: ["LOCAL_SELLER", "CROSS_BORDER_SELLER"],
    participation: { kind: "all_approved" },
    first_order_within_days: 30,
    reward: { amount_minor: reward, currency: "USD" },
    cap_per_partner_minor: cap,
  });
  const pastProgram = await createProgram(
    admin,
    programCreateInput.parse({ ...DEMO_PROGRAMS.past, rules: rules(past, 10_000, null) }),
  );
  await createProgram(admin, programCreateInput.parse({ ...DEMO_PROGRAMS.current, rules: rules(current, 15_000, 150_000) }));
  // Last quarter closed a month ago: the job closes and signs its statement now, as it would have then.
  await runIncentiveJob(seedCtx);

  // The partner disputes the cross-border seller excluded for want of a first order.
  const [closed] = await statementsOfPartner(db, partnerId, pastProgram.id);
  const line = closed && (await allLines(db, partnerId, closed.id)).find((l) => l.seller_id === "demo-seller-43");
  if (line) {
    await createDispute(
      partner,
      disputeCreateInput.parse({
        line_id: line.id,
        seller_reference: "demo-seller-43",
        message:
          "This seller placed its first order 12 days after registering (order TT-58120394); Seller Center seems never to have reported it. Please credit the reward.",
      }),
    );
  }
  return true;
}
