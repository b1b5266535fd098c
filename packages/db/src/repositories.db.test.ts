import { decodeCursor } from "@shopreg/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "./create-db.ts";
import { newId } from "./ids.ts";
import {
  claimIdempotencyKey,
  findIdempotencyRecord,
  findLinkByToken,
  insertApplication,
  insertLinksIfAbsent,
  insertPartner,
  insertService,
  listApplicationQueue,
  listLinksOfService,
  listPartners,
  updateApplication,
} from "./index.ts";
import { createTestDb, testEngines } from "./testing.ts";

describe.each(testEngines())("repositories on $engine", ({ engine }) => {
  let h: DbHandle;
  const now = new Date("2026-11-01T00:00:00Z");
  beforeAll(async () => {
    h = await createTestDb(engine);
  });
  afterAll(async () => {
    await h?.close();
  });

  const partner = (name: string, entity: "US" | "NON_US" = "US") =>
    insertPartner(h.db, {
      id: newId(),
      company_name: name,
      entity_type: entity,
      registration_region: entity === "US" ? "US" : "CN",
      company_registration_region: entity === "US" ? "US" : "CN",
      contact_name: "C",
      contact_email: `${name.toLowerCase().replace(/\W/g, "")}@example.com`,
      contact_phone: null,
      created_at: now,
      updated_at: now,
    });

  it("pages partners by id with a stable cursor and no overlap", async () => {
    for (let i = 0; i < 5; i++) await partner(`Pager ${i}`);
    const first = await listPartners(h.db, { limit: 2, q: "Pager" });
    expect(first.data.map((p) => p.company_name)).toEqual(["Pager 4", "Pager 3"]);
    const second = await listPartners(h.db, { limit: 2, q: "Pager", cursor: decodeCursor(first.next_cursor!) });
    expect(second.data.map((p) => p.company_name)).toEqual(["Pager 2", "Pager 1"]);
    const third = await listPartners(h.db, { limit: 2, q: "Pager", cursor: decodeCursor(second.next_cursor!) });
    expect(third.data.map((p) => p.company_name)).toEqual(["Pager 0"]);
    expect(third.next_cursor).toBeNull();
  });

  it("refuses a second live application for one partner, category and market", async () => {
    const p = await partner("Live Co");
    const row = {
      partner_id: p.id,
      category_id: "shop_registration",
      target_market: "US",
      form_version: 1,
      details: {},
      created_at: now,
    };
    await insertApplication(h.db, { ...row, id: newId(), status: "DRAFT" });
    await expect(insertApplication(h.db, { ...row, id: newId(), status: "DRAFT" })).rejects.toThrow();
    // A withdrawn one no longer counts.
    const again = await insertApplication(h.db, { ...row, id: newId(), status: "WITHDRAWN", target_market: "US" }).catch(
      (e) => e,
    );
    expect(again).not.toBeInstanceOf(Error);
  });

  it("keeps jsonb details as objects and orders the review queue by submission", async () => {
    const p = await partner("Queue Co", "NON_US");
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const a = await insertApplication(h.db, {
        id: newId(),
        partner_id: p.id,
        category_id: `cat_${i}`,
        target_market: "US",
        form_version: 1,
        details: { legal_company_name: `Q${i}`, main_product_categories: ["health"] },
        status: "DRAFT",
        created_at: now,
      });
      expect(a.details).toEqual({ legal_company_name: `Q${i}`, main_product_categories: ["health"] });
      await updateApplication(h.db, a.id, {
        status: "REVIEWING",
        submitted_at: new Date(now.getTime() + (3 - i) * 1000),
        updated_at: now,
      });
      ids.push(a.id);
    }
    const page1 = await listApplicationQueue(h.db, {
      limit: 2,
      partnerName: "queue",
      entityType: "NON_US",
      status: ["REVIEWING"],
    });
    expect(page1.data.map((a) => a.id)).toEqual([ids[2], ids[1]]);
    expect(page1.data[0]?.partner_company_name).toBe("Queue Co");
    const page2 = await listApplicationQueue(h.db, { limit: 2, partnerName: "queue", cursor: decodeCursor(page1.next_cursor!) });
    expect(page2.data.map((a) => a.id)).toEqual([ids[0]]);
  });

  it("mints each audience's link once even when two publishers race", async () => {
    const p = await partner("Link Co");
    const s = await insertService(h.db, {
      id: newId(),
      partner_id: p.id,
      type: "CUSTOM",
      category_id: "shop_registration",
      target_market: "US",
      name: "S",
      description: "d",
      contact_email: "s@example.com",
      status: "ON",
      first_published_at: now,
      created_at: now,
      updated_at: now,
    });
    const batch = (tag: string) =>
      (["LOCAL_SELLER", "CROSS_BORDER_SELLER"] as const).map((audience) => ({
        id: newId(),
        service_id: s.id,
        partner_id: p.id,
        audience,
        target_market: "US",
        token: `${tag}${audience}`.slice(0, 30),
        created_at: now,
      }));
    await Promise.all([insertLinksIfAbsent(h.db, batch("aaaa")), insertLinksIfAbsent(h.db, batch("bbbb"))]);
    const links = await listLinksOfService(h.db, s.id);
    expect(links.map((l) => l.audience)).toEqual(["LOCAL_SELLER", "CROSS_BORDER_SELLER"]);
    const found = await findLinkByToken(h.db, links[0]!.token);
    expect(found?.service_status).toBe("ON");
  });

  it("claims an idempotency key once", async () => {
    const row = { principal: "p1", key: "k1", method: "POST", path: "/v1/x", request_hash: "h", created_at: now };
    expect(await claimIdempotencyKey(h.db, row)).toBe(true);
    expect(await claimIdempotencyKey(h.db, row)).toBe(false);
    expect((await findIdempotencyRecord(h.db, "p1", "k1"))?.status_code).toBeNull();
  });

  it("routes clicks into the partitioned table", async () => {
    await h.db
      .insertInto("clicks")
      .values({
        id: newId(),
        link_id: newId(),
        service_id: newId(),
        partner_id: newId(),
        audience: "LOCAL_SELLER",
        clicked_at: now,
        visitor_hash: "v",
        country: null,
        device: null,
        browser: null,
        os: null,
        referrer_host: null,
        is_bot: false,
        link_active: true,
        is_unique: true,
      })
      .execute();
    const { n } = await h.db
      .selectFrom("clicks")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(1);
  });
});
