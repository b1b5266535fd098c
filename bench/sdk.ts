/**
 * pnpm bench:sdk — creates and publishes BENCH_SDK_SERVICES (1,000) services through @shopreg/sdk
 * against the API running in its own process on a real PostgreSQL server, and prints
 * `sdk: services_per_s=<n> p95_ms=<publish p95>`. Target: publish p95 <= 50 ms on a 2-core machine.
 *
 * Run through scripts/with-postgres.sh (the root script does), which provides a throwaway server
 * as TEST_DATABASE_URL; or set BENCH_DATABASE_URL to an empty database of your own.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { hashPassword } from "../apps/api/src/auth/secrets.ts";
import { createDb, insertUser, newId } from "../packages/db/src/index.ts";
import { Shopreg } from "../packages/sdk/src/index.ts";

const TOTAL = Number(process.env.BENCH_SDK_SERVICES ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_SDK_CONCURRENCY ?? 1);
const WARMUP = 20;
const databaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!databaseUrl) {
  console.error("bench:sdk needs PostgreSQL: run it as `pnpm bench:sdk` (scripts/with-postgres.sh), or set BENCH_DATABASE_URL.");
  process.exit(1);
}
const root = fileURLToPath(new URL("..", import.meta.url));

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });

/** The API as it runs in production: its own process, migrated (never seeded), on PostgreSQL. */
async function startApi(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "apps/api/src/server.ts"], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      RATE_LIMIT_PER_MINUTE: "1000000",
      CONVERSIONS_SECRET: "bench-conversions-secret-0123456789abcdef",
      WEBHOOK_SECRET_KEY: "ab".repeat(32),
      TWO_FACTOR_KEY: "cd".repeat(32),
      INCENTIVE_SIGNING_KEY: "ef".repeat(32),
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, child };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the API did not become healthy in 30 s");
}

async function post(url: string, path: string, body: unknown, cookie?: string) {
  const res = await fetch(url + path, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return { body: (await res.json()) as any, cookie: (res.headers.get("set-cookie") ?? "").split(";")[0]! };
}

const REVIEWER = { email: `bench-reviewer-${Date.now()}@tiktok.test`, password: "bench-reviewer-password-2026" };

/** A reviewer to approve with (a production start has no demo accounts). */
async function createReviewer() {
  const handle = await createDb({ databaseUrl, maxConnections: 1 });
  await insertUser(handle.db, {
    id: newId(),
    partner_id: null,
    email: REVIEWER.email,
    name: "Bench reviewer",
    role: "reviewer",
    password_hash: await hashPassword(REVIEWER.password),
    created_at: new Date(),
  });
  await handle.close();
}

/** A new partner, approved by a reviewer, with an API key: the state a TSP tool starts from. */
async function approvedKey(url: string): Promise<string> {
  const partner = { email: `bench-${Date.now()}@example.com`, password: "bench-password-2026" };
  await post(url, "/v1/partners", {
    company_name: "Bench Partner",
    registration_region: "US",
    company_registration_region: "US",
    contact_name: "Bench",
    contact_email: partner.email,
    password: partner.password,
  });
  // Sign-up signs nobody in and mails a confirmation link; the bench confirms the address in the database.
  const handle = await createDb({ databaseUrl, maxConnections: 1 });
  await handle.db.updateTable("users").set({ email_verified_at: new Date() }).where("email", "=", partner.email).execute();
  await handle.close();
  const signUp = await post(url, "/v1/session", partner);
  const app = await post(
    url,
    "/v1/applications",
    {
      category_id: "shop_registration",
      target_market: "US",
      details: {
        legal_company_name: "Bench Co LLC",
        website: "https://bench.example.com",
        business_contact_name: "Pat Doe",
        business_contact_email: "pat@bench.example.com",
        business_contact_phone: "+1 212 555 0100",
        company_description: "We onboard sellers to TikTok Shop.",
        sellers_served_last_12_months: 12,
        main_product_categories: ["fashion_apparel"],
      },
    },
    signUp.cookie,
  );
  await post(url, `/v1/applications/${app.body.id}/submit`, {}, signUp.cookie);
  const reviewer = await post(url, "/v1/staff/session", REVIEWER);
  await post(url, `/v1/staff/applications/${app.body.id}/approve`, {}, reviewer.cookie);
  const key = await post(url, "/v1/api-keys", { name: "bench" }, signUp.cookie);
  return key.body.secret;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

const { url, child } = await startApi();
await createReviewer();
try {
  const sdk = new Shopreg({ apiKey: await approvedKey(url), baseUrl: url, maxRetries: 0 });
  const createMs: number[] = [];
  const publishMs: number[] = [];

  const one = async (i: number, record: boolean) => {
    let t = performance.now();
    const draft = await sdk.services.create({
      type: "CUSTOM",
      category_id: "shop_registration",
      target_market: "US",
      name: `Bench campaign ${i}`,
      description: "A campaign created by bench/sdk.ts.",
      contact_email: "bench@example.com",
    });
    const created = performance.now() - t;
    t = performance.now();
    const live = await sdk.services.publish(draft.id, { confirm_target_market: "US" });
    const published = performance.now() - t;
    if (live.referral_links.length !== 2) throw new Error(`service ${live.id} has ${live.referral_links.length} links`);
    if (record) {
      createMs.push(created);
      publishMs.push(published);
    }
  };

  for (let i = 0; i < WARMUP; i++) await one(-i - 1, false);

  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < TOTAL) await one(next++, true);
    }),
  );
  const seconds = (performance.now() - started) / 1000;

  createMs.sort((a, b) => a - b);
  publishMs.sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(1);
  console.log(
    `sdk: ${TOTAL} services created and published, concurrency ${CONCURRENCY}, ${f(seconds)} s; ` +
      `publish p50=${f(percentile(publishMs, 50))} p99=${f(percentile(publishMs, 99))} ms; ` +
      `create p50=${f(percentile(createMs, 50))} p95=${f(percentile(createMs, 95))} ms`,
  );
  console.log(`sdk: services_per_s=${f(TOTAL / seconds)} p95_ms=${f(percentile(publishMs, 95))}`);
} finally {
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
}
