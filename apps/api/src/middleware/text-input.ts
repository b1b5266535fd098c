import { type FieldIssue, Validation } from "@shopreg/domain";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../context.ts";

/** NUL, which PostgreSQL text cannot hold, and UTF-16 surrogates without their pair, which no UTF-8 can encode. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const MESSAGE = "Contains a NUL character or an unpaired surrogate; send valid Unicode text without U+0000.";

function walk(value: unknown, path: string[], out: FieldIssue[]) {
  if (out.length >= 20) return;
  if (typeof value === "string") {
    if (UNSTORABLE.test(value)) out.push({ path: path.join(".") || "(body)", message: MESSAGE, code: "invalid_text" });
  } else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) walk(v, [...path, String(i)], out);
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (UNSTORABLE.test(k)) out.push({ path: [...path, k].join("."), message: MESSAGE, code: "invalid_text" });
      else walk(v, [...path, k], out);
    }
  }
}

/**
 * The one place every string input is checked before any validator or query sees it: the JSON
 * body (keys too), the query and the path parameters. A bad value is a 422 naming the field, not a
 * database error. `paramNames` names a path's parameters from the app's route table.
 */
export const refuseUnstorableText =
  (paramNames: (method: string, path: string) => Map<number, string>): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const issues: FieldIssue[] = [];
    const segments = c.req.path.split("/");
    const names = segments.some((s) => UNSTORABLE.test(s)) ? paramNames(c.req.method, c.req.path) : undefined;
    segments.forEach((segment, i) => {
      if (UNSTORABLE.test(segment)) {
        issues.push({ path: `path.${names?.get(i) ?? String(i)}`, message: MESSAGE, code: "invalid_text" });
      }
    });
    for (const [name, values] of Object.entries(c.req.queries())) {
      if (UNSTORABLE.test(name) || values.some((v) => UNSTORABLE.test(v))) {
        issues.push({ path: `query.${name}`, message: MESSAGE, code: "invalid_text" });
      }
    }
    if (/json/i.test(c.req.header("content-type") ?? "") && !["GET", "HEAD", "OPTIONS"].includes(c.req.method)) {
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        body = undefined; // malformed JSON: the route's validator answers 400 malformed_json
      }
      walk(body, [], issues);
    }
    if (issues.length > 0) throw new Validation("The request is invalid; see details.fields.", issues);
    await next();
  };
