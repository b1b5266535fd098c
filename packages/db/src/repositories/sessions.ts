import type { Executor } from "../schema.ts";

export const insertSession = (db: Executor, row: { id: string; user_id: string; created_at: Date; expires_at: Date }) =>
  db
    .insertInto("sessions")
    .values({ ...row, last_seen_at: row.created_at })
    .execute();

/** The session and its user, if the session exists (expiry is the caller's rule to apply). */
export const findSessionWithUser = (db: Executor, id: string) =>
  db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "sessions.id as session_id",
      "sessions.created_at",
      "sessions.expires_at",
      "sessions.last_seen_at",
      "users.id as user_id",
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
