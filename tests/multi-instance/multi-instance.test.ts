/**
 * Issue 16, item 2: a deployment of two API processes (apps/api/src/server.ts) and three gateway
 * processes (apps/gateway/src/server.ts), each a real child process, on one PostgreSQL server.
 * Run with `pnpm test:multi` (CI: through scripts/with-postgres.sh); not part of `pnpm test`.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb, type DbHandle, insertUser, newId } from "@shopreg/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../apps/api/src/auth/secrets.ts";
import { COMPLETE_DETAILS } from "../../apps/api/src/testing.ts";
import type { PgServer } from "../../apps/gateway/test/pg-server.ts";
import { type Child, exited, freePort, sharedPostgres, startChild, startReceiver, until, waitFor } from "./processes.ts";

const RATE_LIMIT = 50;
const PASSWORD = "correct-horse-battery";
const CHROME_UA =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";

let pg: PgServer;
let handle: DbHandle;
let dir: string;
const apis: Child[] = [];
const gateways: Child[] = [];
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let reviewerCookie: string;
/** Figures printed at the end, for the report. */
const figures: string[] = [];

// biome-ignore lint/suspicious/noExplicitAny: each route answers its own shape
type Res = { status: number; body: any; setCookie: string | null };
async function call(api: Child, path: string, opts: { body?: unknown; cookie?: string; method?: string } = {}): Promise<Res> {
  const res = await fetch(api.url + path, {
    method: opts.method ?? (opts.body !== undefined ? "POST" : "GET"),
    headers: {
      ...(opts.body !== undefined ? { "content-type": "application/json" } : {}),
      ...(opts.cookie ? { cookie: opts.cookie } : {}),
    },
    body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, setCookie: res.headers.get("set-cookie") };
}
const ok = (res: Res, status = 200) => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
};
const cookieOf = (res: Res) => (res.setCookie ?? "").split(";")[0]!;

let partners = 0;
async function signUp(api: Child) {
  const n = ++partners;
  const email = `multi${n}-${randomBytes(4).toString("hex")}@example.com`;
  const res = await call(api, "/v1/partners", {
    body: {
      company_name: `Multi ${n}`,
      registration_region: "US",
      company_registration_region: "US",
      contact_name: `Contact ${n}`,
      contact_email: email,
      password: PASSWORD,
    },
  });
  ok(res, 202);
  // Sign-up signs nobody in, and submitting needs a confirmed address: confirmed here as if from the mail.
  await handle.db.updateTable("users").set({ email_verified_at: new Date() }).where("email", "=", email).execute();
  const session = await call(api, "/v1/session", { body: { email, password: PASSWORD } });
  const body = ok(session, 200);
  return { cookie: cookieOf(session), partnerId: body.partner.id as string };
}

/** A partner with an approved application and a published service (both links), over the given processes. */
async function partnerWithLinks(viaPartner: Child, viaReviewer: Child) {
  const partner = await signUp(viaPartner);
  const app = ok(
    await call(viaPartner, "/v1/applications", {
      cookie: partner.cookie,
      body: { category_id: "shop_registration", target_market: "US", details: COMPLETE_DETAILS.US },
    }),
    201,
  );
  ok(await call(viaPartner, `/v1/applications/${app.id}/submit`, { cookie: partner.cookie, method: "POST" }));
  ok(await call(viaReviewer, `/v1/staff/applications/${app.id}/approve`, { cookie: reviewerCookie, method: "POST" }));
  const service = ok(
    await call(viaPartner, "/v1/services", {
      cookie: partner.cookie,
      body: {
        type: "CUSTOM",
        category_id: "shop_registration",
        target_market: "US",
        name: "Launch",
        description: "We register shops.",
        contact_email: "ops@example.com",
      },
    }),
    201,
  );
  return { ...partner, serviceId: service.id as string };
}
const publish = (api: Child, cookie: string, serviceId: string) =>
  call(api, `/v1/services/${serviceId}/publish`, { cookie, body: { confirm_target_market: "US" } });
const deactivate = (api: Child, cookie: string, serviceId: string) =>
  call(api, `/v1/services/${serviceId}/deactivate`, { cookie, method: "POST" });

/** The events owed to an endpoint: one delivery row each, written with the event. */
const deliveriesOf = async (endpointId: string) =>
  (await handle.db.selectFrom("webhook_deliveries").select("event_id as id").where("endpoint_id", "=", endpointId).execute()).map(
    (r) => ({ id: r.id }),
  );

/** The click queue and spill file figures a gateway's /metrics shows. */
async function gatewayState(gw: Child): Promise<string> {
  try {
    const text = await (await fetch(gw.metricsUrl!)).text();
    return text
      .split("\n")
      .filter((l) => /^gateway_(click|clicks|database)/.test(l))
      .join(", ");
  } catch (error) {
    return `metrics unreadable (${String(error)}); output: ${gw.output().slice(-2_000)}`;
  }
}

const visit = (gw: Child, token: string, ip = "192.0.2.1") =>
  fetch(`${gw.url}/${token}`, { redirect: "manual", headers: { "user-agent": CHROME_UA, "x-test-client-ip": ip } });

beforeAll(async () => {
  pg = await sharedPostgres();
  dir = mkdtempSync(join(tmpdir(), "shopreg-multi-"));
  receiver = await startReceiver();
  const sharedWebhookKey = randomBytes(32).toString("hex");
  const sharedTwoFactorKey = randomBytes(32).toString("hex");
  const sharedIncentiveKey = randomBytes(32).toString("hex");
  const apiEnv = (port: number): Record<string, string> => ({
    DATABASE_URL: pg.url,
    PORT: String(port),
    HOST: "127.0.0.1",
    CONVERSIONS_SECRET: randomBytes(24).toString("hex"),
    WEBHOOK_SECRET_KEY: sharedWebhookKey,
    TWO_FACTOR_KEY: sharedTwoFactorKey,
    INCENTIVE_SIGNING_KEY: sharedIncentiveKey,
    WEBHOOK_ALLOW_PRIVATE_URLS: "true",
    GATEWAY_PUBLIC_URL: "http://gateway.test",
    RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
    LOGIN_RATE_LIMIT_PER_MINUTE: "1000",
    LOG_LEVEL: "error",
    MAIL_DIR: join(dir, `mail-${port}`),
    // A job held by a killed process is retried after 5 s (not the default 60 s), checked every 2 s.
    JOBS_EXPIRE_SECONDS: "5",
    JOBS_MAINTENANCE_INTERVAL_SECONDS: "2",
  });
  // The first API process migrates the database alone; the others then start side by side.
  const apiPorts = [await freePort(), await freePort()];
  apis.push(startChild("api-1", "apps/api/src/server.ts", `http://127.0.0.1:${apiPorts[0]}`, apiEnv(apiPorts[0]!)));
  await waitFor(apis[0]!, "/health/ready");
  apis.push(startChild("api-2", "apps/api/src/server.ts", `http://127.0.0.1:${apiPorts[1]}`, apiEnv(apiPorts[1]!)));
  for (let i = 0; i < 3; i++) {
    const port = await freePort();
    const metricsPort = await freePort();
    const gw = startChild(`gateway-${i + 1}`, "apps/gateway/src/server.ts", `http://127.0.0.1:${port}`, {
      DATABASE_URL: pg.url,
      GATEWAY_PORT: String(port),
      GATEWAY_HOST: "127.0.0.1",
      GATEWAY_PUBLIC_URL: "http://gateway.test",
      GATEWAY_METRICS_PORT: String(metricsPort),
      GATEWAY_VISITOR_HASH_SECRET: "multi-instance-secret-0123456789",
      GATEWAY_CLIENT_IP_HEADER: "x-test-client-ip",
      GATEWAY_SPILL_FILE: join(dir, `spill-${i + 1}.jsonl`),
      GATEWAY_LOOKUP_TIMEOUT_MS: "500",
      GATEWAY_CLICK_WRITE_TIMEOUT_MS: "1000",
      GATEWAY_CLICK_FLUSH_MS: "50",
      GATEWAY_LOG_LEVEL: "error",
    });
    gw.metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    gateways.push(gw);
  }
  await Promise.all([waitFor(apis[1]!, "/health/ready"), ...gateways.map((g) => waitFor(g, "/_/health"))]);

  handle = await createDb({ databaseUrl: pg.url, maxConnections: 2 });
  const email = `reviewer-${randomBytes(4).toString("hex")}@tiktok.test`;
  await insertUser(handle.db, {
    id: newId(),
    partner_id: null,
    email,
    name: "Multi reviewer",
    role: "reviewer",
    password_hash: await hashPassword(PASSWORD),
    created_at: new Date(),
  });
  const login = await call(apis[0]!, "/v1/staff/session", { body: { email, password: PASSWORD } });
  ok(login);
  reviewerCookie = cookieOf(login);
}, 120_000);

afterAll(async () => {
  for (const c of [...apis, ...gateways]) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill("SIGTERM");
  await Promise.all([...apis, ...gateways].map((c) => exited(c.proc)));
  await handle?.pg?.end({ timeout: 1 }).catch(() => {});
  await handle?.close().catch(() => {});
  await receiver?.close();
  await pg?.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
  console.log(`multi-instance figures:\n  ${figures.join("\n  ")}`);
}, 60_000);

describe("two API and three gateway processes on one PostgreSQL", () => {
  it("(e) a caller alternating between the two API processes finds one rate limit", async () => {
    const partner = await signUp(apis[0]!); // its first request counts against the limit too
    const statuses: number[] = [];
    for (let i = 0; i < RATE_LIMIT + 4; i++)
      statuses.push((await call(apis[i % 2]!, "/v1/applications", { cookie: partner.cookie })).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(RATE_LIMIT);
    expect(statuses.slice(RATE_LIMIT)).toEqual([429, 429, 429, 429]);
    figures.push(
      `(e) ${RATE_LIMIT + 4} requests alternating over 2 API processes, limit ${RATE_LIMIT}/min: ${RATE_LIMIT} answered, 4 refused`,
    );
  });

  it("(a) a deactivate over API process 1 is seen by every gateway within 1 s, and a re-publish likewise", async () => {
    const p = await partnerWithLinks(apis[1]!, apis[1]!);
    const published = ok(await publish(apis[0]!, p.cookie, p.serviceId));
    const token = new URL(published.referral_links[0].url).pathname.slice(1);
    // Every gateway has the link cached (a 302 each), so what follows tests invalidation, not a miss.
    for (const gw of gateways) expect((await visit(gw, token)).status).toBe(302);

    /** From the API's answer to the first `status` on each gateway, polled every 10 ms. */
    const seenWithin = async (status: number, since: number) =>
      Promise.all(
        gateways.map(async (gw) => {
          for (;;) {
            if ((await visit(gw, token)).status === status) return Date.now() - since;
            if (Date.now() - since > 5_000) return Number.POSITIVE_INFINITY;
            await new Promise((r) => setTimeout(r, 10));
          }
        }),
      );
    for (let round = 1; round <= 2; round++) {
      ok(await deactivate(apis[0]!, p.cookie, p.serviceId));
      const off = await seenWithin(410, Date.now());
      ok(await publish(apis[0]!, p.cookie, p.serviceId));
      const on = await seenWithin(302, Date.now());
      figures.push(
        `(a) round ${round}: 410 seen by the gateways after ${off.join(", ")} ms; 302 again after ${on.join(", ")} ms`,
      );
      for (const ms of [...off, ...on]) expect(ms).toBeLessThan(1_000);
    }
  });

  it("(c) webhook jobs from both API processes are delivered once, by the workers of both", async () => {
    const p = await partnerWithLinks(apis[0]!, apis[1]!);
    const endpoint = ok(await call(apis[0]!, "/v1/webhook-endpoints", { cookie: p.cookie, body: { url: receiver.url } }), 201);
    // Healthy but slow: each delivery stays in flight long enough for `ss` to see its sender, and a
    // worker busy with its batch leaves the jobs created meanwhile to the others (at 150 ms one
    // process could take all 34 and the other none).
    receiver.setDelay(1_000);
    const cycles = 16;
    for (let i = 0; i < cycles; i++) {
      ok(await publish(apis[i % 2]!, p.cookie, p.serviceId));
      ok(await deactivate(apis[(i + 1) % 2]!, p.cookie, p.serviceId));
    }
    const events = await deliveriesOf(endpoint.id);
    expect(events.length).toBeGreaterThanOrEqual(2 * cycles + 2); // published/deactivated each cycle, links once
    await until(
      () => receiver.received.filter((r) => r.partnerId === p.partnerId).length >= events.length,
      "every delivery",
      60_000,
    );
    await new Promise((r) => setTimeout(r, 1_000)); // a duplicate would come now
    const got = receiver.received.filter((r) => r.partnerId === p.partnerId).map((r) => r.id);
    expect(got.length).toBe(events.length);
    expect(new Set(got)).toEqual(new Set(events.map((e) => e.id)));
    const senders = [...receiver.senders];
    figures.push(
      `(c) ${events.length} events from ${cycles} publish/deactivate cycles over both processes: ${got.length} deliveries, ${new Set(got).size} distinct; senders seen: ${senders.map((pid) => apis.find((a) => a.pid === pid)?.name ?? pid).join(", ")}`,
    );
    for (const api of apis) expect(senders, `${api.name} delivered nothing`).toContain(api.pid);
  }, 90_000);

  it("(d) kill -9 of one API process mid-delivery: the other delivers every event", async () => {
    const p = await partnerWithLinks(apis[0]!, apis[0]!);
    const endpoint = ok(await call(apis[0]!, "/v1/webhook-endpoints", { cookie: p.cookie, body: { url: receiver.url } }), 201);
    receiver.setDelay(1_500); // slow: many deliveries are in flight at the kill
    const cycles = 10;
    for (let i = 0; i < cycles; i++) {
      ok(await publish(apis[i % 2]!, p.cookie, p.serviceId));
      ok(await deactivate(apis[(i + 1) % 2]!, p.cookie, p.serviceId));
    }
    const victim = apis[1]!;
    // The victim holds deliveries the receiver has not answered yet: their jobs die with it.
    await until(() => receiver.inFlightFrom(victim.pid) >= 2, `deliveries in flight from ${victim.name}`, 20_000, 10);
    const killedAt = Date.now();
    const inFlightAtKill = receiver.inFlight();
    victim.proc.kill("SIGKILL");
    await exited(victim.proc);
    // Requests the victim sent that the receiver still holds: their attempts died with it.
    const victimInFlight = receiver.inFlightFrom(victim.pid);
    receiver.setDelay(0);
    const events = await deliveriesOf(endpoint.id);
    const ids = new Set(events.map((e) => e.id));
    const mine = () => receiver.received.filter((r) => r.partnerId === p.partnerId);
    // Every delivery recorded as succeeded: the survivor ran the victim's jobs once they expired.
    const unfinished = async () =>
      (
        await handle.db
          .selectFrom("webhook_deliveries")
          .select("id")
          .where("endpoint_id", "=", endpoint.id)
          .where("status", "!=", "succeeded")
          .execute()
      ).length;
    await until(async () => (await unfinished()) === 0, "every delivery succeeded after the kill", 60_000, 100);
    const doneAt = Date.now();
    const got = mine();
    const times = new Map<string, typeof got>();
    for (const d of got) times.set(d.id, [...(times.get(d.id) ?? []), d]);
    const twice = [...times.values()].filter((ds) => ds.length > 1);
    figures.push(
      `(d) ${ids.size} events; at kill -9 of ${victim.name}: ${inFlightAtKill} deliveries in flight, ${victimInFlight} from ${victim.name} still unanswered once it was gone; all recorded as delivered ${doneAt - killedAt} ms after the kill (JOBS_EXPIRE_SECONDS=5); ${twice.length} events received twice (allowed: attempts the kill cut, before or after their answer)`,
    );
    expect(new Set(got.map((d) => d.id))).toEqual(ids);
    // Twice at most, and only an event one of whose attempts was the killed process's (an attempt
    // cut in flight, or answered but not yet recorded when the process died); never more.
    for (const ds of twice) {
      expect(ds.length, `event ${ds[0]?.id} received ${ds.length} times`).toBe(2);
      const senders = ds.map((d) => receiver.senderOf(d));
      expect(
        senders.some((pid) => pid !== apis[0]!.pid),
        `event ${ds[0]?.id} twice, both from the survivor`,
      ).toBe(true);
    }
    expect(victimInFlight).toBeGreaterThanOrEqual(1);
    // The survivor still answers.
    expect((await fetch(`${apis[0]!.url}/health/ready`)).status).toBe(200);
  }, 90_000);

  it("(b) a PostgreSQL stop/start under load on all three gateways loses and duplicates no click", async () => {
    const p = await partnerWithLinks(apis[0]!, apis[0]!);
    const published = ok(await publish(apis[0]!, p.cookie, p.serviceId));
    const tokens = (published.referral_links as { url: string }[]).map((l) => new URL(l.url).pathname.slice(1));
    const ids: string[] = [];
    const statuses: Record<number, number> = {};
    const traffic = async (n: number) => {
      let next = 0;
      const worker = async (gw: Child) => {
        while (next < n) {
          const i = next++;
          const res = await visit(gw, tokens[i % tokens.length]!, `192.0.2.${i % 200}`);
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          const location = res.headers.get("location");
          if (res.status === 302 && location) ids.push(new URL(location).searchParams.get("click_id")!);
        }
      };
      // 4 connections to each gateway.
      await Promise.all(gateways.flatMap((gw) => Array.from({ length: 4 }, () => worker(gw))));
    };
    const started = Date.now();
    await traffic(600); // every gateway has the links cached now
    let down = true;
    const outage = (async () => {
      await pg.stop();
      await new Promise((r) => setTimeout(r, 1_500));
      await pg.start();
    })().finally(() => {
      down = false;
    });
    let during = 0;
    while (down) {
      await traffic(150);
      during += 150;
    }
    await outage;
    await traffic(900);
    const total = 1_500 + during;
    expect(statuses).toEqual({ 302: total });
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);

    const count = async () => {
      try {
        const [row] = await handle.pg!`SELECT count(*)::int AS n FROM clicks WHERE partner_id = ${p.partnerId}`;
        return Number(row?.n);
      } catch {
        return -1; // the test's own pool reconnecting
      }
    };
    try {
      await until(async () => (await count()) >= total, "every click in the table (spill files replayed)", 45_000, 250);
    } catch (error) {
      // What each gateway says it holds, for whoever reads the failure.
      const state = await Promise.all(
        gateways.map(async (gw) => `${gw.name}: ${await gatewayState(gw)}\n${gw.output().slice(-3_000)}`),
      );
      throw new Error(`${String(error)}: ${await count()} of ${total} stored; ${state.join("; ")}`);
    }
    const rows = await handle.db.selectFrom("clicks").select("id").where("partner_id", "=", p.partnerId).execute();
    const stored = new Set(rows.map((r) => r.id));
    expect(rows).toHaveLength(total); // nothing twice
    expect(ids.filter((id) => !stored.has(id))).toEqual([]); // nothing lost
    // The outage was felt: every gateway spilled clicks, and replayed them all.
    const metric = async (gw: Child, name: string) =>
      Number(new RegExp(`^${name} (\\d+)$`, "m").exec(await (await fetch(gw.metricsUrl!)).text())?.[1] ?? Number.NaN);
    const spilled = await Promise.all(gateways.map((gw) => metric(gw, "gateway_clicks_spilled_total")));
    for (const n of spilled) expect(n).toBeGreaterThan(0);
    // The gauge is the writer thread's own report (every 250 ms): it reaches 0 just after the rows do.
    for (const gw of gateways) {
      await until(
        async () => (await metric(gw, "gateway_click_spill_pending")) === 0,
        `${gw.name}'s spill file empty`,
        5_000,
        100,
      );
    }
    figures.push(
      `(b) ${total} redirects on 3 gateways (${during} during the stop/start, 1.5 s down), all 302; spilled ${spilled.join(", ")} and replayed; ${rows.length} rows, ${stored.size} distinct, 0 missing; ${Date.now() - started} ms in all`,
    );
  }, 120_000);
});
