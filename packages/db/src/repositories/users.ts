import type { Insertable } from "kysely";
import type { Executor, UsersTable } from "../schema.ts";

export const insertUser = (db: Executor, row: Insertable<UsersTable>) =>
  db.insertInto("users").values(row).returningAll().executeTakeFirstOrThrow();

export const findUserByEmail = (db: Executor, email: string) =>
  db.selectFrom("users").selectAll().where("email", "=", email.toLowerCase()).executeTakeFirst();

export const findUserById = (db: Executor, id: string) =>
  db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();

/** Staff only: a former partner member is also without a partner, but is not staff. */
export const listStaffUsers = (db: Executor) =>
  db
    .selectFrom("users")
    .selectAll()
    .where("partner_id", "is", null)
    .where("role", "<>", "partner")
    .orderBy("created_at", "asc")
    .execute();

export const listPartnerUsers = (db: Executor, partnerId: string) =>
  db.selectFrom("users").selectAll().where("partner_id", "=", partnerId).orderBy("created_at", "asc").execute();

export const setUserDisabled = (db: Executor, id: string, at: Date | null) =>
  db.updateTable("users").set({ disabled_at: at }).where("id", "=", id).returningAll().executeTakeFirstOrThrow();

export const recordLogin = (db: Executor, id: string, at: Date) =>
  db.updateTable("users").set({ last_login_at: at }).where("id", "=", id).execute();

/** The staff admins who can sign in, locked: two admins demoting each other cannot both leave none. */
export const lockActiveStaffAdmins = (db: Executor) =>
  db
    .selectFrom("users")
    .select("id")
    .where("partner_id", "is", null)
    .where("role", "=", "admin")
    .where("disabled_at", "is", null)
    .forUpdate()
    .execute();
