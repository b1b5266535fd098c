import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { mintLinkToken } from "@shopreg/domain";
import postgres from "postgres";
import { createDb, type DbHandle, migrateToLatest } from "./create-db.ts";
import { citusNodesFromEnv, createCitusDatabase, distribute, dropCitusDatabase } from "./distribute.ts";
import { newId } from "./ids.ts";
import type { ClickToRecord } from "./repositories/clicks.ts";
import { insertPartner } from "./repositories/partners.ts";
import { insertLinksIfAbsent } from "./repositories/referral-links.ts";
import { insertService } from "./repositories/services.ts";
import type { Executor, ReferralLink } from "./schema.ts";

export type TestEngine = "pglite" | "postgres" | "citus";

/**
 * The engines every database test runs on: PGlite always, the PostgreSQL server named by
 * TEST_DATABASE_URL when it is set (CI sets it), and a Citus cluster when scripts/with-citus.sh
 * started one (CITUS_WORKER_URLS: TEST_DATABASE_URL is then its coordinator, so "postgres" is left
 * out). Use with describe.each(testEngines()).
 * A suite with no engine left (TEST_ENGINES filters) runs nothing, so keep engine-free tests in other files.
 */
export function testEngines(): { engine: TestEngine }[] {
  const engines: { engine: TestEngine }[] = [{ engine: "pglite" }];
  if (citusNodesFromEnv()) engines.push({ engine: "citus" });
  else if (process.env.TEST_DATABASE_URL) engines.push({ engine: "postgres" });
  // TEST_ENGINES=postgres lets CI run the server pass without repeating the PGlite one.
  const only = process.env.TEST_ENGINES?.split(",").map((s) => s.trim());
  return only ? engines.filter((e) => only.includes(e.engine)) : engines;
}

/** Shards per distributed table in test databases: few, so a copy is quick; still several per worker. */
export const TEST_SHARD_COUNT = 4;

/**
 * Set by the global setup (./testing-setup.ts) for the test processes: a migrated PGlite data dir
 * dumped to a file, and a migrated PostgreSQL database to copy. Without them, each test database
 * is migrated from scratch.
 */
export const TEMPLATE_ENV = {
  pglite: "SHOPREG_TEST_PGLITE_TEMPLATE",
  postgres: "SHOPREG_TEST_PG_TEMPLATE",
  citus: "SHOPREG_TEST_CITUS_TEMPLATE",
} as const;

let pgliteTemplate: Promise<Blob> | undefined;

/**
 * A fresh, migrated, empty database on the engine: memory PGlite, a new database on the test
 * server, or a new distributed database on every node of the Citus cluster.
 */
export async function createTestDb(engine: TestEngine): Promise<DbHandle> {
  if (engine === "citus") return createCitusTestDb();
  if (engine === "pglite") {
    const file = process.env[TEMPLATE_ENV.pglite];
    if (file) pgliteTemplate ??= readFile(file).then((bytes) => new Blob([bytes]));
    // Starting from the dumped template skips PGlite's initdb, most of a cold start's CPU.
    const handle = await createDb({ dataDir: "memory://", loadDataDir: file ? await pgliteTemplate : undefined });
    await migrateToLatest(handle.db); // a no-op on the template; it still proves the schema is current
    return handle;
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `shopreg_test_${randomBytes(6).toString("hex")}`;
  const template = process.env[TEMPLATE_ENV.postgres];
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await createDb({ databaseUrl: url.toString(), maxConnections: 8 });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const drop = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await drop.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await drop.end();
    },
  };
}

async function createCitusTestDb(): Promise<DbHandle> {
  const nodes = citusNodesFromEnv();
  if (!nodes) throw new Error("no Citus cluster: run under scripts/with-citus.sh (CITUS_WORKER_URLS)");
  const name = `shopreg_test_${randomBytes(6).toString("hex")}`;
  const template = process.env[TEMPLATE_ENV.citus];
  const url = await createCitusDatabase(nodes, name, template);
  const handle = await createDb({ databaseUrl: url, maxConnections: 8 });
  await migrateToLatest(handle.db); // a no-op on the template's copy
  // Idempotent on the copy: applies the database's settings, which a template copy does not carry.
  await distribute(handle.db as never, { shardCount: TEST_SHARD_COUNT });
  await handle.close();
  const distributed = await createDb({ databaseUrl: url, maxConnections: 8 });
  return {
    ...distributed,
    close: async () => {
      await distributed.close();
      await dropCitusDatabase(nodes, name);
    },
  };
}

/**
 * For a suite that fills a Citus cluster of its own (scripts/with-citus.sh) and distributes it
 * itself: a database of its own name, made and migrated by open(), dropped by close() on every node,
 * and on `extraWorkers` too (a worker the suite added). Undefined outside with-citus.sh.
 */
export function ownCitusDatabase(prefix: string) {
  const nodes = citusNodesFromEnv();
  if (!nodes) return undefined;
  const name = `${prefix}_${randomBytes(5).toString("hex")}`;
  let h: DbHandle | undefined;
  return {
    name,
    nodes,
    async open() {
      h = await createDb({ databaseUrl: await createCitusDatabase(nodes, name), maxConnections: 4 });
      await migrateToLatest(h.db);
      return h;
    },
    async close(extraWorkers: string[] = []) {
      await h?.close();
      await dropCitusDatabase({ coordinator: nodes.coordinator, workers: [...nodes.workers, ...extraWorkers] }, name);
    },
  };
}

/**
 * A U.S. partner with a published (ON) Shop registration service and its local-seller link, written
 * straight to the tables: the fixture of the suites that fill a cluster with traffic (distribute,
 * rebalance), which run below the API.
 */
export async function insertPublishedPartner(
  db: Executor,
  who: { company_name: string; contact_email: string },
  now = new Date(),
): Promise<{ partnerId: string; serviceId: string; link: ReferralLink }> {
  const partner = await insertPartner(db, {
    id: newId(),
    ...who,
    entity_type: "US",
    registration_region: "US",
    company_registration_region: "US",
    contact_name: "Pat",
    contact_phone: null,
    created_at: now,
    updated_at: now,
  });
  const service = await insertService(db, {
    id: newId(),
    partner_id: partner.id,
    type: "CUSTOM",
    category_id: "shop_registration",
    target_market: "US",
    name: "Launch",
    description: "We register shops.",
    contact_email: "ops@example.com",
    status: "ON",
    first_published_at: now,
    created_at: now,
    updated_at: now,
  });
  await insertLinksIfAbsent(db, [
    {
      id: newId(),
      service_id: service.id,
      partner_id: partner.id,
      audience: "LOCAL_SELLER",
      target_market: "US",
      token: mintLinkToken(),
      created_at: now,
    },
  ]);
  const link = await db.selectFrom("referral_links").selectAll().where("service_id", "=", service.id).executeTakeFirstOrThrow();
  return { partnerId: partner.id, serviceId: service.id, link };
}

/** `n` clicks on a link, `stepMs` apart from `from`; `vary` gives click i its visitor, country, bot flag, campaign and so on. */
export const clicksOnLink = (
  link: Pick<ReferralLink, "id" | "service_id" | "partner_id" | "audience">,
  n: number,
  from: number,
  stepMs: number,
  vary: (i: number) => Partial<ClickToRecord>,
): ClickToRecord[] =>
  Array.from({ length: n }, (_, i) => ({
    id: newId(),
    link_id: link.id,
    service_id: link.service_id,
    partner_id: link.partner_id,
    audience: link.audience,
    clicked_at: new Date(from + i * stepMs),
    visitor_hash: `v${i}`,
    country: null,
    device: null,
    browser: null,
    os: null,
    referrer_host: null,
    is_bot: false,
    link_active: true,
    ...vary(i),
  }));
