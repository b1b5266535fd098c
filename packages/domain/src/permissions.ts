import { type AllowedAction, type ApplicationAction, type ApplicationStatus, allowedApplicationActions } from "./application.ts";
import type { ApiKeyScope, StaffRole } from "./schemas.ts";
import { type ServiceAction, type ServiceStatus, serviceMachine } from "./service.ts";

/**
 * Who is asking, as far as what they may do next depends on it: a partner member (session or API
 * key) by the scopes they hold and whether the address behind them is confirmed; staff by role.
 * The API computes `allowed_actions` from this, so a screen offers only steps that will not answer 403.
 */
export type ActionCaller =
  | { kind: "partner"; scopes: readonly ApiKeyScope[]; email_verified: boolean }
  | { kind: "staff"; role: StaffRole };

/** Partner steps that need a confirmed address (403 email_not_verified otherwise). */
const NEEDS_VERIFIED_EMAIL: readonly ApplicationAction[] = ["submit", "resubmit"];

/**
 * The next steps a caller may take with an application: the machine's steps for the caller's actor,
 * kept only when the caller holds the scope (applications:write) and, for a submission, a confirmed address.
 */
export function applicationActionsFor(status: ApplicationStatus, caller: ActionCaller): AllowedAction[] {
  if (caller.kind === "staff") return allowedApplicationActions(status, caller.role);
  if (!caller.scopes.includes("applications:write")) return [];
  return allowedApplicationActions(status, "partner").filter(
    (a) => caller.email_verified || !NEEDS_VERIFIED_EMAIL.includes(a.action as ApplicationAction),
  );
}

export type ServiceAllowedAction = AllowedAction<Exclude<ServiceAction, "create" | "force_off"> | "update">;

/**
 * The next steps a partner may take with a service. Publishing (first time or again) needs an
 * Approved application for its category and market: a revoked approval turns the service off and
 * leaves it off, so "publish" is not offered. Staff act on services only through revocation.
 */
export function serviceActionsFor(status: ServiceStatus, approved: boolean, caller: ActionCaller): ServiceAllowedAction[] {
  if (caller.kind !== "partner" || !caller.scopes.includes("services:write")) return [];
  const steps = serviceMachine.transitions
    .filter((t) => t.from === status && t.actors.includes("partner"))
    .map((t) => t.action)
    .filter((a): a is "publish" | "deactivate" => a === "publish" || a === "deactivate")
    .filter((a) => a !== "publish" || approved);
  return (["update", ...steps] as const).map((action) => ({ action, reason_required: false, reason_min_length: null }));
}
