import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { type ApiKeyScope, Forbidden, STAFF_ROLES, type StaffRole, Unauthenticated, Validation } from "@shopreg/domain";
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv, PartnerPrincipal, StaffPrincipal } from "../context.ts";
import { errorResponse, validationHook } from "../errors.ts";
import { err } from "../schemas/common.ts";

/**
 * Who may call an operation, declared once per route (as unkey's create-auth-route). The factory
 * sets the OpenAPI `security` (with scopes or roles), an `operationId`, and the middleware that
 * enforces it before the request is validated. The generated security sweep reads the declaration
 * back from /openapi.json (`x-shopreg-caller`). authenticate only works out who is calling; this
 * guard is what refuses a caller who is missing or not allowed.
 */
export type Caller =
  | { kind: "public" }
  /** Authenticated by a signature over the body (Seller Center), not by a session or key. */
  | { kind: "signed" }
  /** A partner member's session (holding its role's scopes), or an API key holding `scope`. */
  | { kind: "partner"; scope: ApiKeyScope }
  /** A partner user's session only: what the portal needs about the person signed in. */
  | { kind: "partner_session" }
  /** Any valid API key, about itself (no scope: a key may always see what it may do). */
  | { kind: "api_key" }
  | { kind: "staff"; roles: readonly StaffRole[] };

type RouteConfig = Parameters<typeof createRoute>[0];
/** A route's config without `security`: the factory sets it. */
type Declared = RouteConfig & { operationId: string; summary: string; security?: never };

const PARTNER_ONLY = "Sign in, or send an API key as Authorization: Bearer <api key>.";
const STAFF_ONLY = "Sign in with a staff account.";

/** A session holds the scopes of the member's role, a key the ones it was given: one check for both. */
export const lacksScope = (p: PartnerPrincipal, scope: ApiKeyScope) =>
  p.kind === "api_key"
    ? `This API key lacks the scope "${scope}".`
    : `Your role (${p.role}) does not allow this; it needs the scope "${scope}". Ask an owner or admin of your account.`;

const requirePartnerScope =
  (scope: ApiKeyScope): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const p = c.get("principal");
    if (!p || p.kind === "staff") throw new Unauthenticated(PARTNER_ONLY);
    if (!p.scopes.includes(scope)) {
      throw new Forbidden(lacksScope(p, scope), { required_scope: scope }).because(
        p.kind === "api_key" ? "api_key_scope_required" : "scope_required",
        { scope },
      );
    }
    await next();
  };

const requirePartnerSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get("principal")?.kind !== "partner_user") {
    throw new Unauthenticated("No session: this is for the signed-in portal; tools use GET /v1/api-keys/current.");
  }
  await next();
};

const requireApiKey: MiddlewareHandler<AppEnv> = async (c, next) => {
  const p = c.get("principal");
  if (!p || p.kind === "staff") throw new Unauthenticated("Send an API key as Authorization: Bearer <api key>.");
  if (p.kind !== "api_key") {
    throw new Forbidden("This describes the API key making the request; call it with an API key.").because("api_key_required");
  }
  await next();
};

const requireStaffRole =
  (roles: readonly StaffRole[]): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const p = c.get("principal");
    if (p?.kind !== "staff") throw new Unauthenticated(STAFF_ONLY);
    if (!roles.includes(p.role)) {
      throw new Forbidden(`This needs one of the roles: ${roles.join(", ")}.`, { required_roles: roles }).because(
        "staff_role_required",
        { roles },
      );
    }
    await next();
  };

/**
 * Answers every operation can give whatever its own list says, added where a route did not name
 * them: credentials that are present but wrong (401, a public route included), a field or query
 * parameter refused (422, a NUL in a parameter's name included), the rate limits (429); and with a
 * JSON body, malformed JSON (400), a body over the limit (413) and another content type (415).
 */
const EVERY_OPERATION = {
  401: err("Credentials are missing, or present but invalid (a wrong key is refused even where none is needed)."),
  422: err("Validation failed; details.fields lists each field (body, path.*, query.*)."),
  429: err("Rate limited; see Retry-After."),
};
const WITH_BODY = {
  400: err("Malformed request (for example, invalid JSON)."),
  413: err("The body is larger than the limit."),
  415: err("The body is not application/json."),
};

const declare = <R extends Declared>(
  caller: Caller,
  security: Record<string, string[]>[],
  guard: MiddlewareHandler<AppEnv> | undefined,
  r: R,
) => {
  const own = r.middleware === undefined ? [] : Array.isArray(r.middleware) ? r.middleware : [r.middleware];
  const responses: Record<string, unknown> = { ...r.responses };
  const add = (more: Record<number, unknown>) => {
    for (const [status, response] of Object.entries(more)) responses[status] ??= response;
  };
  add(EVERY_OPERATION);
  if (r.request?.body) add(WITH_BODY);
  return createRoute({
    ...r,
    responses,
    security,
    "x-shopreg-caller": caller,
    middleware: guard ? [guard, ...own] : own,
  } as unknown as R);
};

/** The guard that enforces a declared caller (none for public and signed operations). */
const guardOf = (caller: Caller): MiddlewareHandler<AppEnv> | undefined => {
  switch (caller.kind) {
    case "partner":
      return requirePartnerScope(caller.scope);
    case "partner_session":
      return requirePartnerSession;
    case "api_key":
      return requireApiKey;
    case "staff":
      return requireStaffRole(caller.roles);
    default:
      return undefined;
  }
};

/** `query`: the names of an operation's query parameters (null: not checked). */
export type DeclaredOperation = { method: string; path: string; caller: Caller; query: readonly string[] | null };

/**
 * The app-wide front of the route declarations, so that who may call comes before any other check
 * (idempotency key, query text, rate limits by key). `methodGate` (before authentication): a known
 * path with a method it does not take is a 405 naming the ones it does, for everyone; a static
 * path (/api-keys/current) is matched before a parameter (/api-keys/{id}), so DELETE on it is a
 * 405, not a refused id. `callerGate` (after authentication): the operation's guard (401/403).
 * Unknown paths fall through to the 404.
 */
export function routeGates(operationsOf: () => DeclaredOperation[]) {
  type Row = { pattern: RegExp; params: number; method: string; caller: Caller; query: readonly string[] | null };
  let table: Row[] | undefined;
  const resolved = new WeakMap<Request, Row>();
  const candidates = (path: string) => {
    table ??= operationsOf().map((o) => ({
      method: o.method.toUpperCase(),
      caller: o.caller,
      query: o.query,
      params: (o.path.match(/\{/g) ?? []).length,
      pattern: new RegExp(`^${o.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^/]+\}/g, "[^/]+")}/?$`),
    }));
    const matches = table.filter((t) => t.pattern.test(path));
    const fewest = Math.min(...matches.map((m) => m.params));
    return matches.filter((m) => m.params === fewest);
  };
  const methodGate: MiddlewareHandler<AppEnv> = async (c, next) => {
    const routes = candidates(c.req.path);
    if (routes.length > 0 && c.req.method !== "OPTIONS") {
      const method = c.req.method === "HEAD" ? "GET" : c.req.method;
      const route = routes.find((r) => r.method === method);
      if (!route) {
        const allowed = [...new Set(routes.map((r) => r.method))].sort();
        c.header("Allow", allowed.join(", "));
        return errorResponse(
          c,
          405,
          "method_not_allowed",
          `${c.req.method} is not allowed on ${c.req.path}; it takes ${allowed.join(", ")}. See /docs.`,
        );
      }
      resolved.set(c.req.raw, route);
    }
    await next();
  };
  // Then, as unknown body keys are, a query parameter the operation does not take is a 422 naming it.
  const refuseUnknownQuery: MiddlewareHandler<AppEnv> = async (c, next) => {
    const route = resolved.get(c.req.raw);
    const known = route?.query;
    const unknown = known ? Object.keys(c.req.queries()).filter((name) => !known.includes(name)) : [];
    if (unknown.length > 0) {
      const takes = known?.length ? `it takes ${known.join(", ")}` : "it takes none";
      throw new Validation(
        "The request is invalid; see details.fields.",
        unknown.map((name) => ({
          path: `query.${name}`,
          message: `Unknown query parameter "${name}"; ${takes}.`,
          code: "query_unknown",
          params: { name },
        })),
      );
    }
    await next();
  };
  const callerGate: MiddlewareHandler<AppEnv> = async (c, next) => {
    const route = resolved.get(c.req.raw);
    const guard = route && guardOf(route.caller);
    if (guard) await guard(c, async () => void (await refuseUnknownQuery(c, next)));
    else await refuseUnknownQuery(c, next);
  };
  return { methodGate, callerGate };
}

/** Anyone may call it (sign-up, sign-in, the catalog). */
export const publicRoute = <R extends Declared>(r: R) => declare<R>({ kind: "public" }, [], undefined, r);

/** Seller Center, authenticated by the route's own signature check (its middleware). */
export const signedRoute = <R extends Declared>(r: R) => declare<R>({ kind: "signed" }, [], undefined, r);

/** A partner: a signed-in partner user, or an API key with `scope`. */
export const partnerRoute = <R extends Declared>(scope: ApiKeyScope, r: R) =>
  declare<R>({ kind: "partner", scope }, [{ apiKey: [scope] }, { partnerSession: [scope] }], requirePartnerScope(scope), r);

/** A signed-in partner user; an API key is not a person and gets 401. */
export const partnerSessionRoute = <R extends Declared>(r: R) =>
  declare<R>({ kind: "partner_session" }, [{ partnerSession: [] }], requirePartnerSession, r);

/** Any valid API key, describing itself; a session gets 403 (it has no key). */
export const apiKeyRoute = <R extends Declared>(r: R) => declare<R>({ kind: "api_key" }, [{ apiKey: [] }], requireApiKey, r);

/** Staff with one of `roles` (every staff role when "any": analysts read everything). */
export const staffRoute = <R extends Declared>(roles: readonly StaffRole[] | "any", r: R) => {
  const list = roles === "any" ? STAFF_ROLES : roles;
  return declare<R>({ kind: "staff", roles: list }, [{ staffSession: [...list] }], requireStaffRole(list), r);
};

/** The caller a partnerRoute (or partnerSessionRoute, apiKeyRoute) let through. */
export const partnerOf = (c: Context<AppEnv>): PartnerPrincipal => {
  const p = c.get("principal");
  if (!p || p.kind === "staff") throw new Unauthenticated(PARTNER_ONLY);
  return p;
};

/** The member a partnerSessionRoute let through. */
export const memberOf = (c: Context<AppEnv>): Extract<PartnerPrincipal, { kind: "partner_user" }> => {
  const p = c.get("principal");
  if (p?.kind !== "partner_user") throw new Unauthenticated("Sign in to the partner portal.");
  return p;
};

/** The caller a staffRoute let through. */
export const staffOf = (c: Context<AppEnv>): StaffPrincipal => {
  const p = c.get("principal");
  if (p?.kind !== "staff") throw new Unauthenticated(STAFF_ONLY);
  return p;
};

/** One operation's module: its declared route and the handler typed against it (RouteHandler<typeof route>). */
export type Operation = { route: ReturnType<typeof createRoute>; handler: unknown };

/**
 * A sub-app serving `ops`. They are registered one by one, not as one chained expression: a chain's
 * type accumulates the schema of every route before it, which made typechecking the API several
 * times slower (docs/testing.md). Each handler was checked against its route in its own module.
 */
export const operations = (...ops: Operation[]) => {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  for (const op of ops) app.openapi(op.route, op.handler as never);
  return app;
};
