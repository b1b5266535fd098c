import type { AuditAction, AuditEntityType } from "@shopreg/domain";
import type { AuditEvent, Executor } from "../schema.ts";
import { type Page, type PageParams, pageNewestFirst } from "./page.ts";

export type AuditInput = {
  id: string;
  occurred_at: Date;
  actor_type: AuditEvent["actor_type"];
  actor_id: string | null;
  actor_label?: string | null;
  partner_id: string | null;
  /** Only the vocabulary in @shopreg/domain's audit.ts: the dashboard labels and filters every row. */
  entity_type: AuditEntityType;
  entity_id: string;
  action: AuditAction;
  from_status?: string | null;
  to_status?: string | null;
  reason?: string | null;
  request_id?: string | null;
  data?: Record<string, unknown> | null;
};

/** Written in the same transaction as the change it records. */
export const insertAuditEvent = (db: Executor, e: AuditInput) =>
  db
    .insertInto("audit_events")
    .values({ ...e, data: e.data ? e.data : null })
    .execute();

export const listEntityHistory = (db: Executor, entityType: string, entityId: string) =>
  db
    .selectFrom("audit_events")
    .selectAll()
    .where("entity_type", "=", entityType)
    .where("entity_id", "=", entityId)
    .orderBy("id", "asc")
    .execute();

export type AuditFilters = {
  actorId?: string | undefined;
  actorType?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  partnerId?: string | undefined;
};

export async function listAuditEvents(db: Executor, params: PageParams & AuditFilters): Promise<Page<AuditEvent>> {
  let query = db.selectFrom("audit_events").selectAll();
  if (params.actorId) query = query.where("actor_id", "=", params.actorId);
  if (params.actorType) query = query.where("actor_type", "=", params.actorType as AuditEvent["actor_type"]);
  if (params.entityType) query = query.where("entity_type", "=", params.entityType);
  if (params.entityId) query = query.where("entity_id", "=", params.entityId);
  if (params.action) query = query.where("action", "=", params.action);
  if (params.partnerId) query = query.where("partner_id", "=", params.partnerId);
  return pageNewestFirst(query, params);
}
