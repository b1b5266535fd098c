import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { type DbHandle, insertUser, newId } from "@shopreg/db";
import { createTestDb, type TestEngine } from "@shopreg/db/testing";
import type { MemberRole, StaffRole } from "@shopreg/domain";
import {
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PostgresQueryCompiler,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from "kysely";
import { Secret, TOTP } from "otpauth";
import { createApp } from "./app.ts";
import { hashPassword } from "./auth/secrets.ts";
import { SIGNATURE_HEADER, signConversion, TIMESTAMP_HEADER } from "./auth/signatures.ts";
import { type ApiConfig, testConfig } from "./config.ts";
import type { AppServices } from "./context.ts";
import { createJobQueue, type JobQueueOptions } from "./jobs/queue.ts";
import { startWorker, type Worker, type WorkerOptions } from "./jobs/worker.ts";
import { createLogger } from "./logger.ts";
import { answerRefusedRequests } from "./middleware/request-id.ts";

export type TestResponse<T = any> = { status: number; headers: Headers; body: T; setCookie: string | null };
export type RequestOptions = {
  method?: string;
  body?: unknown;
  /** Raw body text, sent as is (for malformed JSON tests). */
  rawBody?: string;
  cookie?: string | undefined;
  token?: string | undefined;
  headers?: Record<string, string>;
};

export type TestApi = {
  url: string;
  db: DbHandle["db"];
  handle: DbHandle;
  services: AppServices;
  request<T = any>(path: string, opts?: RequestOptions): Promise<TestResponse<T>>;
  /** Signs up a partner and returns its session cookie and ids. */
  signUp(
    input?: Partial<SignUp> & { verified?: boolean },
  ): Promise<{ cookie: string; partnerId: string; userId: string; email: string; body: any }>;
  /**
   * Creates a staff user of the role and returns its session cookie. An admin is enrolled in
   * two-factor through the API first (admins must have it), unless `twoFactor: false`.
   */
  staff(
    role: StaffRole,
    opts?: { twoFactor?: boolean },
  ): Promise<{ cookie: string; userId: string; email: string; totpSecret?: string }>;
  /**
   * Adds a member of the role to a partner's account (address confirmed) and signs them in, for
   * tests about what a role sees; joining by invitation is tested on its own (teams.db.test.ts).
   */
  member(partnerId: string, role: Exclude<MemberRole, "owner">): Promise<{ cookie: string; userId: string; email: string }>;
  /** Posts a conversion event signed as Seller Center signs it. */
  convert<T = any>(event: Record<string, unknown>): Promise<TestResponse<T>>;
  /** Starts the webhook and mail worker (tests that need deliveries start it explicitly). */
  startWorker(opts?: WorkerOptions): Promise<Worker>;
  close(): Promise<void>;
};

type SignUp = {
  company_name: string;
  registration_region: string;
  company_registration_region: string;
  contact_name: string;
  contact_email: string;
  password: string;
  apply_for_shop_registration?: boolean;
  locale?: "en" | "zh-CN";
};

export const TEST_PASSWORD = "correct-horse-battery";

/**
 * The code an authenticator app shows for the secret, `stepsAhead` 30-second steps from now. A code
 * is accepted once, so a test that signs in right after confirming uses the next step's code.
 */
export const totpCode = (secretBase32: string, stepsAhead = 0) =>
  new TOTP({ secret: Secret.fromBase32(secretBase32), period: 30 }).generate({ timestamp: Date.now() + stepsAhead * 30_000 });
let counter = 0;

/** A statement the API ran, as sent (SQL with $n placeholders, and their values). */
export type ObservedQuery = { sql: string; parameters: readonly unknown[] };

/** Hands every statement the API's Kysely runs to `see`, unchanged (the plan audit's capture). */
class QueryObserver implements KyselyPlugin {
  private compiler = new PostgresQueryCompiler();
  constructor(private see: (q: ObservedQuery) => void) {}
  transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
    const { sql, parameters } = this.compiler.compileQuery(node, queryId);
    this.see({ sql, parameters });
    return node;
  }
  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }
}

const cookieOf = (setCookie: string | null) => (setCookie ? setCookie.split(";")[0] : undefined);

/**
 * The API on a real HTTP server (127.0.0.1, a free port) over a fresh database of the engine.
 * Tests talk to it with fetch, exactly as clients do.
 */
export async function startTestApi(
  engine: TestEngine,
  overrides: Partial<ApiConfig> = {},
  queueOptions: JobQueueOptions = {},
  opts: { observeQueries?: (q: ObservedQuery) => void } = {},
): Promise<TestApi> {
  const handle = await createTestDb(engine);
  const jobs = await createJobQueue(handle, queueOptions);
  const workers: Worker[] = [];
  const config = testConfig({
    gatewayPublicUrl: "http://gateway.test",
    rateLimitPerMinute: 100_000,
    loginRateLimitPerMinute: 100_000,
    ...overrides,
  });
  const db = opts.observeQueries ? handle.db.withPlugin(new QueryObserver(opts.observeQueries)) : handle.db;
  const services: AppServices = { db, config, clock: () => new Date(), logger: createLogger("silent"), jobs };
  const app = createApp(services);
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  answerRefusedRequests(server);
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const passwordHash = await hashPassword(TEST_PASSWORD);

  const request = async <T>(path: string, opts: RequestOptions = {}): Promise<TestResponse<T>> => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.body !== undefined || opts.rawBody !== undefined) headers["content-type"] ??= "application/json";
    if (opts.cookie) headers.cookie = opts.cookie;
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const res = await fetch(url + path, {
      method: opts.method ?? (opts.body !== undefined || opts.rawBody !== undefined ? "POST" : "GET"),
      headers,
      body: opts.rawBody ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined),
    });
    const text = await res.text();
    let body: any = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (docs page)
    }
    return { status: res.status, headers: res.headers, body, setCookie: res.headers.get("set-cookie") };
  };

  return {
    url,
    db: handle.db,
    handle,
    services,
    request,
    async signUp(input = {}) {
      const n = ++counter;
      const { verified = true, ...fields } = input;
      const body: SignUp = {
        company_name: `Partner ${n}`,
        registration_region: "US",
        company_registration_region: "US",
        contact_name: `Contact ${n}`,
        contact_email: `partner${n}-${Math.random().toString(36).slice(2, 8)}@example.com`,
        password: TEST_PASSWORD,
        ...fields,
      };
      const res = await request<any>("/v1/partners", { body });
      if (res.status !== 202) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
      // Sign-up answers the same for every address and signs nobody in: the person signs in next.
      // Test partners are verified unless asked otherwise, as the demo's are (the mailed link is tested on its own).
      if (verified) {
        await handle.db
          .updateTable("users")
          .set({ email_verified_at: new Date() })
          .where("email", "=", body.contact_email.toLowerCase())
          .execute();
      }
      const login = await request<any>("/v1/session", { body: { email: body.contact_email, password: body.password } });
      if (login.status !== 200) throw new Error(`sign-in after sign-up failed: ${login.status} ${JSON.stringify(login.body)}`);
      const cookie = cookieOf(login.setCookie)!;
      const draft = input.apply_for_shop_registration
        ? (await request<any>("/v1/applications", { cookie })).body.data.find((a: { status: string }) => a.status === "DRAFT")
        : undefined;
      return {
        cookie,
        partnerId: login.body.partner.id,
        userId: login.body.user.id,
        email: body.contact_email,
        body: { ...login.body, application_id: draft?.id ?? null },
      };
    },
    async staff(role, opts = {}) {
      const email = `${role}${++counter}-${Math.random().toString(36).slice(2, 8)}@tiktok.test`;
      const user = await insertUser(handle.db, {
        id: newId(),
        partner_id: null,
        email,
        name: `Test ${role}`,
        role,
        password_hash: passwordHash,
        created_at: new Date(),
      });
      const res = await request("/v1/staff/session", { body: { email, password: TEST_PASSWORD } });
      if (res.status !== 200) throw new Error(`staff login failed: ${res.status} ${JSON.stringify(res.body)}`);
      const cookie = cookieOf(res.setCookie)!;
      if (role !== "admin" || opts.twoFactor === false) return { cookie, userId: user.id, email };
      const start = await request<any>("/v1/staff/me/two-factor", { method: "POST", cookie });
      const confirm = await request("/v1/staff/me/two-factor/confirm", {
        cookie,
        body: { code: totpCode(start.body.secret), password: TEST_PASSWORD },
      });
      if (confirm.status !== 200)
        throw new Error(`two-factor enrolment failed: ${confirm.status} ${JSON.stringify(confirm.body)}`);
      return { cookie, userId: user.id, email, totpSecret: start.body.secret as string };
    },
    async member(partnerId, role) {
      const email = `${role}${++counter}-${Math.random().toString(36).slice(2, 8)}@example.com`;
      const user = await insertUser(handle.db, {
        id: newId(),
        partner_id: partnerId,
        email,
        name: `Test ${role}`,
        role: "partner",
        member_role: role,
        password_hash: passwordHash,
        email_verified_at: new Date(),
        created_at: new Date(),
      });
      const res = await request<any>("/v1/session", { body: { email, password: TEST_PASSWORD } });
      if (res.status !== 200) throw new Error(`member login failed: ${res.status} ${JSON.stringify(res.body)}`);
      return { cookie: cookieOf(res.setCookie)!, userId: user.id, email };
    },
    convert(event) {
      const raw = JSON.stringify(event);
      const ts = Math.floor(Date.now() / 1000);
      return request("/v1/conversions", {
        method: "POST",
        rawBody: raw,
        headers: { [TIMESTAMP_HEADER]: String(ts), [SIGNATURE_HEADER]: signConversion(config.conversionsSecret, ts, raw) },
      });
    },
    async startWorker(opts) {
      const w = await startWorker(services, opts);
      workers.push(w);
      return w;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const w of workers) await w.stop();
      await jobs.stop();
      await handle.close();
    },
  };
}

/** Complete details for each entity type, for tests that need a submittable application. */
export const COMPLETE_DETAILS = {
  US: {
    legal_company_name: "Test Co LLC",
    website: "https://test.example.com",
    business_contact_name: "Pat Doe",
    business_contact_email: "pat@test.example.com",
    business_contact_phone: "+1 212 555 0100",
    company_description: "We onboard sellers to TikTok Shop and run their stores.",
    sellers_served_last_12_months: 12,
    main_product_categories: ["fashion_apparel"],
  },
  NON_US: {
    legal_company_name: "Global Test Ltd",
    website: "https://global.example.com",
    business_contact_name: "Li Hua",
    business_contact_email: "li@global.example.com",
    business_contact_phone: "+86 10 5555 0100",
    company_description: "Cross-border agency for U.S. TikTok Shop sellers.",
    sellers_served_last_12_months: 30,
    main_product_categories: ["electronics"],
    company_registration_number: "REG-123456",
    registered_address: "1 Test Road, Beijing",
    registered_country: "CN",
    legal_representative: "Wang Fang",
    business_license: "doc_license_001",
    us_operating_experience: "Two years selling on U.S. marketplaces.",
  },
} as const;
export { signConversion } from "./auth/signatures.ts";
