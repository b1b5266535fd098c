import type { MemberRole } from "@shopreg/domain";
import type { Insertable, Updateable } from "kysely";
import type { Executor, InvitationsTable, UsersTable } from "../schema.ts";

/** A partner's members, oldest first (the founding owner leads the list). */
export const listMembers = (db: Executor, partnerId: string) =>
  db.selectFrom("users").selectAll().where("partner_id", "=", partnerId).orderBy("created_at", "asc").orderBy("id").execute();

/** Locks the partner's member rows so concurrent role changes cannot leave the account without an owner. */
export const lockMembers = (db: Executor, partnerId: string) =>
  db.selectFrom("users").select(["id", "member_role"]).where("partner_id", "=", partnerId).forUpdate().execute();

export const updateUser = (db: Executor, id: string, patch: Updateable<UsersTable>) =>
  db.updateTable("users").set(patch).where("id", "=", id).returningAll().executeTakeFirstOrThrow();

export const setMemberRole = (db: Executor, id: string, role: MemberRole) => updateUser(db, id, { member_role: role });

/** Revokes the keys a member minted: a removed member must not keep the account's access through them. */
export const revokeApiKeysCreatedBy = (db: Executor, partnerId: string, userId: string, at: Date) =>
  db
    .updateTable("api_keys")
    .set({ revoked_at: at })
    .where("partner_id", "=", partnerId)
    .where("created_by", "=", userId)
    .where("revoked_at", "is", null)
    .returning("id")
    .execute();

export const insertInvitation = (db: Executor, row: Insertable<InvitationsTable>) =>
  db.insertInto("invitations").values(row).returningAll().executeTakeFirstOrThrow();

export const findInvitation = (db: Executor, partnerId: string, id: string) =>
  db.selectFrom("invitations").selectAll().where("partner_id", "=", partnerId).where("id", "=", id).executeTakeFirst();

export const findInvitationByTokenHash = (db: Executor, tokenHash: string) =>
  db.selectFrom("invitations").selectAll().where("token_hash", "=", tokenHash).forUpdate().executeTakeFirst();

export const findOpenInvitation = (db: Executor, partnerId: string, email: string) =>
  db
    .selectFrom("invitations")
    .selectAll()
    .where("partner_id", "=", partnerId)
    .where("email", "=", email)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .executeTakeFirst();

/** Open invitations, newest first. */
export const listOpenInvitations = (db: Executor, partnerId: string) =>
  db
    .selectFrom("invitations")
    .selectAll()
    .where("partner_id", "=", partnerId)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();

export const updateInvitation = (db: Executor, id: string, patch: Updateable<InvitationsTable>) =>
  db.updateTable("invitations").set(patch).where("id", "=", id).returningAll().executeTakeFirstOrThrow();
