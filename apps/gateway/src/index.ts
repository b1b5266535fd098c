/**
 * The gateway on Node: the portable handler (handler.ts) with its Node adapters — the HTTP server
 * (@hono/node-server), the database (links, click writer, LISTEN/NOTIFY) and the spill file.
 */
import type { IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { serve } from "@hono/node-server";
import { createClickPartitions, type DbHandle, findLinkByToken, LINK_CHANGES_CHANNEL, newId } from "@shopreg/db";
import type { Hono } from "hono";
import { sql } from "kysely";
import { type ClickSink, InProcessClickSink } from "./click-sink.ts";
import { ThreadClickSink } from "./click-writer-thread.ts";
import { type GatewayConfig, loadGatewayConfig } from "./config.ts";
import { startDatabaseRecorder } from "./database-recorder.ts";
import { createGatewayApp, createMetricsApp, type HealthReport } from "./handler.ts";
import { LinkCache, type LinkTarget } from "./link-cache.ts";
import { GatewayMetrics } from "./metrics.ts";
import { createNodeVisitorHasher } from "./node-hasher.ts";
import type { Logger } from "./recorder.ts";

export { type CapturedClick, describeClick } from "./capture.ts";
export { type ClickSink, InProcessClickSink } from "./click-sink.ts";
export { ThreadClickSink } from "./click-writer-thread.ts";
export { type GatewayConfig, GatewayConfigError, loadGatewayConfig } from "./config.ts";
export { createGatewayApp, createMetricsApp, type GatewayDeps, type HealthReport } from "./handler.ts";
export { LinkCache, type LinkTarget } from "./link-cache.ts";
export { GatewayMetrics } from "./metrics.ts";
export { createNodeVisitorHasher } from "./node-hasher.ts";
export { ClickRecorder, type ClickStore, type SpillStore } from "./recorder.ts";
export { SpillFile } from "./spill-file.ts";
export { createVisitorHasher, visitorKeyPeriod } from "./visitor.ts";

/** The channel the API notifies (with the service id) when a service's links change. */
export { LINK_CHANGES_CHANNEL };

export type StartGatewayOptions = {
  /**
   * With a PostgreSQL server, clicks are described and written on a thread of their own with its
   * own connection (unless GATEWAY_CLICK_WRITER=in-process); with PGlite, which lives in this
   * thread, they are written here.
   */
  handle: DbHandle;
  port: number;
  host: string;
  publicUrl: string;
  /** Read once for the GATEWAY_* settings; process.env by default. */
  env?: Record<string, string | undefined>;
  /** A complete configuration, bypassing env (tests). */
  config?: GatewayConfig;
  logger?: Logger;
};

export type RunningGateway = {
  url: string;
  /** Where Prometheus reads `/metrics` (GATEWAY_METRICS_PORT); null when not served. */
  metricsUrl: string | null;
  config: GatewayConfig;
  metrics: GatewayMetrics;
  clicks: ClickSink;
  links: LinkCache;
  /** Writes every queued click now (tests, benchmarks). */
  flush(): Promise<void>;
  /** Stops taking requests, then flushes every click (to the database, or the spill file). Leaves the DB handle open. */
  close(): Promise<void>;
};

export async function startGateway(opts: StartGatewayOptions): Promise<RunningGateway> {
  const env = opts.env ?? process.env;
  const config =
    opts.config ?? loadGatewayConfig(env, { publicUrl: opts.publicUrl, spillFile: env.GATEWAY_SPILL_FILE ?? undefined });
  const log = opts.logger ?? jsonLogger(env.GATEWAY_LOG_LEVEL ?? "warn");
  if (config.visitorHashSecretIsDefault) {
    log.warn("GATEWAY_VISITOR_HASH_SECRET is not set: using a development secret (set it in production)");
  }
  const { db } = opts.handle;
  const metrics = new GatewayMetrics();

  const links = new LinkCache(
    async (token): Promise<LinkTarget | null> => {
      const row = await findLinkByToken(db, token);
      return row
        ? {
            id: row.id,
            token: row.token,
            audience: row.audience,
            targetMarket: row.target_market,
            serviceId: row.service_id,
            partnerId: row.partner_id,
            active: row.service_status === "ON",
          }
        : null;
    },
    config.cache,
    metrics,
  );

  const hashVisitor = createNodeVisitorHasher(config.visitorHashSecret, config.visitorKeyRotationHours);
  const spillFile = resolve(config.clicks.spillFile);
  let clicks: ClickSink;
  if (opts.handle.url && config.clicks.writer === "thread") {
    clicks = await ThreadClickSink.start(
      {
        databaseUrl: opts.handle.url,
        clicks: { ...config.clicks, spillFile },
        visitorHashSecret: config.visitorHashSecret,
        visitorKeyRotationHours: config.visitorKeyRotationHours,
      },
      metrics,
      log,
    );
  } else {
    const { recorder, spill } = startDatabaseRecorder(opts.handle, { ...config.clicks, spillFile }, metrics, log);
    clicks = new InProcessClickSink(recorder, spill, hashVisitor, metrics);
  }

  const unlisten = await listenForLinkChanges(opts.handle, links, log);

  // Monthly click partitions, made ahead; a failure here must not stop redirects.
  const makePartitions = () =>
    createClickPartitions(db, 2).catch((error) => log.warn("could not create click partitions", { error: String(error) }));
  await makePartitions();
  const partitionTimer = setInterval(makePartitions, 24 * 3_600_000);
  partitionTimer.unref();

  const health = async (): Promise<HealthReport> => {
    let up = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        sql`SELECT 1`.execute(db),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error("timeout")), 1_000);
        }),
      ]);
    } catch {
      up = false;
    } finally {
      clearTimeout(timer);
    }
    return {
      status: up && clicks.databaseUp ? "ok" : "degraded",
      database: up ? "up" : "down",
      click_queue: clicks.queueDepth,
      spill_pending: clicks.spillPending(),
    };
  };

  const app = createGatewayApp({
    config,
    links,
    recordClick: (click) => clicks.record(click),
    newId,
    metrics,
    health,
    peerAddress: (c) => (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket.remoteAddress,
  });

  const server = await listen(app, opts.port, opts.host);
  const url = urlOf(server, opts.host);
  log.info("gateway listening", { url, public_url: config.publicUrl });

  const renderMetrics = () =>
    metrics.render({
      queueDepth: clicks.queueDepth,
      spillPending: clicks.spillPending(),
      cacheEntries: links.size,
      databaseUp: clicks.databaseUp,
    });
  const metricsServer =
    config.metrics.port === null ? null : await listen(createMetricsApp(renderMetrics), config.metrics.port, config.metrics.host);
  const metricsUrl = metricsServer ? `${urlOf(metricsServer, config.metrics.host)}/metrics` : null;
  if (metricsUrl) log.info("gateway metrics listening", { url: metricsUrl });

  let closing: Promise<void> | undefined;
  return {
    url,
    metricsUrl,
    config,
    metrics,
    clicks,
    links,
    flush: () => clicks.flush(),
    close() {
      closing ??= (async () => {
        // Requests in flight still queue their clicks, so the server stops before the final flush.
        await new Promise<void>((done) => {
          const force = setTimeout(() => (server as { closeAllConnections?: () => void }).closeAllConnections?.(), 3_000);
          server.close(() => {
            clearTimeout(force);
            done();
          });
          (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
        });
        clearInterval(partitionTimer);
        metricsServer?.close();
        await clicks.close();
        await unlisten();
      })();
      return closing;
    },
  };
}

type NodeServer = ReturnType<typeof serve>;

async function listen(app: Hono, port: number, hostname: string): Promise<NodeServer> {
  const server = serve({ fetch: app.fetch, port, hostname });
  await new Promise<void>((ok, fail) => {
    server.once("listening", () => ok());
    server.once("error", fail);
  });
  return server;
}

function urlOf(server: NodeServer, bound: string): string {
  const { port } = server.address() as AddressInfo;
  const host = bound === "0.0.0.0" || bound === "::" ? "localhost" : bound;
  return `http://${host}:${port}`;
}

/**
 * Invalidates cached links when the API publishes, deactivates or revokes (pg_notify with the
 * service id, inside the same transaction). postgres.js re-listens after a reconnect; notifications
 * sent meanwhile are lost, so every cached link is looked up again then.
 */
async function listenForLinkChanges(handle: DbHandle, links: LinkCache, log: Logger): Promise<() => Promise<void>> {
  const onChange = (payload: string) => links.invalidateService(payload);
  if (handle.pg) {
    let first = true;
    try {
      const sub = await handle.pg.listen(LINK_CHANGES_CHANNEL, onChange, () => {
        if (!first) links.expireAll();
        first = false;
      });
      // UNLISTEN needs the server: during an outage, give up after a second.
      return async () => {
        await Promise.race([sub.unlisten().catch(() => {}), new Promise((r) => setTimeout(r, 1_000).unref())]);
      };
    } catch (error) {
      log.warn("LISTEN failed; cached links expire by TTL only", { error: String(error) });
      return async () => {};
    }
  }
  if (handle.pglite) {
    const unsubscribe = await handle.pglite.listen(LINK_CHANGES_CHANNEL, onChange);
    return async () => {
      if (!handle.pglite?.closed) await unsubscribe().catch(() => {});
    };
  }
  return async () => {};
}

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;

function jsonLogger(level: string): Logger {
  const min = LEVELS[level as keyof typeof LEVELS] ?? LEVELS.warn;
  const at = (name: "info" | "warn" | "error") => (msg: string, fields?: object) => {
    if (LEVELS[name] >= min) {
      process.stderr.write(
        `${JSON.stringify({ time: new Date().toISOString(), level: name, service: "gateway", msg, ...fields })}\n`,
      );
    }
  };
  return { info: at("info"), warn: at("warn"), error: at("error") };
}
