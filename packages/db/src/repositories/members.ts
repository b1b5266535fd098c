import type { MemberRole } from "@shopreg/domain";
import type { Insertable, Updateable } from "kysely";
import { sql } from "kysely";
import type { Executor, Invitation, InvitationsTable, UsersTable } from "../schema.ts";
import { type Page, type PageParams, pageNewestFirst } from "./page.ts";

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
export const revokeApiKeysCreatedBy = (db: Executor, userId: string, at: Date) =>
  db
    .updateTable("api_keys")
    .set({ revoked_at: at })
    .where("created_by", "=", userId)
    .where("revoked_at", "is", null)
    .returningAll()
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

/** A page of open invitations, newest first (ids are time-ordered). */
export const listOpenInvitations = (db: Executor, partnerId: string, params: PageParams): Promise<Page<Invitation>> =>
  pageNewestFirst(
    db
      .selectFrom("invitations")
      .selectAll()
      .where("partner_id", "=", partnerId)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null),
    params,
  );

export async function countOpenInvitations(db: Executor, partnerId: string): Promise<number> {
  const row = await db
    .selectFrom("invitations")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("partner_id", "=", partnerId)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---------------------------------------------------------------------------------------------
// What a member made: it ends with their access (issue 22, apps/api/src/usecases/users.ts).

/** Revokes the member's open invitations (of `roles` only, when given). */
export const revokeInvitationsBy = (db: Executor, userId: string, at: Date, roles?: readonly MemberRole[]) => {
  let q = db
    .updateTable("invitations")
    .set({ revoked_at: at })
    .where("invited_by", "=", userId)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null);
  if (roles) q = q.where("role", "in", roles.length > 0 ? [...roles] : [sql<MemberRole>`NULL`]);
  return q.returning(["id", "partner_id"]).execute();
};

/** Turns off the webhook endpoints the member made that are on, with the reason shown to the account. */
export const disableWebhookEndpointsBy = (db: Executor, userId: string, at: Date, reason: string) =>
  db
    .updateTable("webhook_endpoints")
    .set({ enabled: false, disabled_reason: reason, updated_at: at })
    .where("created_by", "=", userId)
    .where("enabled", "=", true)
    .where("deleted_at", "is", null)
    .returningAll()
    .execute();

/** Deletes (soft, as the partner's delete does) every webhook endpoint the member made. */
export const deleteWebhookEndpointsBy = (db: Executor, userId: string, at: Date) =>
  db
    .updateTable("webhook_endpoints")
    .set({ enabled: false, deleted_at: at, updated_at: at })
    .where("created_by", "=", userId)
    .where("deleted_at", "is", null)
    .returningAll()
    .execute();

/** The members of the account who joined through an invitation this user sent. */
export const membersInvitedBy = (db: Executor, partnerId: string, userId: string) =>
  db
    .selectFrom("invitations")
    .innerJoin("users", "users.id", "invitations.accepted_by")
    .selectAll("users")
    .where("invitations.invited_by", "=", userId)
    .where("users.partner_id", "=", partnerId)
    .where("users.id", "<>", userId)
    .execute();

export const updateInvitation = (db: Executor, id: string, patch: Updateable<InvitationsTable>) =>
  db.updateTable("invitations").set(patch).where("id", "=", id).returningAll().executeTakeFirstOrThrow();
