import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";
import { sql } from "kysely";
import type { AppEnv, AppServices } from "./context.ts";
import { docs } from "./docs.ts";
import { errorResponse, onError, validationHook } from "./errors.ts";
import { liveness, measureRequests, metricsEndpoint, readiness } from "./metrics.ts";
import { authenticate } from "./middleware/authenticate.ts";
import { csrf } from "./middleware/csrf.ts";
import { idempotency } from "./middleware/idempotency.ts";
import {
  accountBackoff,
  accountMailRateLimit,
  addressRateLimit,
  createRateLimitStore,
  rateLimit,
} from "./middleware/rate-limit.ts";
import { requestId } from "./middleware/request-id.ts";
import { refuseUnstorableText } from "./middleware/text-input.ts";
import { twoFactorGate } from "./middleware/two-factor-gate.ts";
import { partnerAnalyticsRoutes, staffAnalyticsRoutes } from "./routes/analytics/index.ts";
import { apiKeyRoutes } from "./routes/api-keys/index.ts";
import { applicationRoutes } from "./routes/applications/index.ts";
import { authRoutes } from "./routes/auth/index.ts";
import { catalogRoutes } from "./routes/catalog/index.ts";
import { conversionRoutes } from "./routes/conversions/index.ts";
import { type Caller, routeGates } from "./routes/factory.ts";
import { incentiveRoutes } from "./routes/incentives/index.ts";
import { invitationRoutes } from "./routes/invitations/index.ts";
import { meRoutes, staffMeRoutes } from "./routes/me/index.ts";
import { memberRoutes } from "./routes/members/index.ts";
import { profileRoutes } from "./routes/profile/index.ts";
import { sellerEventRoutes } from "./routes/seller-events/index.ts";
import { serviceRoutes } from "./routes/services/index.ts";
import { reviewRoutes } from "./routes/staff/applications/index.ts";
import { auditRoutes } from "./routes/staff/audit-events/index.ts";
import { staffMailRoutes } from "./routes/staff/mail/index.ts";
import { staffPartnerRoutes } from "./routes/staff/partners/index.ts";
import { staffProgramRoutes } from "./routes/staff/programs/index.ts";
import { staffLinkRoutes } from "./routes/staff/referral-links/index.ts";
import { referralQualityRoutes } from "./routes/staff/referral-quality/index.ts";
import { staffServiceRoutes } from "./routes/staff/services/index.ts";
import { staffSessionRoutes } from "./routes/staff/session/index.ts";
import { staffUserRoutes } from "./routes/staff/users/index.ts";
import { webhookEndpointRoutes } from "./routes/webhook-endpoints/index.ts";
import { registerWebhooks } from "./schemas/webhooks.ts";
import { withRetryingTransactions } from "./transaction-retry.ts";

const DESCRIPTION = `
The Partner API of **shopreg**, the Shop Registration service: apply for the Shop registration category, get reviewed,
create and publish a custom service, and read its two referral links (local and cross-border sellers), which never change.

* **Tools** authenticate with \`Authorization: Bearer <api key>\` (create keys in the partner portal or with \`POST /v1/api-keys\`).
* **Web apps** use an HttpOnly session cookie from \`POST /v1/session\` (partners) or \`POST /v1/staff/session\` (staff).
* **Errors** are \`{"error": {"code", "message", "request_id", "details"}}\`; validation errors list each field in \`details.fields\`.
* **Lists** are cursor-paginated: pass \`next_cursor\` back as \`cursor\` (opaque: only a value the API gave).
* **Unknown** body fields and query parameters are a 422 naming them. Text anywhere (body, query, path) must not hold
  U+0000 or an unpaired surrogate (422). Authentication comes first: without credentials a protected operation is a 401
  whatever else is wrong; a method a path does not take is a 405 with \`Allow\`.
* **POST** accepts \`Idempotency-Key\`: a retry with the same key returns the first response; the same key with another body is a 409.
* **Rate limits** are per key; see the \`RateLimit-*\` and \`Retry-After\` headers.
`;

export function createApp(given: AppServices) {
  // The one place use cases get their database: a transaction that loses a race (deadlock,
  // serialization failure) is redone whole instead of answering 500 (transaction-retry.ts).
  const services = withRetryingTransactions(given);
  const { config } = services;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use("*", requestId(services));
  app.use("*", measureRequests());
  app.use("*", secureHeaders({ crossOriginResourcePolicy: false }));
  // Bearer-key calls may come from any origin; cookies are never sent with CORS (no credentials), and the
  // csrf middleware refuses unsafe cookie requests from other sites (forms, body-less POSTs).
  app.use(
    "/v1/*",
    cors({
      origin: "*",
      allowHeaders: ["Authorization", "Content-Type", "Idempotency-Key", "X-Request-Id"],
      allowMethods: ["GET", "POST", "PATCH", "DELETE", "OPTIONS"],
      exposeHeaders: [
        "x-request-id",
        "RateLimit-Limit",
        "RateLimit-Remaining",
        "RateLimit-Reset",
        "RateLimit-Policy",
        "Retry-After",
        "Idempotent-Replayed",
      ],
    }),
  );
  app.use(
    "/v1/*",
    bodyLimit({
      maxSize: config.maxBodyBytes,
      // The rest of the body is not read: the connection closes after this answer, and says so.
      onError: (c) => {
        c.header("Connection", "close");
        return errorResponse(
          c as never,
          413,
          "payload_too_large",
          `The request body is larger than ${config.maxBodyBytes} bytes.`,
        );
      },
    }),
  );
  // Who may call is checked before anything about the request (docs: authentication first).
  const gates = routeGates(() =>
    app.openAPIRegistry.definitions.flatMap((d) => {
      if (d.type !== "route") return [];
      const r = d.route as unknown as { "x-shopreg-caller": Caller; request?: { query?: { shape?: object } } };
      // A query schema without a shape (none today) is not checked for unknown names.
      const q = r.request?.query;
      const query = q === undefined ? [] : q.shape ? Object.keys(q.shape) : null;
      return [{ method: d.route.method, path: d.route.path, caller: r["x-shopreg-caller"], query }];
    }),
  );
  app.use("/v1/*", gates.methodGate);
  app.use("/v1/*", csrf);
  app.use("/v1/*", authenticate);
  app.use("/v1/*", twoFactorGate);
  app.use("/v1/*", gates.callerGate);
  const limits = createRateLimitStore(services);
  app.on("POST", ["/v1/session", "/v1/staff/session"], addressRateLimit(limits, "login", config.loginRateLimitPerMinute));
  app.on("POST", ["/v1/session", "/v1/staff/session"], accountBackoff(limits, config.loginAccountFreeFailures));
  app.on("POST", "/v1/partners", addressRateLimit(limits, "signup", config.loginRateLimitPerMinute));
  app.on("POST", "/v1/password-resets", addressRateLimit(limits, "password_reset", config.loginRateLimitPerMinute));
  app.on("POST", "/v1/password-resets", accountMailRateLimit(limits, "password_reset", config.accountMailPerHour));
  app.on("POST", "/v1/me/email-verification", accountMailRateLimit(limits, "email_verification", config.accountMailPerHour));
  // Confirming checks a token: guessing one is bounded like guessing a password.
  app.on(
    "POST",
    ["/v1/password-resets/check", "/v1/password-resets/confirm", "/v1/email-verifications/confirm"],
    addressRateLimit(limits, "login", config.loginRateLimitPerMinute),
  );
  app.use("/v1/*", rateLimit(limits, config.rateLimitPerMinute));
  app.use(
    "/v1/*",
    refuseUnstorableText((method, path) => {
      const segments = path.split("/");
      const names = new Map<number, string>();
      const route = app.routes.find(
        (r) => r.method === method && r.path.split("/").length === segments.length && matchesRoute(r.path, path),
      );
      route?.path.split("/").forEach((part, i) => {
        if (part.startsWith(":")) names.set(i, part.slice(1));
      });
      return names;
    }),
  );
  app.use("/v1/*", idempotency);

  // Statements, not one chain: a chain's type accumulates every route's schema, which made
  // typechecking the API several times slower (docs/testing.md). Sub-apps use operations() alike.
  app.route("/v1", authRoutes);
  app.route("/v1", profileRoutes);
  app.route("/v1", apiKeyRoutes);
  app.route("/v1", catalogRoutes);
  app.route("/v1", applicationRoutes);
  app.route("/v1", serviceRoutes);
  app.route("/v1", partnerAnalyticsRoutes);
  app.route("/v1", conversionRoutes);
  app.route("/v1", sellerEventRoutes);
  app.route("/v1", incentiveRoutes);
  app.route("/v1", memberRoutes);
  app.route("/v1", invitationRoutes);
  app.route("/v1", meRoutes);
  app.route("/v1/staff", staffMeRoutes);
  app.route("/v1", webhookEndpointRoutes);
  app.route("/v1/staff", staffSessionRoutes);
  app.route("/v1/staff", staffUserRoutes);
  app.route("/v1/staff", reviewRoutes);
  app.route("/v1/staff", staffPartnerRoutes);
  app.route("/v1/staff", staffProgramRoutes);
  app.route("/v1/staff", referralQualityRoutes);
  app.route("/v1/staff", staffServiceRoutes);
  app.route("/v1/staff", staffLinkRoutes);
  app.route("/v1/staff", staffMailRoutes);
  app.route("/v1/staff", auditRoutes);
  app.route("/v1/staff", staffAnalyticsRoutes);

  app.openAPIRegistry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    description: "A partner API key, sr_live_...",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "partnerSession", {
    type: "apiKey",
    in: "cookie",
    name: config.cookieNames.partner,
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "staffSession", {
    type: "apiKey",
    in: "cookie",
    name: config.cookieNames.staff,
  });
  registerWebhooks(app);
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: { title: "shopreg Partner API", version: "1.0.0", description: DESCRIPTION },
    servers: [{ url: config.apiPublicUrl }],
  });
  app.route("/docs", docs);

  app.get("/health", async (c) => {
    try {
      await sql`SELECT 1`.execute(services.db);
      return c.json({ status: "ok", database: "up" });
    } catch {
      return c.json({ status: "degraded", database: "down" }, 503);
    }
  });
  app.get("/health/live", liveness);
  app.get("/health/ready", readiness(services.db));
  app.get("/metrics", metricsEndpoint({ token: process.env.API_METRICS_TOKEN, db: services.db }));
  app.get("/", (c) => c.redirect("/docs"));

  // A known path with another method is a 405 naming the methods it takes; anything else is a 404.
  let routeTable: { pattern: RegExp; method: string }[] | undefined;
  const allowedMethods = (path: string) => {
    routeTable ??= app.routes
      .filter((r) => r.method !== "ALL")
      .map((r) => ({
        method: r.method,
        pattern: new RegExp(`^${r.path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\/:[^/]+/g, "/[^/]+")}/?$`),
      }));
    return [...new Set(routeTable.filter((r) => r.pattern.test(path)).map((r) => r.method))].sort();
  };
  app.notFound((c) => {
    // /v1 paths got their 405 from the method gate; this covers the rest (health, docs).
    const allowed = allowedMethods(c.req.path);
    if (allowed.length > 0 && !allowed.includes(c.req.method)) {
      c.header("Allow", allowed.join(", "));
      return errorResponse(
        c,
        405,
        "method_not_allowed",
        `${c.req.method} is not allowed on ${c.req.path}; it takes ${allowed.join(", ")}. See /docs.`,
      );
    }
    return errorResponse(c, 404, "not_found", `No route for ${c.req.method} ${c.req.path}. See /docs.`);
  });
  app.onError(onError);
  return app;
}

export type App = ReturnType<typeof createApp>;

/** Whether a concrete path fits a route's path with :params (each a single segment). */
function matchesRoute(pattern: string, path: string): boolean {
  const a = pattern.split("/");
  const b = path.split("/");
  return a.length === b.length && a.every((part, i) => part.startsWith(":") || part === b[i]);
}
