import type { DbHandle } from "@shopreg/db";
import { newId } from "@shopreg/db";
import { type Audience, mintLinkToken } from "@shopreg/domain";
import { type GatewayConfig, loadGatewayConfig } from "../src/config.ts";

/** A partner with one service (On or Off) and its two links, written straight to the database. */
export async function seedService(db: DbHandle["db"], status: "ON" | "OFF" = "ON") {
  const now = new Date();
  const partnerId = newId();
  const serviceId = newId();
  await db
    .insertInto("partners")
    .values({
      id: partnerId,
      company_name: "Gateway Test Co",
      entity_type: "US",
      registration_region: "US",
      company_registration_region: "US",
      contact_name: "Pat",
      contact_email: `pat-${partnerId}@example.com`,
      contact_phone: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto("services")
    .values({
      id: serviceId,
      partner_id: partnerId,
      type: "CUSTOM",
      category_id: "shop_registration",
      target_market: "US",
      name: "Launch",
      description: "We register shops.",
      contact_email: "ops@example.com",
      status,
      first_published_at: now,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const links = {} as Record<Audience, { id: string; token: string }>;
  for (const audience of ["LOCAL_SELLER", "CROSS_BORDER_SELLER"] as const) {
    const link = { id: newId(), token: mintLinkToken() };
    await db
      .insertInto("referral_links")
      .values({ ...link, service_id: serviceId, partner_id: partnerId, audience, target_market: "US", created_at: now })
      .execute();
    links[audience] = link;
  }
  return { partnerId, serviceId, links };
}

/** Test configuration: a spill file of the test's own, small batches, and the settings under test. */
export function testGatewayConfig(spillFile: string, env: Record<string, string> = {}): GatewayConfig {
  return loadGatewayConfig(
    {
      GATEWAY_VISITOR_HASH_SECRET: "test-secret-0123456789",
      GATEWAY_COUNTRY_HEADER: "x-test-country",
      GATEWAY_CLIENT_IP_HEADER: "x-test-client-ip",
      GATEWAY_CLICK_FLUSH_MS: "50",
      ...env,
    },
    { publicUrl: "http://gateway.test", spillFile },
  );
}

export const CHROME_UA =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
export const IPHONE_UA =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

/** GET without following redirects (what a browser sees first). */
export const get = (url: string, headers: Record<string, string> = {}, method = "GET") =>
  fetch(url, { method, headers, redirect: "manual" });

export async function until<T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
