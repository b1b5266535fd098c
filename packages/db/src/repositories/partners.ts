import type { Executor, NewPartner, Partner } from "../schema.ts";
import { type Page, type PageParams, pageNewestFirst } from "./page.ts";

export const insertPartner = (db: Executor, row: NewPartner) =>
  db.insertInto("partners").values(row).returningAll().executeTakeFirstOrThrow();

export const findPartnerById = (db: Executor, id: string) =>
  db.selectFrom("partners").selectAll().where("id", "=", id).executeTakeFirst();

export const updatePartner = (db: Executor, id: string, patch: Partial<Omit<NewPartner, "id">>) =>
  db.updateTable("partners").set(patch).where("id", "=", id).returningAll().executeTakeFirstOrThrow();

export async function listPartners(
  db: Executor,
  params: PageParams & { q?: string | undefined; entityType?: string | undefined },
): Promise<Page<Partner>> {
  let query = db.selectFrom("partners").selectAll();
  if (params.q) query = query.where("company_name", "ilike", `%${params.q.replace(/[%_\\]/g, "\\$&")}%`);
  if (params.entityType) query = query.where("entity_type", "=", params.entityType as Partner["entity_type"]);
  return pageNewestFirst(query, params);
}

/** Which of these ids name a partner. */
export const existingPartnerIds = async (db: Executor, ids: readonly string[]): Promise<Set<string>> =>
  ids.length === 0
    ? new Set()
    : new Set((await db.selectFrom("partners").select("id").where("id", "in", ids).execute()).map((r) => r.id));
