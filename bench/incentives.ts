/**
 * pnpm bench:incentives: one partner with 100,000 attributed sellers (BENCH_SELLERS to change it)
 * and their lifecycle events (first orders, cumulative GMV reports, governance flags, in no
 * particular order) on a real PostgreSQL; then a program over them: the full computation of the
 * partner's statement (what creating a program or a new version does), the read of a statement
 * page as the partner's API call makes it (p95 over random pages), and one incremental event
 * (an event touches only its seller's line). Run through scripts/with-postgres.sh.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createDb, insertLinksIfAbsent, insertPartner, insertService, migrateToLatest, newId } from "@shopreg/db";
import { decodeCursor, mintLinkToken } from "@shopreg/domain";
import postgres from "postgres";
import { testConfig } from "../apps/api/src/config.ts";
import type { PartnerPrincipal, StaffPrincipal, UseCaseContext } from "../apps/api/src/context.ts";
import { createLogger } from "../apps/api/src/logger.ts";
import { createProgram, partnerStatement, recordSellerEvent } from "../apps/api/src/usecases/incentives.ts";

const adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "";
if (!adminUrl) {
  console.error("bench:incentives needs a PostgreSQL server: run it through scripts/with-postgres.sh or set TEST_DATABASE_URL.");
  process.exit(1);
}
const SELLERS = Number(process.env.BENCH_SELLERS ?? 100_000);
const READS = Number(process.env.BENCH_READS ?? 200);
const PAGE = 100;
const DAY = 86_400_000;
const now = Date.now();
const cpu = readFileSync("/proc/cpuinfo", "utf8").match(/model name\s*:\s*(.*)/)?.[1] ?? "unknown";
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)] as number;

async function main() {
  const dbName = `shopreg_bench_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const handle = await createDb({ databaseUrl: url.toString(), maxConnections: 8 });
  try {
    await migrateToLatest(handle.db);
    const db = handle.db;
    const at = new Date();
    const partner = await insertPartner(db, {
      id: newId(),
      company_name: "Bench partner",
      entity_type: "US",
      registration_region: "US",
      company_registration_region: "US",
      contact_name: "Bench",
      contact_email: "bench@example.com",
      contact_phone: null,
      created_at: at,
      updated_at: at,
    });
    const service = await insertService(db, {
      id: newId(),
      partner_id: partner.id,
      type: "CUSTOM",
      category_id: "shop_registration",
      target_market: "US",
      name: "Bench service",
      description: "bench",
      contact_email: "bench@example.com",
      status: "ON",
      first_published_at: at,
      created_at: at,
      updated_at: at,
    });
    const linkId = newId();
    await insertLinksIfAbsent(db, [
      {
        id: linkId,
        service_id: service.id,
        partner_id: partner.id,
        audience: "LOCAL_SELLER",
        target_market: "US",
        token: mintLinkToken(),
        created_at: at,
      },
    ]);

    // Sellers registered over the last 20 days; ~2.4 lifecycle events each.
    const t0 = performance.now();
    let events = 0;
    for (let i = 0; i < SELLERS; i += 1000) {
      const regs = [];
      const evs: Record<string, unknown>[] = [];
      for (let j = i; j < Math.min(SELLERS, i + 1000); j++) {
        const registered = new Date(now - Math.random() * 20 * DAY);
        const regId = newId();
        regs.push({
          id: regId,
          event_id: `bench-reg-${j}`,
          event_type: "seller.registered" as const,
          seller_id: `seller-${j}`,
          seller_type: j % 50 === 0 ? "CROSS_BORDER_SELLER" : "LOCAL_SELLER",
          click_id: null,
          channel: null,
          partner_id: partner.id,
          service_id: service.id,
          link_id: linkId,
          attributed_click_id: null,
          occurred_at: registered,
          received_at: registered,
          wrong_link: j % 50 === 0,
        });
        const ev = (type: "seller.first_order" | "seller.gmv" | "seller.governance_flag", extra: object) =>
          evs.push({
            partner_id: partner.id,
            event_id: `bench-${type}-${j}-${evs.length}`,
            event_type: type,
            seller_id: `seller-${j}`,
            registration_id: regId,
            occurred_at: new Date(registered.getTime() + Math.random() * 25 * DAY),
            received_at: at,
            amount_minor: null,
            currency: null,
            risk: null,
            ...extra,
          });
        if (Math.random() < 0.7) ev("seller.first_order", {});
        for (let k = 0; k < 2; k++)
          if (Math.random() < 0.6) ev("seller.gmv", { amount_minor: Math.floor(Math.random() * 300_000), currency: "CNY" });
        if (Math.random() < 0.1) ev("seller.governance_flag", { risk: ["low", "medium", "high", "cleared"][j % 4] });
      }
      await db.insertInto("conversions").values(regs).execute();
      await db
        .insertInto("seller_events")
        .values(evs as never)
        .execute();
      events += evs.length;
    }
    const pg = postgres(url.toString(), { max: 1, onnotice: () => {} });
    await pg`VACUUM ANALYZE`;
    await pg.end();
    console.log(`loaded ${SELLERS} sellers and ${events} events in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const services = {
      db,
      config: testConfig(),
      clock: () => new Date(),
      logger: createLogger("silent"),
      jobs: undefined as never,
    };
    const staff: StaffPrincipal = {
      kind: "staff",
      userId: newId(),
      role: "admin",
      email: "bench@tiktok.test",
      name: "Bench",
      sessionId: newId(),
    };
    const t1 = performance.now();
    const program = await createProgram({ ...services, principal: staff, requestId: "bench" } as UseCaseContext<StaffPrincipal>, {
      name: "Bench program",
      name_zh: "基准计划",
      rules: {
        period_start: new Date(now - 30 * DAY).toISOString(),
        period_end: new Date(now + DAY).toISOString(),
        grace_days: 30,
        markets: ["US"],
        seller_types: ["LOCAL_SELLER", "CROSS_BORDER_SELLER"],
        participation: { kind: "partners", partner_ids: [partner.id] },
        onboarded_within_period: true,
        first_order_within_days: 30,
        gmv: { min_minor: 100_000, currency: "CNY", within_days: 30 },
        target_seller_ids: null,
        reward: { amount_minor: 200_000, currency: "CNY" },
        cap_per_partner_minor: 5_000_000_000,
        risk_reductions: { low: 0, medium: 50, high: 100 },
        exclusions: { wrong_link: true, bot_click: true, duplicate_seller: true },
      },
    });
    const computeS = (performance.now() - t1) / 1000;

    const ctx = {
      ...services,
      requestId: "bench",
      principal: {
        kind: "api_key",
        keyId: newId(),
        partnerId: partner.id,
        prefix: "bench",
        scopes: ["incentives:read"],
        makerId: newId(),
        makerRole: "owner",
      },
    } as UseCaseContext<PartnerPrincipal>;
    // Walk every page once (collecting cursors), then read random pages as the partner would.
    const cursors: (string | undefined)[] = [undefined];
    let first = await partnerStatement(ctx, program.id, { limit: PAGE });
    const totals = first.totals;
    while (first.next_cursor) {
      cursors.push(first.next_cursor);
      first = await partnerStatement(ctx, program.id, { limit: PAGE, cursor: decodeCursor(first.next_cursor) });
    }
    const reads: number[] = [];
    for (let i = 0; i < READS; i++) {
      const c = cursors[Math.floor(Math.random() * cursors.length)];
      const t = performance.now();
      await partnerStatement(ctx, program.id, { limit: PAGE, cursor: c ? decodeCursor(c) : undefined });
      reads.push(performance.now() - t);
    }

    // One late event: only its seller's line is recomputed.
    const incremental: number[] = [];
    const signedServices = { ...services, requestId: "bench" };
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      await recordSellerEvent(signedServices, {
        event_id: `bench-late-${i}`,
        event_type: "seller.gmv",
        occurred_at: new Date(),
        seller_id: `seller-${Math.floor(Math.random() * SELLERS)}`,
        gmv: { amount_minor: 250_000, currency: "CNY" },
      });
      incremental.push(performance.now() - t);
    }
    console.log(
      `statement: ${totals.eligible} eligible, ${totals.pending} pending, ${totals.excluded} excluded; ${cursors.length} pages of ${PAGE}; ` +
        `one late event recomputes one line in p95 ${p95(incremental).toFixed(1)} ms`,
    );
    console.log(`cpu: ${cpu}`);
    console.log(
      `incentives: sellers=${SELLERS} compute_s=${computeS.toFixed(2)} statement_p95_ms=${p95(reads).toFixed(1)} event_p95_ms=${p95(incremental).toFixed(1)}`,
    );
  } finally {
    await handle.close();
    await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
}

await main();
