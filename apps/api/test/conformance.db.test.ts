import { testEngines } from "@shopreg/db/testing";
import { sample } from "openapi-sampler";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIGNATURE_HEADER, signConversion, TIMESTAMP_HEADER } from "../src/auth/signatures.ts";
import { startTestApi, type TestApi, type TestResponse } from "../src/testing.ts";
import { closedIncentiveProgram, partnerWithService } from "./helpers.ts";

/**
 * Issue 29: the document says exactly what the server does. For every operation of /openapi.json
 * this sends a request that is valid by the document (sampled from its schemas by openapi-sampler,
 * with a caller the operation declares) and asserts the server does not refuse it as malformed
 * (400/422); then requests that break one constraint each, and asserts each is a 4xx naming the
 * field. Every answer's status must be one the operation declares.
 */

type Schema = Record<string, unknown> & {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  format?: string;
  minItems?: number;
  additionalProperties?: unknown;
  $ref?: string;
};
type Parameter = { name: string; in: "query" | "path" | "header"; required?: boolean; schema: Schema };
type Operation = {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, unknown>;
  "x-shopreg-caller": { kind: string; roles?: string[] };
};
type Doc = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

/**
 * Refusals that depend on a secret the document cannot know (the caller's current password, a code
 * from their authenticator): the field is named. Nothing else may refuse a valid request.
 */
const NEEDS_A_SECRET = new Set(
  ["/v1/me", "/v1/staff/me"].flatMap((me) => [
    `POST ${me}/password current_password`,
    `POST ${me}/two-factor/confirm code`,
    `POST ${me}/two-factor/confirm password`,
    `POST ${me}/two-factor/recovery-codes code`,
    `POST ${me}/two-factor/recovery-codes password`,
    `POST ${me}/two-factor/disable code`,
    `POST ${me}/two-factor/disable password`,
  ]),
);

/**
 * openapi-sampler fills a string with "string" whatever its pattern: for a pattern, the first of
 * these values that fits it (and its lengths) is used, and a pattern none fits fails the test.
 */
const PATTERN_VALUES = [
  "123456",
  "US",
  "UTC",
  "Acme Global",
  "+1 415 555 0134",
  "jane@example.com",
  "3f1c2a9e-5b7d-4c1e-9a2b-6d8e0f1a2b3c",
  "A reason long enough",
];

/** A (non-GET) operation that ends the caller's own sessions or credentials runs last. */
const LAST = [/\/password$/, /sessions/, /two-factor\/disable/, /\/session$/];

describe.each(testEngines())("the document and the server agree on $engine", ({ engine }) => {
  let api: TestApi;
  let doc: Doc;
  const callers: Record<string, { cookie?: string; token?: string }> = {};
  /** Ids of a seeded world, by the path before the parameter: GET operations read real rows (200, not 404). */
  const ids: Record<string, string> = {};

  const resolve = (s: Schema): Schema =>
    s.$ref ? resolve(doc.components.schemas[s.$ref.split("/").at(-1) as string] as Schema) : s;

  beforeAll(async () => {
    api = await startTestApi(engine);
    doc = (await api.request("/openapi.json")).body;
    for (const role of ["admin", "reviewer", "analyst"] as const) callers[`staff:${role}`] = await api.staff(role);
    const reviewer = callers["staff:reviewer"] as { cookie: string };
    const world = await partnerWithService(api, reviewer.cookie);
    const partner = world.partner;
    const endpoint = await api.request("/v1/webhook-endpoints", {
      cookie: partner.cookie,
      body: { url: "https://hooks.example.com/shopreg" },
    });
    expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);
    const incentives = await closedIncentiveProgram(api, (callers["staff:admin"] as { cookie: string }).cookie, partner.cookie);
    Object.assign(ids, {
      "/v1/incentives/programs/{id}": incentives.programId,
      "/v1/incentives/statements/{id}": incentives.statementId,
      "/v1/staff/incentive-programs/{id}": incentives.programId,
      "/v1/applications/{id}": world.applicationId,
      "/v1/services/{id}": world.serviceId,
      "/v1/webhook-endpoints/{id}": endpoint.body.id,
      "/v1/staff/applications/{id}": world.applicationId,
      "/v1/staff/services/{id}": world.serviceId,
      "/v1/staff/partners/{id}": partner.partnerId,
      "/v1/staff/partners/{id}/members/{user_id}": partner.userId,
    });
    const key = await api.request("/v1/api-keys", {
      cookie: partner.cookie,
      body: {
        name: "conformance",
        scopes: doc.paths["/v1/api-keys"]?.post?.requestBody ? allScopes(doc) : undefined,
      },
    });
    expect(key.status, JSON.stringify(key.body)).toBe(201);
    callers.partner_session = { cookie: partner.cookie };
    callers.api_key = { token: key.body.secret };
    callers.partner = { token: key.body.secret };
  });
  afterAll(async () => api?.close());

  const operations = () =>
    Object.entries(doc.paths)
      .flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method: method.toUpperCase(), op })))
      .sort((a, b) => rank(a) - rank(b));
  const rank = (o: { path: string; method: string }) => (o.method === "GET" ? 0 : LAST.some((r) => r.test(o.path)) ? 2 : 1);

  const callerOf = (op: Operation) => {
    const c = op["x-shopreg-caller"];
    if (c.kind === "staff") return callers[`staff:${c.roles?.includes("admin") ? "admin" : c.roles?.[0]}`] ?? {};
    return callers[c.kind] ?? {};
  };

  /** The request valid by the document: required parameters and body fields, sampled. */
  function validRequest(path: string, method: string, op: Operation) {
    let url = path;
    const query = new URLSearchParams();
    const headers: Record<string, string> = {};
    for (const p of op.parameters ?? []) {
      if (p.in === "path") {
        const prefix = path.slice(0, path.indexOf(`{${p.name}}`) + p.name.length + 2);
        // Seeded ids for reads only: a write on them could end the callers' own access half-way.
        const seeded = method === "GET" ? ids[prefix] : undefined;
        url = url.replace(`{${p.name}}`, encodeURIComponent(String(seeded ?? sampleOf(p.schema))));
      } else if (p.required && p.in === "query") query.set(p.name, String(sampleOf(p.schema)));
      else if (p.required && p.in === "header") headers[p.name] = String(sampleOf(p.schema));
    }
    const schema = op.requestBody?.content["application/json"]?.schema;
    let body: unknown;
    if (schema) {
      const s = resolve(schema);
      const sampled = sample(s as never, { skipNonRequired: true }, doc as never) as Record<string, unknown>;
      body = fitPatterns(s, sampled);
      // The sampler does not honour minProperties: add optional fields until it holds.
      const names = Object.keys(s.properties ?? {});
      for (const name of names) {
        if (Object.keys(body as object).length >= ((s.minProperties as number | undefined) ?? 0)) break;
        const prop = resolve((s.properties as Record<string, Schema>)[name] as Schema);
        (body as Record<string, unknown>)[name] = fitPatterns(prop, sampleOf(prop));
      }
    }
    return { url, query, headers, body };
  }
  const sampleOf = (s: Schema) => fitPatterns(resolve(s), sample(resolve(s) as never, {}, doc as never));
  /** Replaces a sampled string that breaks its pattern with the first PATTERN_VALUES value that fits. */
  const fitPatterns = (s: Schema, value: unknown): unknown => {
    if (typeof value === "string" && s.pattern && !new RegExp(s.pattern, "u").test(value)) {
      // A list of values (`exactly` in @shopreg/domain): its first.
      const listed = /^\^\(\?:([^()]*)\)\$$/.exec(s.pattern)?.[1]?.split("|")[0]?.replace(/\\(.)/g, "$1");
      if (listed !== undefined) return listed;
      const fit = PATTERN_VALUES.find(
        (v) => new RegExp(s.pattern as string, "u").test(v) && v.length >= (s.minLength ?? 0) && v.length <= (s.maxLength ?? 1e9),
      );
      if (fit === undefined) throw new Error(`No value fits the pattern ${s.pattern}: add an example to the schema.`);
      return fit;
    }
    if (Array.isArray(value) && s.items) return value.map((v) => fitPatterns(resolve(s.items as Schema), v));
    if (value && typeof value === "object" && !Array.isArray(value) && s.properties) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = s.properties[k] ? fitPatterns(resolve(s.properties[k]), v) : v;
      return out;
    }
    return value;
  };

  async function send(method: string, op: Operation, r: ReturnType<typeof validRequest>): Promise<TestResponse> {
    const q = r.query.toString();
    const caller = callerOf(op);
    const opts = { method, headers: r.headers, cookie: caller.cookie, token: caller.token };
    const path = `${r.url}${q ? `?${q}` : ""}`;
    if (op["x-shopreg-caller"].kind === "signed") {
      const raw = JSON.stringify(r.body);
      const ts = Math.floor(Date.now() / 1000);
      const secret = api.services.config.conversionsSecret;
      return api.request(path, {
        method,
        rawBody: raw,
        headers: { [TIMESTAMP_HEADER]: String(ts), [SIGNATURE_HEADER]: signConversion(secret, ts, raw) },
      });
    }
    return api.request(path, r.body === undefined ? opts : { ...opts, body: r.body });
  }

  it("answers every operation's valid request without refusing it (400/422), with a declared status", async () => {
    const refused: string[] = [];
    const undeclared: string[] = [];
    let sent = 0;
    const unread: string[] = [];
    for (const { path, method, op } of operations()) {
      const valid = validRequest(path, method, op);
      // The sample, then each other value of an enumerated body field (up to five per field).
      const requests = [valid];
      const schema = op.requestBody?.content["application/json"]?.schema;
      if (schema && valid.body && typeof valid.body === "object") {
        for (const [name, prop] of Object.entries(resolve(schema).properties ?? {})) {
          const p = resolve(prop);
          const fits = (v: unknown) => !p.pattern || new RegExp(p.pattern, "u").test(String(v));
          for (const value of (p.enum ?? []).filter(fits).slice(1, 5)) {
            requests.push({ ...valid, body: { ...valid.body, [name]: value } });
          }
        }
      }
      for (const r of requests) {
        sent++;
        const res = await send(method, op, r);
        const label = `${method} ${path} ${JSON.stringify(r.body)?.slice(0, 200)} -> ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`;
        const named = (res.body?.error?.details?.fields ?? []).map((f: { path: string }) => `${method} ${path} ${f.path}`);
        const secretOnly = named.length > 0 && named.every((n: string) => NEEDS_A_SECRET.has(n));
        if ((res.status === 400 || res.status === 422) && !secretOnly) refused.push(label);
        if (!(String(res.status) in op.responses)) undeclared.push(label);
        if (method === "GET" && res.status !== 200 && r === valid) unread.push(label);
      }
    }
    // Every read of the seeded world succeeds (anything else would hide a refusal behind a 404).
    expect(unread).toEqual([]);
    expect(sent).toBeGreaterThan(110);
    expect(refused).toEqual([]);
    expect(undeclared).toEqual([]);
  });

  it("refuses each broken constraint of a body or query with a 4xx naming the field, and declares it", async () => {
    const silent: string[] = [];
    const undeclared: string[] = [];
    let broken = 0;
    for (const { path, method, op } of operations()) {
      const valid = validRequest(path, method, op);
      const variants: { field: string; request: ReturnType<typeof validRequest> }[] = [];
      const schema = op.requestBody?.content["application/json"]?.schema;
      if (schema && valid.body && typeof valid.body === "object") {
        const s = resolve(schema);
        for (const [name, prop] of Object.entries(s.properties ?? {})) {
          for (const bad of breakersOf(resolve(prop))) {
            variants.push({ field: name, request: { ...valid, body: { ...valid.body, [name]: bad } } });
          }
        }
        if (s.additionalProperties === false) {
          variants.push({ field: "unknown_field", request: { ...valid, body: { ...valid.body, unknown_field: 1 } } });
        }
        for (const name of s.required ?? []) {
          const { [name]: _, ...rest } = valid.body as Record<string, unknown>;
          variants.push({ field: name, request: { ...valid, body: rest } });
        }
      }
      for (const p of op.parameters ?? []) {
        if (p.in !== "query") continue;
        for (const bad of breakersOf(resolve(p.schema))) {
          const query = new URLSearchParams(valid.query);
          query.set(p.name, String(bad));
          variants.push({ field: `query.${p.name}`, request: { ...valid, query } });
        }
      }
      const unknown = new URLSearchParams(valid.query);
      unknown.set("not_a_parameter", "1");
      variants.push({ field: "query.not_a_parameter", request: { ...valid, query: unknown } });

      for (const v of variants) {
        broken++;
        const res = await send(method, op, v.request);
        const label = `${method} ${path} [${v.field}] -> ${res.status} ${JSON.stringify(res.body)?.slice(0, 200)}`;
        if (!(String(res.status) in op.responses)) undeclared.push(label);
        // 401/403/404 mean the caller or the resource was refused first: nothing to name.
        if ([401, 403, 404].includes(res.status) || res.status === 429) continue;
        const text = JSON.stringify(res.body?.error ?? {});
        const bare = v.field.replace(/^query\./, "");
        if (res.status < 400 || res.status >= 500 || !text.includes(bare)) silent.push(label);
      }
    }
    expect(broken).toBeGreaterThan(300);
    expect(silent).toEqual([]);
    expect(undeclared).toEqual([]);
  });
});

function allScopes(doc: Doc): string[] | undefined {
  const body = doc.paths["/v1/api-keys"]?.post?.requestBody?.content["application/json"]?.schema;
  const schema = body?.$ref ? doc.components.schemas[body.$ref.split("/").at(-1) as string] : body;
  const items = (schema?.properties?.scopes as Schema | undefined)?.items as Schema | undefined;
  return items?.enum as string[] | undefined;
}

/** Values that break one constraint of a schema each (of the constraints the document states). */
function breakersOf(s: Schema): unknown[] {
  const out: unknown[] = [];
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (s.enum) out.push("not-one-of-the-values");
  if (types.includes("string")) {
    if (s.maxLength !== undefined) out.push("a".repeat(s.maxLength + 1));
    if (s.minLength !== undefined && s.minLength > 0 && !s.enum) out.push("a".repeat(s.minLength - 1));
    if (s.pattern && !s.enum) out.push("\u0007 not the pattern \u2028");
    if (s.format === "uuid") out.push("not-a-uuid");
    if (s.format === "date-time") out.push("yesterday");
    if (s.format === "email") out.push("0@com");
  }
  if (types.includes("integer") || types.includes("number")) {
    if (s.maximum !== undefined) out.push(s.maximum + 1);
    if (s.minimum !== undefined) out.push(s.minimum - 1);
  }
  if (types.includes("array") && s.minItems) out.push([]);
  return out;
}
