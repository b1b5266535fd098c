import { findUserByEmail, insertUser, newId, type ReferralLink } from "@shopreg/db";
import type { StaffRole } from "@shopreg/domain";
import { hashPassword } from "./auth/secrets.ts";
import type { AppServices, PartnerPrincipal, StaffPrincipal, UseCaseContext } from "./context.ts";
import { demoPartnerPrincipal, seedDemoIncentives } from "./seed-incentives.ts";
import { createApplication, decideApplication, submitApplication } from "./usecases/applications.ts";
import { audit } from "./usecases/audit.ts";
import { recordConversion } from "./usecases/conversions.ts";
import { signUpPartner } from "./usecases/partners.ts";
import { createService, publishService } from "./usecases/services.ts";

export const DEMO_PASSWORD = "shopreg-demo-2026";
export const DEMO_LOGINS = {
  admin: { email: "admin@shopreg.test", password: DEMO_PASSWORD, role: "admin" as const },
  reviewer: { email: "reviewer@shopreg.test", password: DEMO_PASSWORD, role: "reviewer" as const },
  analyst: { email: "analyst@shopreg.test", password: DEMO_PASSWORD, role: "analyst" as const },
  usPartner: { email: "us-partner@shopreg.test", password: DEMO_PASSWORD },
  nonUsPartner: { email: "global-partner@shopreg.test", password: DEMO_PASSWORD },
};

const US_DETAILS = {
  legal_company_name: "Lakeside Commerce LLC",
  website: "https://lakeside-commerce.example.com",
  business_contact_name: "Dana Lee",
  business_contact_email: "dana@lakeside-commerce.example.com",
  business_contact_phone: "+1 415 555 0134",
  company_description: "We help U.S. brands open and grow TikTok Shops: onboarding, catalog and live commerce.",
  sellers_served_last_12_months: 48,
  main_product_categories: ["beauty_personal_care", "home_living"],
};

const NON_US_DETAILS = {
  legal_company_name: "Shenzhen Bright Harbor Trading Co., Ltd.",
  website: "https://brightharbor.example.cn",
  business_contact_name: "Li Wei",
  business_contact_email: "liwei@brightharbor.example.cn",
  business_contact_phone: "+86 755 5555 0199",
  company_description: "Cross-border agency onboarding Chinese manufacturers to the U.S. TikTok Shop.",
  sellers_served_last_12_months: 120,
  main_product_categories: ["electronics", "toys_hobbies"],
  company_registration_number: "91440300MA5ABCDE1X",
  registered_address: "18 Keyuan Road, Nanshan District, Shenzhen",
  registered_country: "CN",
  legal_representative: "Zhang Min",
  business_license: "https://brightharbor.example.cn/license.pdf",
  us_operating_experience: "Three years running Amazon and Walmart storefronts for 60 brands.",
};

/**
 * Demo data for `pnpm start`, written through the same use cases as real traffic (so the audit log
 * tells the story). Runs once: a database that has the demo admin is left as it is, but for the
 * demo incentives, which a database seeded before them gets once (seed-incentives.ts).
 */
export async function seedDemo(
  services: AppServices,
  /** `incentives: false` seeds what the demo seeded before incentive programs existed (a test's older demo database). */
  opts: { incentives?: boolean } = {},
): Promise<{ seeded: boolean }> {
  const incentiveLogins = { admin: DEMO_LOGINS.admin.email, partner: DEMO_LOGINS.usPartner.email };
  if (await findUserByEmail(services.db, DEMO_LOGINS.admin.email)) {
    return { seeded: await seedDemoIncentives(services, incentiveLogins) };
  }
  const requestId = "seed";
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const staff: Record<StaffRole, StaffPrincipal> = {} as Record<StaffRole, StaffPrincipal>;
  for (const who of [DEMO_LOGINS.admin, DEMO_LOGINS.reviewer, DEMO_LOGINS.analyst]) {
    const name = `Demo ${who.role}`;
    const user = await services.db.transaction().execute(async (trx) => {
      const u = await insertUser(trx, {
        id: newId(),
        partner_id: null,
        email: who.email,
        name,
        role: who.role,
        password_hash: passwordHash,
        created_at: services.clock(),
      });
      await audit(
        trx,
        { clock: services.clock, requestId },
        {
          partner_id: null,
          entity_type: "staff_user",
          entity_id: u.id,
          action: "create",
          to_status: "ACTIVE",
          data: { role: who.role },
        },
      );
      return u;
    });
    staff[who.role] = { kind: "staff", userId: user.id, role: who.role, email: who.email, name, sessionId: "" };
  }
  const reviewer: UseCaseContext<StaffPrincipal> = { ...services, principal: staff.reviewer, requestId };

  const partnerCtx = async (input: Parameters<typeof signUpPartner>[1]): Promise<UseCaseContext<PartnerPrincipal>> => {
    await signUpPartner({ ...services, requestId }, input);
    // The demo's partners are verified (their addresses are not real mailboxes).
    const user = await services.db
      .updateTable("users")
      .set({ email_verified_at: services.clock() })
      .where("email", "=", input.contact_email.toLowerCase())
      .returningAll()
      .executeTakeFirstOrThrow();
    return { ...services, requestId, principal: demoPartnerPrincipal(user) };
  };

  // A U.S. partner, approved, with a published service and its two links.
  const us = await partnerCtx({
    company_name: "Lakeside Commerce",
    registration_region: "US",
    company_registration_region: "US",
    contact_name: "Dana Lee",
    contact_email: DEMO_LOGINS.usPartner.email,
    contact_phone: "+1 415 555 0134",
    password: DEMO_PASSWORD,
  });
  const usApp = await createApplication(us, { category_id: "shop_registration", target_market: "US", details: US_DETAILS });
  await submitApplication(us, usApp.id);
  await decideApplication(reviewer, usApp.id, "approve");
  const { service } = await createService(us, {
    type: "CUSTOM",
    category_id: "shop_registration",
    target_market: "US",
    name: "Lakeside Shop Launch",
    description: "We register your TikTok Shop and set up your first catalog.",
    contact_email: "launch@lakeside-commerce.example.com",
  });
  const published = await publishService(us, service.id, "US");
  await seedTraffic(services, published.links);

  // A non-U.S. partner whose application waits in the review queue.
  const global = await partnerCtx({
    company_name: "Bright Harbor Trading",
    registration_region: "CN",
    company_registration_region: "CN",
    contact_name: "Li Wei",
    contact_email: DEMO_LOGINS.nonUsPartner.email,
    password: DEMO_PASSWORD,
  });
  const globalApp = await createApplication(global, {
    category_id: "shop_registration",
    target_market: "US",
    details: NON_US_DETAILS,
  });
  await submitApplication(global, globalApp.id);
  if (opts.incentives !== false) await seedDemoIncentives(services, incentiveLogins);
  return { seeded: true };
}

/**
 * Thirty days of clicks on the demo links (a daily rhythm, a few bots, realistic devices and
 * referrers) and sellers registering through them, so the analytics pages have something to show.
 * Conversions go through the real intake use case, so attribution is computed, not invented.
 */
async function seedTraffic(services: AppServices, links: ReferralLink[]) {
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const now = services.clock().getTime();
  const HOUR = 3_600_000;
  const rows = [];
  for (let h = 30 * 24; h > 0; h--) {
    const at = now - h * HOUR;
    const hourOfDay = new Date(at).getUTCHours();
    const busy = 1 + Math.sin(((hourOfDay - 8) / 24) * 2 * Math.PI);
    const n = Math.round(busy * 2.5 * random());
    for (let i = 0; i < n; i++) {
      const link = pick(links);
      const isBot = random() < 0.06;
      rows.push({
        id: newId(),
        link_id: link.id,
        service_id: link.service_id,
        partner_id: link.partner_id,
        audience: link.audience,
        clicked_at: new Date(at + Math.floor(random() * HOUR)),
        visitor_hash: `demo-${Math.floor(random() * 400)}`,
        country:
          link.audience === "LOCAL_SELLER"
            ? pick(["US", "US", "US", "US", "CA", "MX"])
            : pick(["CN", "CN", "CN", "VN", "KR", "GB"]),
        device: isBot ? "bot" : pick(["mobile", "mobile", "mobile", "desktop", "tablet"]),
        browser: isBot ? "Slackbot" : pick(["Mobile Safari", "Chrome", "Chrome", "TikTok", "Edge"]),
        os: isBot ? null : pick(["iOS", "iOS", "Android", "Android", "Windows", "Mac OS"]),
        referrer_host: pick([null, "tiktok.com", "tiktok.com", "instagram.com", "google.com", "youtube.com"]),
        is_bot: isBot,
        link_active: true,
        is_unique: !isBot && random() < 0.75,
      });
    }
  }
  for (let i = 0; i < rows.length; i += 500)
    await services.db
      .insertInto("clicks")
      .values(rows.slice(i, i + 500))
      .execute();
  const humans = rows.filter((r) => !r.is_bot);
  for (let i = 0; i < Math.min(36, humans.length); i++) {
    const click = humans[Math.floor(random() * humans.length)] as (typeof humans)[number];
    const registeredAt = new Date(Math.min(now, click.clicked_at.getTime() + Math.floor(random() * 48) * HOUR));
    const sellerId = `demo-seller-${i + 1}`;
    const base = { seller_id: sellerId, seller_type: click.audience, click_id: click.id, channel: undefined };
    await recordConversion(
      { ...services, requestId: "seed" },
      { ...base, event_id: `demo-reg-${i + 1}`, event_type: "seller.registered", occurred_at: registeredAt },
    );
    if (random() < 0.45) {
      const approvedAt = new Date(Math.min(now, registeredAt.getTime() + Math.floor(random() * 96) * HOUR));
      await recordConversion(
        { ...services, requestId: "seed" },
        { ...base, event_id: `demo-approved-${i + 1}`, event_type: "shop.approved", occurred_at: approvedAt },
      );
    }
  }
}
