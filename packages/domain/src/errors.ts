/** One error vocabulary for every layer; the API maps these to HTTP in a single onError. */
export type FieldIssue = { path: string; message: string; code?: string };

export abstract class DomainError extends Error {
  abstract readonly code: string;
  readonly details: unknown;
  constructor(message: string, details?: unknown) {
    super(message);
    this.name = new.target.name;
    this.details = details;
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
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string; code?: string; keys?: ReadonlyArray<string> }>,
  /** Where the fields live when not in the body, e.g. "query". */
  prefix = "",
): FieldIssue[] {
  const toPath = (path: ReadonlyArray<PropertyKey>) =>
    [prefix, ...path.map((p) => String(p))].filter(Boolean).join(".") || "(body)";
  return issues.flatMap((i) => {
    const code = i.code ? { code: i.code } : {};
    if (i.code === "unrecognized_keys" && i.keys && i.keys.length > 0) {
      return i.keys.map((k) => ({ path: toPath([...i.path, k]), message: `Unknown field "${k}".`, ...code }));
    }
    return [{ path: toPath(i.path), message: i.message, ...code }];
  });
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
