import { type ApplicationStatus, LIVE_APPLICATION_STATUSES } from "@shopreg/domain";
import { sql } from "kysely";
import type { Application, ApplicationRevision, Executor } from "../schema.ts";
import { type Page, type PageParams, pageNewestFirst, toPage } from "./page.ts";

export type NewApplicationRow = {
  id: string;
  partner_id: string;
  category_id: string;
  target_market: string;
  form_version: number;
  details: Record<string, unknown>;
  status: ApplicationStatus;
  created_at: Date;
};

export const insertApplication = (db: Executor, row: NewApplicationRow) =>
  db
    .insertInto("applications")
    .values({ ...row, details: row.details, updated_at: row.created_at })
    .returningAll()
    .executeTakeFirstOrThrow();

export const findApplication = (db: Executor, id: string) =>
  db.selectFrom("applications").selectAll().where("id", "=", id).executeTakeFirst();

/** Locks the row for the rest of the transaction: concurrent transitions queue behind each other. */
export const lockApplication = (db: Executor, id: string) =>
  db.selectFrom("applications").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();

export type ApplicationPatch = {
  details?: Record<string, unknown>;
  status?: ApplicationStatus;
  revision?: number;
  submitted_at?: Date;
  decided_at?: Date | null;
  decided_by?: string | null;
  decision_reason?: string | null;
  updated_at: Date;
};

export const updateApplication = (db: Executor, id: string, patch: ApplicationPatch) => {
  const { details, ...rest } = patch;
  return db
    .updateTable("applications")
    .set({ ...rest, ...(details !== undefined ? { details: details } : {}) })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
};

const liveApplication = (db: Executor, partnerId: string, categoryId: string, market: string) =>
  db
    .selectFrom("applications")
    .selectAll()
    .where("partner_id", "=", partnerId)
    .where("category_id", "=", categoryId)
    .where("target_market", "=", market)
    .where("status", "in", LIVE_APPLICATION_STATUSES);

export const findLiveApplication = (db: Executor, partnerId: string, categoryId: string, market: string) =>
  liveApplication(db, partnerId, categoryId, market).executeTakeFirst();

/**
 * The live application, share-locked for the rest of the transaction. A publish that relies on the
 * approval holds it: a concurrent revoke waits until the publish commits (and then turns the new
 * On service Off), or the publish waits for the revoke and sees the application no longer live.
 */
export const lockLiveApplication = (db: Executor, partnerId: string, categoryId: string, market: string) =>
  liveApplication(db, partnerId, categoryId, market).forShare().executeTakeFirst();

export async function listPartnerApplications(
  db: Executor,
  partnerId: string,
  params: PageParams & { status?: ApplicationStatus | undefined },
): Promise<Page<Application>> {
  let query = db.selectFrom("applications").selectAll().where("partner_id", "=", partnerId);
  if (params.status) query = query.where("status", "=", params.status);
  return pageNewestFirst(query, params);
}

/** The category and market pairs a partner holds an Approved application for (what publishing needs). */
export const listApprovedPairs = (db: Executor, partnerId: string) =>
  db
    .selectFrom("applications")
    .select(["category_id", "target_market"])
    .where("partner_id", "=", partnerId)
    .where("status", "=", "APPROVED")
    .execute();

export type QueueFilters = {
  status?: ApplicationStatus[] | undefined;
  market?: string | undefined;
  entityType?: "US" | "NON_US" | undefined;
  submittedFrom?: Date | undefined;
  submittedTo?: Date | undefined;
  partnerName?: string | undefined;
  partnerId?: string | undefined;
};

export type QueueRow = Application & { partner_company_name: string; partner_entity_type: "US" | "NON_US" };

/** The review queue: submitted applications only (drafts stay private), oldest submission first. */
export async function listApplicationQueue(db: Executor, params: PageParams & QueueFilters): Promise<Page<QueueRow>> {
  let query = db
    .selectFrom("applications")
    .innerJoin("partners", "partners.id", "applications.partner_id")
    .selectAll("applications")
    .select(["partners.company_name as partner_company_name", "partners.entity_type as partner_entity_type"])
    .where("applications.submitted_at", "is not", null);
  if (params.status?.length) query = query.where("applications.status", "in", params.status);
  if (params.market) query = query.where("applications.target_market", "=", params.market);
  if (params.entityType) query = query.where("partners.entity_type", "=", params.entityType);
  if (params.submittedFrom) query = query.where("applications.submitted_at", ">=", params.submittedFrom);
  if (params.submittedTo) query = query.where("applications.submitted_at", "<", params.submittedTo);
  if (params.partnerId) query = query.where("applications.partner_id", "=", params.partnerId);
  if (params.partnerName)
    query = query.where("partners.company_name", "ilike", `%${params.partnerName.replace(/[%_\\]/g, "\\$&")}%`);
  if (params.cursor) {
    const { k, id } = params.cursor;
    query = query.where(sql<boolean>`(applications.submitted_at, applications.id) > (${new Date(String(k))}, ${id}::uuid)`);
  }
  const rows = await query
    .orderBy("applications.submitted_at", "asc")
    .orderBy("applications.id", "asc")
    .limit(params.limit + 1)
    .execute();
  return toPage(rows as QueueRow[], params.limit, (r) => ({ k: (r.submitted_at as Date).toISOString(), id: r.id }));
}

export const insertRevision = (
  db: Executor,
  row: { application_id: string; revision: number; details: Record<string, unknown>; submitted_at: Date },
) =>
  db
    .insertInto("application_revisions")
    .values({ ...row, details: row.details })
    .execute();

export const listRevisions = (db: Executor, applicationId: string): Promise<ApplicationRevision[]> =>
  db
    .selectFrom("application_revisions")
    .selectAll()
    .where("application_id", "=", applicationId)
    .orderBy("revision", "asc")
    .execute();
