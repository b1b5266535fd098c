/**
 * Prometheus metrics for the API (prom-client), read at GET /metrics with
 * `Authorization: Bearer $API_METRICS_TOKEN`. Without that variable the endpoint answers 404: the
 * figures are never public.
 *
 * What is measured here: every request's duration by method, route pattern and status; the
 * database (up, ping time, connections on the server by state). What other parts report through
 * the hooks below (call them from their code; each is cheap and never throws):
 *
 * - job queues: `registerJobQueueProbe(probe)` once at start; the probe is called at each scrape
 *   and returns, per queue, the jobs waiting and the age of the oldest one
 *   (`api_job_queue_depth{queue}`, `api_job_queue_oldest_age_seconds{queue}`).
 * - webhooks: `recordWebhookDelivery(outcome, seconds)` after each delivery attempt
 *   (`api_webhook_deliveries_total{outcome}`, `api_webhook_delivery_duration_seconds`).
 * - mail: `recordMail(outcome, kind)` after each message (`api_mail_messages_total{outcome,kind}`);
 *   messages given up on after their whole retry schedule are counted at each scrape from the
 *   database (`api_mail_dead_letters`: alert when it is above 0; staff list them at
 *   GET /v1/staff/mail/dead-letters).
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { countDeadMail, type DbHandle } from "@shopreg/db";
import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import { sql } from "kysely";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { withRequestId } from "./logger.ts";

type Db = DbHandle["db"];

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: "api_" });

const requestDuration = new Histogram({
  name: "api_http_request_duration_seconds",
  help: "API request duration by method, route pattern and status",
  labelNames: ["method", "route", "status"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});
const responses = new Counter({
  name: "api_http_responses_total",
  help: "API responses by status code",
  labelNames: ["status"] as const,
  registers: [registry],
});

export type WebhookOutcome = "delivered" | "failed" | "retrying" | "dead";
const webhookDeliveries = new Counter({
  name: "api_webhook_deliveries_total",
  help: "Webhook delivery attempts by outcome (delivered, failed: the receiver refused or timed out, retrying, dead: given up)",
  labelNames: ["outcome"] as const,
  registers: [registry],
});
const webhookDuration = new Histogram({
  name: "api_webhook_delivery_duration_seconds",
  help: "Time a webhook receiver took to answer",
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});
/** Call after each webhook delivery attempt. */
export function recordWebhookDelivery(outcome: WebhookOutcome, seconds?: number) {
  webhookDeliveries.inc({ outcome });
  if (seconds !== undefined && Number.isFinite(seconds)) webhookDuration.observe(seconds);
}

/**
 * sent: the SMTP server took it; retrying: an attempt failed, another is scheduled; dead: the last
 * attempt failed; skipped: nothing to send; capped: not queued, its recipient's hourly cap was reached.
 */
export type MailOutcome = "sent" | "failed" | "retrying" | "dead" | "skipped" | "capped";
const mailMessages = new Counter({
  name: "api_mail_messages_total",
  help: "Mail messages by outcome (sent, retrying, dead, skipped, capped) and kind (e.g. password_reset, application_approved)",
  labelNames: ["outcome", "kind"] as const,
  registers: [registry],
});
/** Call after each mail message is handed to the SMTP server (or refused by it). */
export function recordMail(outcome: MailOutcome, kind = "other") {
  mailMessages.inc({ outcome, kind });
}
new Gauge({
  name: "api_mail_dead_letters",
  help: "Mail messages given up on after their whole retry schedule (staff: GET /v1/staff/mail/dead-letters)",
  registers: [registry],
  async collect() {
    if (!database) return;
    try {
      this.set(await countDeadMail(database));
    } catch {
      // The database is down: api_database_up says so.
    }
  },
});

export type JobQueueFigures = { queue: string; waiting: number; oldestAgeSeconds: number };
let jobQueueProbe: (() => Promise<JobQueueFigures[]>) | undefined;
/** The job runner registers how to count its queues (e.g. a query on pg-boss's job table); read at each scrape. */
export function registerJobQueueProbe(probe: (() => Promise<JobQueueFigures[]>) | undefined) {
  jobQueueProbe = probe;
  jobQueueRead = undefined; // a new probe's figures, not the last one's
}
new Gauge({
  name: "api_job_queue_depth",
  help: "Jobs waiting per queue",
  labelNames: ["queue"] as const,
  registers: [registry],
  async collect() {
    this.reset();
    for (const q of await jobQueues()) this.set({ queue: q.queue }, q.waiting);
  },
});
new Gauge({
  name: "api_job_queue_oldest_age_seconds",
  help: "Age of the oldest waiting job per queue",
  labelNames: ["queue"] as const,
  registers: [registry],
  async collect() {
    this.reset();
    for (const q of await jobQueues()) this.set({ queue: q.queue }, q.oldestAgeSeconds);
  },
});
// One probe call serves both gauges of a scrape.
let jobQueueRead: { at: number; figures: Promise<JobQueueFigures[]> } | undefined;
function jobQueues(): Promise<JobQueueFigures[]> {
  if (!jobQueueProbe) return Promise.resolve([]);
  if (!jobQueueRead || Date.now() - jobQueueRead.at > 1_000) {
    jobQueueRead = { at: Date.now(), figures: jobQueueProbe().catch(() => []) };
  }
  return jobQueueRead.figures;
}

let database: Db | undefined;
const databaseUp = new Gauge({
  name: "api_database_up",
  help: "1 when the database answered the scrape's ping",
  registers: [registry],
});
const databasePing = new Gauge({
  name: "api_database_ping_seconds",
  help: "Time the scrape's SELECT 1 took",
  registers: [registry],
});
const databaseConnections = new Gauge({
  name: "api_database_connections",
  help: "Connections to this database on the server by state (every client, from pg_stat_activity)",
  labelNames: ["state"] as const,
  registers: [registry],
});

/** SELECT 1 within `ms`: a database that hangs counts as down. */
async function databaseAnswers(db: Db, ms = 2_000): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      sql`SELECT 1`.execute(db),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** GET /health/live: the process answers (restart it if not); it checks nothing else. */
export const liveness = (c: Context) => c.json({ status: "ok" }, 200, { "cache-control": "no-store" });

/** GET /health/ready: the process can serve, i.e. the database answers (take it out of the balancer if not). */
export function readiness(db: Db) {
  return async (c: Context) => {
    try {
      await databaseAnswers(db);
      return c.json({ status: "ok", database: "up" }, 200, { "cache-control": "no-store" });
    } catch {
      return c.json({ status: "unavailable", database: "down" }, 503, { "cache-control": "no-store" });
    }
  };
}

async function collectDatabase() {
  if (!database) return;
  const started = performance.now();
  try {
    await databaseAnswers(database);
    databaseUp.set(1);
    databasePing.set((performance.now() - started) / 1000);
  } catch {
    databaseUp.set(0);
    return;
  }
  databaseConnections.reset();
  try {
    const { rows } = await sql<{ state: string | null; n: number }>`
      SELECT state, count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() GROUP BY state`.execute(database);
    for (const r of rows) databaseConnections.set({ state: r.state ?? "unknown" }, Number(r.n));
  } catch {
    // PGlite has no other connections to count.
  }
}

/**
 * The request middleware (mounted right after the request id): times every request by its route
 * pattern (never the raw path, so ids do not multiply the series), and runs the request inside the
 * logger's request context, so every log line written while handling it carries its request_id.
 */
export function measureRequests(): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    try {
      await withRequestId(c.get("requestId") as string | undefined, next);
    } finally {
      const status = String(c.res.status);
      requestDuration.observe({ method: c.req.method, route: routePattern(c), status }, (performance.now() - started) / 1000);
      responses.inc({ status });
    }
  };
}

/** The route that answers (its pattern), even when a middleware answered first (401, 429); "unmatched" for a 404. */
function routePattern(c: Context): string {
  const routes = matchedRoutes(c);
  for (let i = routes.length - 1; i >= 0; i--) {
    const r = routes[i];
    if (r && r.method !== "ALL") return r.path;
  }
  return "unmatched";
}

/**
 * GET /metrics: the Prometheus text, for a caller with the bearer token. 404 when no token is
 * configured, 401 for a wrong one (compared in constant time).
 */
export function metricsEndpoint(opts: { token: string | undefined; db: Db }) {
  database = opts.db;
  const expected = opts.token ? digest(opts.token) : undefined;
  return async (c: Context) => {
    if (!expected) return c.json({ error: { code: "not_found", message: "Not found" } }, 404);
    const given = /^Bearer (.+)$/.exec(c.req.header("authorization") ?? "")?.[1];
    if (!given || !timingSafeEqual(digest(given), expected)) {
      return c.json({ error: { code: "unauthorized", message: "The metrics token is missing or wrong" } }, 401, {
        "www-authenticate": "Bearer",
      });
    }
    await collectDatabase();
    return c.body(await registry.metrics(), 200, { "content-type": registry.contentType, "cache-control": "no-store" });
  };
}

const digest = (s: string) => createHash("sha256").update(s).digest();
