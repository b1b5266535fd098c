import type { ServiceStatus } from "@shopreg/domain";
import type { Insertable } from "kysely";
import type { Executor, Service, ServicesTable } from "../schema.ts";
import { type Page, type PageParams, pageNewestFirst } from "./page.ts";

export const insertService = (db: Executor, row: Insertable<ServicesTable>) =>
  db.insertInto("services").values(row).returningAll().executeTakeFirstOrThrow();

export const findService = (db: Executor, id: string) =>
  db.selectFrom("services").selectAll().where("id", "=", id).executeTakeFirst();

export const lockService = (db: Executor, id: string) =>
  db.selectFrom("services").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();

export const updateService = (
  db: Executor,
  id: string,
  patch: Partial<Pick<Service, "name" | "description" | "contact_email" | "status" | "first_published_at">> & {
    updated_at: Date;
  },
) => db.updateTable("services").set(patch).where("id", "=", id).returningAll().executeTakeFirstOrThrow();

export async function listServices(
  db: Executor,
  params: PageParams & { partnerId?: string | undefined; status?: ServiceStatus | undefined },
): Promise<Page<Service>> {
  let query = db.selectFrom("services").selectAll();
  if (params.partnerId) query = query.where("partner_id", "=", params.partnerId);
  if (params.status) query = query.where("status", "=", params.status);
  return pageNewestFirst(query, params);
}

/** Services an application's revocation turns Off: the partner's On services in that category and market. */
export const lockServicesOn = (db: Executor, partnerId: string, categoryId: string, market: string) =>
  db
    .selectFrom("services")
    .selectAll()
    .where("partner_id", "=", partnerId)
    .where("category_id", "=", categoryId)
    .where("target_market", "=", market)
    .where("status", "=", "ON")
    .forUpdate()
    .execute();
