import {
  DomainError,
  ERROR_WORDS,
  type ErrorCode,
  type FieldIssue,
  InvalidTransition,
  isErrorCode,
  issuesFromZod,
  type Lang,
  langOf,
  type Params,
  say,
  Validation,
} from "@shopreg/domain";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "./context.ts";

export type ErrorBody = { error: { code: string; message: string; request_id: string; details?: unknown } };

export class RateLimited extends DomainError {
  readonly code = "rate_limited";
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many requests. Retry in ${retryAfterSeconds} s.`);
  }
}

const STATUS: Record<string, ContentfulStatusCode> = {
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  forbidden: 403,
  unauthenticated: 401,
  validation_failed: 422,
  rate_limited: 429,
  limit_reached: 409,
  two_factor_required: 401,
  two_factor_enrolment_required: 403,
  email_not_verified: 403,
  link_not_valid: 410,
};

const HTTP_CODES: Record<number, ErrorCode> = {
  400: "bad_request",
  401: "unauthenticated",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  413: "payload_too_large",
  415: "unsupported_media_type",
};

/** The language the caller asked for (Accept-Language: en or zh-CN; en by default). */
export const langOfRequest = (c: Context<AppEnv>): Lang => langOf(c.req.header("accept-language"));

/**
 * The message for a code in the caller's language, from the catalogue's words. In English a
 * message written where the error was raised (often more precise) is kept; in Chinese the words
 * of the code are used, so no English server text reaches a Chinese screen.
 */
export function messageOf(lang: Lang, code: string, english: string, params?: Params): string {
  if (!isErrorCode(code)) return english;
  return lang === "en" ? english || say(ERROR_WORDS[code], "en", params) : say(ERROR_WORDS[code], lang, params);
}

export function errorResponse(
  c: Context<AppEnv>,
  status: ContentfulStatusCode,
  // A catalogue code, so every answer the API sends has its words in both languages.
  code: ErrorCode,
  message: string,
  details?: unknown,
) {
  const body: ErrorBody = {
    error: {
      code,
      message: messageOf(langOfRequest(c), code, message),
      request_id: c.get("requestId") ?? "",
      ...(details !== undefined ? { details } : {}),
    },
  };
  c.header("Content-Language", langOfRequest(c) === "zh" ? "zh-CN" : "en");
  return c.json(body, status);
}

/** Field issues in the caller's language (Chinese from the words of each rule's code). */
const localFields = (lang: Lang, fields: FieldIssue[]) =>
  lang === "en" ? fields : fields.map((f) => ({ ...f, message: say(ERROR_WORDS[f.code ?? "field_invalid"], lang, f.params) }));

/** A domain error as its body: the specific code when it has one, its words, its parameters beside its details. */
function domainErrorResponse(c: Context<AppEnv>, err: DomainError) {
  const lang = langOfRequest(c);
  const code = err.specific ?? err.code;
  let details = err instanceof InvalidTransition ? { entity: err.entity, from: err.from, action: err.action } : err.details;
  if (err instanceof Validation) details = { ...(details as object), fields: localFields(lang, err.issues) };
  if (err.specific && err.specific !== err.code && Object.keys(err.params).length > 0) {
    details = { ...(details && typeof details === "object" ? details : {}), params: err.params };
  }
  const message = lang === "en" || !isErrorCode(code) ? err.message : say(ERROR_WORDS[code], lang, err.params);
  const body: ErrorBody = {
    error: { code, message, request_id: c.get("requestId") ?? "", ...(details !== undefined ? { details } : {}) },
  };
  c.header("Content-Language", lang === "zh" ? "zh-CN" : "en");
  return c.json(body, STATUS[err.code] ?? 400);
}

/** The one place errors become HTTP. */
export function onError(err: Error, c: Context<AppEnv>) {
  if (err instanceof RateLimited) c.header("Retry-After", String(err.retryAfterSeconds));
  if (err instanceof DomainError) return domainErrorResponse(c, err);
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const message =
      status === 400 && /json/i.test(err.message)
        ? "The request body is not valid JSON."
        : status === 413
          ? "The request body is too large."
          : err.message || "Bad request.";
    return errorResponse(
      c,
      status,
      status === 400 && /json/i.test(err.message) ? "malformed_json" : (HTTP_CODES[status] ?? "bad_request"),
      message,
    );
  }
  // A unique violation that a use case did not anticipate is still a conflict, not a crash.
  if ((err as { code?: string }).code === "23505") {
    return errorResponse(c, 409, "conflict", "The change conflicts with existing data; reload and try again.");
  }
  c.get("services")?.logger.error("unhandled error", { request_id: c.get("requestId"), error: err.stack ?? String(err) });
  return errorResponse(
    c,
    500,
    "internal_error",
    "Something went wrong on our side. Retry later; quote the request id if it persists.",
  );
}

/** zod-openapi's hook: turns a failed request validation into field-level detail. */
export function validationHook(
  result: {
    success: boolean;
    target?: string;
    error?: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string; code?: string }> };
  },
  _c: unknown,
) {
  if (!result.success && result.error) {
    const prefix = result.target === "json" ? "" : result.target === "param" ? "path" : (result.target ?? "");
    throw new Validation("The request is invalid; see details.fields.", issuesFromZod(result.error.issues, prefix));
  }
}
