import { type AuditInput, type Executor, insertAuditEvent, newId } from "@shopreg/db";
import type { PartnerPrincipal, Principal, UseCaseContext } from "../context.ts";

export function actorOf(p: Principal | undefined): Pick<AuditInput, "actor_type" | "actor_id" | "actor_label"> {
  if (!p) return { actor_type: "system", actor_id: null, actor_label: null };
  if (p.kind === "api_key") return { actor_type: "api_key", actor_id: p.keyId, actor_label: p.prefix };
  if (p.kind === "staff") return { actor_type: "user", actor_id: p.userId, actor_label: `${p.role}:${p.email}` };
  return { actor_type: "user", actor_id: p.userId, actor_label: p.email };
}

/** The member acting, or null when an API key acts (a key belongs to the account, not to a person). */
export const actingUserId = (p: PartnerPrincipal) => (p.kind === "partner_user" ? p.userId : null);

type AuditFields = Omit<AuditInput, "id" | "occurred_at" | "actor_type" | "actor_id" | "actor_label" | "request_id"> &
  Partial<Pick<AuditInput, "actor_type" | "actor_id" | "actor_label">>;

/** Records a change in the caller's transaction, so the change and its audit row land together. */
export const audit = (
  trx: Executor,
  ctx: Pick<UseCaseContext, "clock" | "requestId"> & { principal?: Principal | undefined },
  e: AuditFields,
) => insertAuditEvent(trx, { id: newId(), occurred_at: ctx.clock(), request_id: ctx.requestId, ...actorOf(ctx.principal), ...e });
