import { findUserById, listApprovedPairs, type Service } from "@shopreg/db";
import { type ActionCaller, type ServiceAllowedAction, serviceActionsFor } from "@shopreg/domain";
import type { StaffPrincipal, UseCaseContext } from "../context.ts";

/**
 * The caller as allowed_actions needs them: staff by role; a member or key by the scopes they hold
 * and whether the address behind them (the member's, or the key's maker's) is confirmed.
 */
export async function actionCallerOf(ctx: UseCaseContext): Promise<ActionCaller> {
  const p = ctx.principal;
  if (p.kind === "staff") return { kind: "staff", role: p.role };
  const user = await findUserById(ctx.db, p.kind === "partner_user" ? p.userId : p.makerId);
  return { kind: "partner", scopes: p.scopes, email_verified: Boolean(user?.email_verified_at) };
}

/**
 * allowed_actions for a partner's services as the caller may take them: publishing is offered only
 * while the category and market hold an Approved application (a revoked one answers 403).
 */
export async function serviceActionsOf(
  ctx: UseCaseContext,
  partnerId: string,
): Promise<(s: Pick<Service, "status" | "category_id" | "target_market">) => ServiceAllowedAction[]> {
  const caller = await actionCallerOf(ctx);
  if (caller.kind === "staff") return () => [];
  const approved = new Set((await listApprovedPairs(ctx.db, partnerId)).map((a) => `${a.category_id}|${a.target_market}`));
  return (s) => serviceActionsFor(s.status, approved.has(`${s.category_id}|${s.target_market}`), caller);
}

/** Staff act by role alone (the machine's actors). */
export const staffCaller = (p: StaffPrincipal): ActionCaller => ({ kind: "staff", role: p.role });
