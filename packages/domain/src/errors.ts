import type { ErrorCode } from "./catalogue/errors.ts";
import type { Params } from "./catalogue/words.ts";

/** One error vocabulary for every layer; the API maps these to HTTP in a single onError. */
export type FieldIssue = { path: string; message: string; code?: ErrorCode; params?: Params };

export abstract class DomainError extends Error {
  /** The HTTP-level kind (it sets the status); `specific` is the code clients see when given. */
  abstract readonly code: string;
  readonly details: unknown;
  specific: ErrorCode | undefined;
  params: Params = {};
  constructor(message: string, details?: unknown) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
  /** Names the refusal with its own catalogue code and the parameters its words need. */
  because(code: ErrorCode, params: Params = {}): this {
    this.specific = code;
    this.params = params;
    return this;
  }
}

export class NotFound extends DomainError {
  readonly code = "not_found";
}
export class Conflict extends DomainError {
  readonly code = "conflict";
}
export class InvalidTransition extends DomainError {
  readonly code = "invalid_transition";
  constructor(
    readonly entity: string,
    readonly from: string | null,
    readonly action: string,
    message?: string,
  ) {
    super(message ?? `Cannot ${action} a ${entity} that is ${from ?? "new"}.`, { entity, from, action });
  }
}
export class Forbidden extends DomainError {
  readonly code = "forbidden";
}
export class Unauthenticated extends DomainError {
  readonly code = "unauthenticated";
}
export class Validation extends DomainError {
  readonly code = "validation_failed";
  readonly issues: FieldIssue[];
  constructor(message: string, issues: FieldIssue[]) {
    super(message, { fields: issues });
    this.issues = issues;
  }
}

/**
 * Turns zod issues into field-level detail. An unknown key (zod reports it once, on the parent
 * object) becomes one issue per key at the key's own path, so a client can point at the field.
 */
export function issuesFromZod(
  issues: ReadonlyArray<ZodLikeIssue>,
  /** Where the fields live when not in the body, e.g. "query". */
  prefix = "",
): FieldIssue[] {
  const toPath = (path: ReadonlyArray<PropertyKey>) =>
    [prefix, ...path.map((p) => String(p))].filter(Boolean).join(".") || "(body)";
  return issues.flatMap((i) => {
    if (i.code === "unrecognized_keys" && i.keys && i.keys.length > 0) {
      return i.keys.map((k) => ({
        path: toPath([...i.path, k]),
        message: `Unknown field "${k}".`,
        code: "field_unknown" as const,
        params: { key: k },
      }));
    }
    return [{ path: toPath(i.path), message: i.message, ...fieldCode(i) }];
  });
}

type ZodLikeIssue = {
  path: ReadonlyArray<PropertyKey>;
  message: string;
  code?: string;
  keys?: ReadonlyArray<string>;
  expected?: unknown;
  origin?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  format?: unknown;
  values?: ReadonlyArray<unknown>;
};

const num = (v: unknown) => (typeof v === "bigint" ? Number(v) : typeof v === "number" ? v : 0);

/** A zod issue as a catalogue code per rule, with the parameters its words need (never zod's English). */
function fieldCode(i: ZodLikeIssue): { code: ErrorCode; params?: Params } {
  const sized = i.origin === "string" || i.origin === "array" || i.origin === "set";
  switch (i.code) {
    case "invalid_type":
      return / received undefined$/.test(i.message)
        ? { code: "field_required" }
        : { code: "field_invalid_type", params: { expected: String(i.expected ?? "") } };
    case "too_small":
      if (sized && num(i.minimum) === 1) return { code: "field_required" };
      return { code: sized ? "field_too_short" : "field_too_small", params: { minimum: num(i.minimum) } };
    case "too_big":
      return { code: sized ? "field_too_long" : "field_too_big", params: { maximum: num(i.maximum) } };
    case "invalid_format":
    case "invalid_string":
      return { code: "field_invalid_format", params: { format: String(i.format ?? "value") } };
    case "invalid_value":
    case "invalid_enum_value":
      return { code: "field_invalid_value", params: { options: (i.values ?? []).map(String) } };
    default:
      return { code: "field_invalid" };
  }
}

/** The password was right but the account has two-factor on: send the same request again with `code`. */
export class TwoFactorRequired extends DomainError {
  readonly code = "two_factor_required";
}
/** The account must turn two-factor on (a staff admin, or a team whose owner requires it) before it acts. */
export class TwoFactorEnrolmentRequired extends DomainError {
  readonly code = "two_factor_enrolment_required";
}
/** The signed-in person has not confirmed their address yet (docs/teams-and-account-security.md: they may prepare, not submit). */
export class EmailNotVerified extends DomainError {
  readonly code = "email_not_verified";
}
/** A mailed link (reset, verification) that is unknown, used or expired: `details.reason` says which. */
export class LinkNotValid extends DomainError {
  readonly code = "link_not_valid";
}
