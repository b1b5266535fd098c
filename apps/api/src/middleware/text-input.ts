import { type FieldIssue, Validation } from "@shopreg/domain";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../context.ts";

/** NUL, which PostgreSQL text cannot hold, and UTF-16 surrogates without their pair, which no UTF-8 can encode. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const MESSAGE = "Contains a NUL character or an unpaired surrogate; send valid Unicode text without U+0000.";

/** Deeper than any body the API takes; deeper input is refused before anything walks it recursively. */
export const MAX_JSON_DEPTH = 32;

/** Checks every string (keys too) without recursion, so no nesting depth can exhaust the stack. */
function walk(root: unknown, out: FieldIssue[]) {
  const stack: { value: unknown; path: string[] }[] = [{ value: root, path: [] }];
  while (stack.length > 0 && out.length < 20) {
    const { value, path } = stack.pop() as { value: unknown; path: string[] };
    if (typeof value === "string") {
      if (UNSTORABLE.test(value)) out.push({ path: path.join(".") || "(body)", message: MESSAGE, code: "invalid_text" });
      continue;
    }
    if (!value || typeof value !== "object") continue;
    if (path.length >= MAX_JSON_DEPTH) {
      out.push({
        path: path.join("."),
        message: `Nested deeper than ${MAX_JSON_DEPTH} levels; no field of this API is that deep.`,
        code: "too_deep",
        params: { max: MAX_JSON_DEPTH },
      });
      return;
    }
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [k, v] = entries[i] as readonly [string, unknown];
      if (!Array.isArray(value) && UNSTORABLE.test(k)) {
        out.push({ path: [...path, k].join("."), message: MESSAGE, code: "invalid_text" });
      } else stack.push({ value: v, path: [...path, k] });
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
      walk(body, issues);
    }
    if (issues.length > 0) throw new Validation("The request is invalid; see details.fields.", issues);
    await next();
  };
