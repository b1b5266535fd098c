import type { Executor } from "../schema.ts";

export const insertSession = (
  db: Executor,
  row: { id: string; user_id: string; created_at: Date; expires_at: Date; user_agent?: string | null },
) =>
  db
    .insertInto("sessions")
    .values({ ...row, last_seen_at: row.created_at })
    .execute();

/** The session and its user, if the session exists (expiry is the caller's rule to apply). */
export const findSessionWithUser = (db: Executor, id: string) =>
  db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .leftJoin("partners", "partners.id", "users.partner_id")
    .select([
      "partners.require_two_factor as team_requires_two_factor",
      "sessions.id as session_id",
      "sessions.created_at",
      "sessions.expires_at",
      "sessions.last_seen_at",
      "sessions.public_id",
      "users.id as user_id",
      "users.member_role",
      "users.totp_enabled_at",
      "users.partner_id",
      "users.email",
      "users.name",
      "users.role",
      "users.disabled_at",
    ])
    .where("sessions.id", "=", id)
    .executeTakeFirst();

export const touchSession = (db: Executor, id: string, at: Date, expiresAt: Date) =>
  db.updateTable("sessions").set({ last_seen_at: at, expires_at: expiresAt }).where("id", "=", id).execute();

export const deleteSession = (db: Executor, id: string) => db.deleteFrom("sessions").where("id", "=", id).execute();

export const deleteSessionsOfUser = (db: Executor, userId: string) =>
  db.deleteFrom("sessions").where("user_id", "=", userId).execute();

/** Ends every session of the user but `keepSessionId` (a password change keeps the session that made it). */
export async function deleteOtherSessionsOfUser(db: Executor, userId: string, keepSessionId: string): Promise<number> {
  const res = await db.deleteFrom("sessions").where("user_id", "=", userId).where("id", "!=", keepSessionId).executeTakeFirst();
  return Number(res.numDeletedRows);
}

export const deleteExpiredSessions = (db: Executor, now: Date) =>
  db.deleteFrom("sessions").where("expires_at", "<", now).execute();

/** A user's live sessions, most recently seen first. */
export const listSessionsOfUser = (db: Executor, userId: string, now: Date) =>
  db
    .selectFrom("sessions")
    .selectAll()
    .where("user_id", "=", userId)
    .where("expires_at", ">", now)
    .orderBy("last_seen_at", "desc")
    .orderBy("public_id")
    .execute();

export const deleteSessionByPublicId = (db: Executor, userId: string, publicId: string) =>
  db.deleteFrom("sessions").where("user_id", "=", userId).where("public_id", "=", publicId).returning("id").executeTakeFirst();

/** Ends every session of the user but `keepId` (the one making the request). */
export const deleteOtherSessions = (db: Executor, userId: string, keepId: string) =>
  db.deleteFrom("sessions").where("user_id", "=", userId).where("id", "<>", keepId).returning("id").execute();
