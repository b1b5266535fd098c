import {
  countOpenInvitations,
  findInvitation,
  findInvitationByTokenHash,
  findOpenInvitation,
  findPartnerById,
  findUserByEmail,
  findUserById,
  type Invitation,
  insertInvitation,
  insertUser,
  listMembers as listMemberRows,
  listOpenInvitations,
  lockMembers,
  newId,
  type Partner,
  setMemberRole,
  type User,
  updateInvitation,
  updatePartner,
  updateUser,
} from "@shopreg/db";
import {
  Conflict,
  type Cursor,
  Forbidden,
  INVITATION_TTL_MS,
  type MemberRole,
  NotFound,
  scopesOfRole,
  TwoFactorRequired,
  Unauthenticated,
  Validation,
} from "@shopreg/domain";
import { hashPassword, mintToken, sha256, verifyPassword } from "../auth/secrets.ts";
import type { AppServices, PartnerPrincipal, StaffPrincipal, UseCaseContext } from "../context.ts";
import { toInvitation, toMember } from "../serializers.ts";
import { checkSecondFactor } from "./account.ts";
import { audit } from "./audit.ts";
import { emit } from "./events.ts";
import { sendAccountMail } from "./mail.ts";
import { startSession } from "./partners.ts";
import { endAccess, invitableBy, makerOf, requireVerifiedMaker, switchUserDisabled } from "./users.ts";

/** Open invitations one account may have at once, and the mails one invitation may send (issue 22, item 4). */
export const MAX_OPEN_INVITATIONS = 50;
export const MAX_INVITATION_SENDS = 5;

type Ctx = UseCaseContext<PartnerPrincipal>;
type Trx = Parameters<typeof lockMembers>[0];

export const listMembers = (ctx: Ctx) => listMemberRows(ctx.db, ctx.principal.partnerId);

/** Who acts on the team: only owners touch owners; a key acts with the powers of an admin. */
const actingRole = (p: PartnerPrincipal): MemberRole => (p.kind === "partner_user" ? p.role : "admin");

async function memberOf(trx: Trx, partnerId: string, id: string) {
  const user = await findUserById(trx, id);
  if (!user || user.partner_id !== partnerId || !user.member_role) throw new NotFound("Member not found.");
  return user as User & { member_role: MemberRole };
}

const ownersIn = (rows: { member_role: MemberRole | null }[]) => rows.filter((r) => r.member_role === "owner").length;

const lastOwner = () =>
  new Conflict("An account always has at least one owner: make another member an owner first.", {
    reason: "last_owner",
  }).because("last_owner");

export async function changeMemberRole(ctx: Ctx, id: string, role: MemberRole) {
  const p = ctx.principal;
  return ctx.db.transaction().execute(async (trx) => {
    const members = await lockMembers(trx, p.partnerId);
    const target = await memberOf(trx, p.partnerId, id);
    if ((target.member_role === "owner" || role === "owner") && actingRole(p) !== "owner") {
      throw new Forbidden("Only an owner can make someone an owner or change an owner's role.").because("owner_required");
    }
    if (target.member_role === role) return target;
    if (target.member_role === "owner" && ownersIn(members) <= 1) throw lastOwner();
    const updated = await setMemberRole(trx, id, role);
    // Their keys narrow at once (authenticate.ts); invitations and endpoints the new role could not make stop.
    const ended = await endAccess(trx, ctx, target, "member_demoted", { newRole: role });
    await audit(trx, ctx, {
      partner_id: p.partnerId,
      entity_type: "member",
      entity_id: id,
      action: "change_role",
      from_status: target.member_role,
      to_status: role,
      data: ended,
    });
    await emit(trx, ctx, "member.role_changed", p.partnerId, toMember(updated));
    return updated;
  });
}

/**
 * Removes a member (or lets one leave): the user is detached from the account, and everything they
 * made ends with them (users.ts ON_END.member_removed: sessions, keys and the keys those minted, open
 * invitations, webhook endpoints, mailed links). The user row stays for the audit trail.
 */
export async function removeMember(ctx: Ctx, id: string) {
  const p = ctx.principal;
  await ctx.db.transaction().execute(async (trx) => {
    const members = await lockMembers(trx, p.partnerId);
    const target = await memberOf(trx, p.partnerId, id);
    // An admin is told what they can do: only an owner acts on an owner (the last-owner rule is an owner's matter).
    if (target.member_role === "owner" && actingRole(p) !== "owner") {
      throw new Forbidden(
        "Only an owner can remove an owner. Ask an owner of your account: they can transfer ownership to another member or remove this one.",
      ).because("owner_required");
    }
    if (target.member_role === "owner" && ownersIn(members) <= 1) throw lastOwner();
    await updateUser(trx, id, { partner_id: null, member_role: null });
    const ended = await endAccess(trx, ctx, target, "member_removed");
    await audit(trx, ctx, {
      partner_id: p.partnerId,
      entity_type: "member",
      entity_id: id,
      action: p.kind === "partner_user" && p.userId === id ? "leave" : "remove",
      from_status: target.member_role,
      to_status: "REMOVED",
      data: { email: target.email, ...ended },
    });
    await emit(trx, ctx, "member.removed", p.partnerId, toMember(target));
  });
}

/** The owner hands ownership to another member and becomes an admin. A session only: no key can do this. */
export async function transferOwnership(ctx: Ctx, id: string) {
  const p = ctx.principal;
  if (p.kind !== "partner_user" || p.role !== "owner") {
    throw new Forbidden("Only an owner, signed in, can transfer ownership.").because("owner_required");
  }
  if (p.userId === id) throw new Validation("Pick another member.", [{ path: "id", message: "You already own the account." }]);
  return ctx.db.transaction().execute(async (trx) => {
    await lockMembers(trx, p.partnerId);
    const target = await memberOf(trx, p.partnerId, id);
    const me = await memberOf(trx, p.partnerId, p.userId);
    if (me.member_role !== "owner") throw new Forbidden("Only an owner can transfer ownership.").because("owner_required");
    if (target.disabled_at) throw new Conflict("That member's account is disabled.").because("account_disabled");
    const updated = await setMemberRole(trx, id, "owner");
    await setMemberRole(trx, p.userId, "admin");
    // The former owner is an admin now: their keys narrow, what an admin could not make stops.
    const ended = await endAccess(trx, ctx, me, "ownership_transferred", { newRole: "admin" });
    await audit(trx, ctx, {
      partner_id: p.partnerId,
      entity_type: "member",
      entity_id: id,
      action: "transfer_ownership",
      from_status: target.member_role,
      to_status: "owner",
      data: { previous_owner: p.userId, previous_owner_role: "admin", ...ended },
    });
    await emit(trx, ctx, "ownership.transferred", p.partnerId, toMember(updated));
    return updated;
  });
}

export async function setTeamSecurity(ctx: Ctx, input: { require_two_factor: boolean }) {
  const p = ctx.principal;
  if (p.kind !== "partner_user" || p.role !== "owner")
    throw new Forbidden("Only an owner can change the team's security.").because("owner_required");
  return ctx.db.transaction().execute(async (trx) => {
    const updated = await updatePartner(trx, p.partnerId, {
      require_two_factor: input.require_two_factor,
      updated_at: ctx.clock(),
    });
    await audit(trx, ctx, {
      partner_id: p.partnerId,
      entity_type: "partner",
      entity_id: p.partnerId,
      action: input.require_two_factor ? "require_two_factor" : "stop_requiring_two_factor",
    });
    return updated;
  });
}

// ---------------------------------------------------------------------------------------------
// Invitations

/**
 * Queues the invitation email in the invitation's transaction, in the invitee's language when they
 * already have a user here, else the inviter's. The token travels sealed in the job (account-mail.ts).
 */
async function mailInvitation(trx: Trx, ctx: Ctx, invitation: Invitation, partner: Partner, token: string) {
  const p = ctx.principal;
  const invitee = await findUserByEmail(trx, invitation.email);
  const inviter = p.kind === "partner_user" ? await findUserById(trx, p.userId) : undefined;
  await sendAccountMail(
    trx,
    ctx,
    {
      account_mail: "invitation",
      to: invitation.email,
      locale: invitee?.locale ?? inviter?.locale ?? "en",
      data: { company_name: partner.company_name, role: invitation.role, invited_by: p.kind === "partner_user" ? p.name : null },
    },
    token,
  );
}

export async function invite(ctx: Ctx, input: { email: string; role: MemberRole }) {
  const p = ctx.principal;
  if (input.role === "owner" && actingRole(p) !== "owner")
    throw new Forbidden("Only an owner can invite an owner.").because("owner_required");
  await requireVerifiedMaker(ctx, "invite members");
  const partner = await findPartnerById(ctx.db, p.partnerId);
  if (!partner) throw new NotFound("Partner not found.");
  const { token, hash } = mintToken();
  const now = ctx.clock();
  const invitation = await ctx.db
    .transaction()
    .execute(async (trx) => {
      const existing = await findUserByEmail(trx, input.email);
      if (existing && existing.partner_id === p.partnerId) {
        throw new Conflict("This person is already a member.", { field: "email" }).because("already_member");
      }
      if (await findOpenInvitation(trx, p.partnerId, input.email)) {
        throw new Conflict("This address already has an open invitation; resend it instead.", { field: "email" }).because(
          "invitation_open",
        );
      }
      // Counted under the members' lock, so concurrent invitations cannot pass the cap together.
      await lockMembers(trx, p.partnerId);
      if ((await countOpenInvitations(trx, p.partnerId)) >= MAX_OPEN_INVITATIONS) {
        throw new Conflict(
          `An account can have at most ${MAX_OPEN_INVITATIONS} open invitations; revoke some, or wait until they are accepted.`,
          { reason: "too_many_open_invitations", limit: MAX_OPEN_INVITATIONS },
        ).because("too_many_open_invitations", { limit: MAX_OPEN_INVITATIONS });
      }
      const row = await insertInvitation(trx, {
        id: newId(),
        partner_id: p.partnerId,
        email: input.email,
        role: input.role,
        token_hash: hash,
        invited_by: makerOf(p),
        created_at: now,
        expires_at: new Date(now.getTime() + INVITATION_TTL_MS),
        last_sent_at: now,
      });
      await audit(trx, ctx, {
        partner_id: p.partnerId,
        entity_type: "invitation",
        entity_id: row.id,
        action: "invite",
        to_status: "PENDING",
        data: { email: input.email, role: input.role },
      });
      await mailInvitation(trx, ctx, row, partner, token);
      await emit(trx, ctx, "member.invited", p.partnerId, toInvitation(row, now));
      return row;
    })
    .catch((err: unknown) => {
      if ((err as { code?: string }).code === "23505") {
        throw new Conflict("This address already has an open invitation; resend it instead.", { field: "email" }).because(
          "invitation_open",
        );
      }
      throw err;
    });
  return invitation;
}

export const listInvitations = (ctx: Ctx, params: { limit: number; cursor?: Cursor | undefined }) =>
  listOpenInvitations(ctx.db, ctx.principal.partnerId, params);

async function openInvitation(trx: Trx, partnerId: string, id: string) {
  const inv = await findInvitation(trx, partnerId, id);
  if (!inv) throw new NotFound("Invitation not found.");
  if (inv.accepted_at) {
    throw new Conflict("This invitation was already accepted.", { reason: "accepted" }).because("invitation_used");
  }
  if (inv.revoked_at) throw new Conflict("This invitation was revoked.", { reason: "revoked" }).because("invitation_revoked");
  return inv;
}

/** A new token (the old link stops working) and seven more days. */
export async function resendInvitation(ctx: Ctx, id: string) {
  const p = ctx.principal;
  await requireVerifiedMaker(ctx, "invite members");
  const partner = await findPartnerById(ctx.db, p.partnerId);
  if (!partner) throw new NotFound("Partner not found.");
  const { token, hash } = mintToken();
  const now = ctx.clock();
  const invitation = await ctx.db.transaction().execute(async (trx) => {
    const inv = await openInvitation(trx, p.partnerId, id);
    if (inv.role === "owner" && actingRole(p) !== "owner")
      throw new Forbidden("Only an owner can invite an owner.").because("owner_required");
    if (inv.sent_count >= MAX_INVITATION_SENDS) {
      throw new Conflict(
        `This invitation was already sent ${inv.sent_count} times, the most we send; revoke it and invite again if the address is right.`,
        { reason: "resend_limit", limit: MAX_INVITATION_SENDS },
      ).because("invitation_resend_limit", { limit: MAX_INVITATION_SENDS });
    }
    const updated = await updateInvitation(trx, id, {
      token_hash: hash,
      expires_at: new Date(now.getTime() + INVITATION_TTL_MS),
      last_sent_at: now,
      sent_count: inv.sent_count + 1,
    });
    await audit(trx, ctx, {
      partner_id: p.partnerId,
      entity_type: "invitation",
      entity_id: id,
      action: "resend",
      from_status: "PENDING",
      to_status: "PENDING",
      data: { sent_count: updated.sent_count },
    });
    await mailInvitation(trx, ctx, updated, partner, token);
    await emit(trx, ctx, "member.invited", p.partnerId, toInvitation(updated, now));
    return updated;
  });
  return invitation;
}

export async function revokeInvitation(ctx: Ctx, id: string) {
  const p = ctx.principal;
  return ctx.db.transaction().execute(async (trx) => {
    await openInvitation(trx, p.partnerId, id);
    const updated = await updateInvitation(trx, id, { revoked_at: ctx.clock() });
    await audit(trx, ctx, {
      partner_id: p.partnerId,
      entity_type: "invitation",
      entity_id: id,
      action: "revoke",
      from_status: "PENDING",
      to_status: "REVOKED",
    });
    return updated;
  });
}

/**
 * Public: the invitee's token. A new address becomes a user (name and password required); an
 * address that has a user without an account (a former member) is attached after its own password
 * is checked. The invitee is signed in.
 */
export async function acceptInvitation(
  services: AppServices & { requestId: string },
  input: { token: string; name?: string | undefined; password: string; code?: string | undefined },
  userAgent?: string,
) {
  const now = services.clock();
  const newHash = await hashPassword(input.password);
  const { user, partner } = await services.db.transaction().execute(async (trx) => {
    const inv = await findInvitationByTokenHash(trx, sha256(input.token));
    if (!inv) throw new NotFound("This invitation link is not valid; ask for a new invitation.", { reason: "unknown" });
    if (inv.accepted_at) {
      throw new Conflict("This invitation was already used.", { reason: "accepted" }).because("invitation_used");
    }
    if (inv.revoked_at) throw new Conflict("This invitation was revoked.", { reason: "revoked" }).because("invitation_revoked");
    if (inv.expires_at.getTime() <= now.getTime()) {
      throw new Conflict("This invitation has expired; ask for it to be sent again.", { reason: "expired" }).because(
        "invitation_expired",
      );
    }
    const partner = await findPartnerById(trx, inv.partner_id);
    if (!partner) throw new NotFound("Partner not found.");
    // An invitation acts with its sender's access now: one whose sender left, was disabled or can no
    // longer invite to that role is void.
    const inviter = inv.invited_by ? await findUserById(trx, inv.invited_by) : undefined;
    if (
      inviter &&
      (inviter.partner_id !== inv.partner_id || inviter.disabled_at || !invitableBy(inviter.member_role).includes(inv.role))
    ) {
      throw new Conflict("This invitation was withdrawn: the member who sent it no longer can; ask for a new one.", {
        reason: "revoked",
      }).because("invitation_revoked");
    }
    let user = await findUserByEmail(trx, inv.email);
    if (user) {
      if (user.role !== "partner" || user.partner_id !== null) {
        throw new Conflict(
          user.partner_id === inv.partner_id
            ? "You are already a member of this account."
            : "This address already belongs to another account; a user belongs to one partner account.",
          { reason: "already_member" },
        ).because("already_member");
      }
      if (!(await verifyPassword(user.password_hash, input.password))) {
        throw new Unauthenticated("This address has an account: enter its password to join.");
      }
      // Signing in this way is signing in: a user with two-factor passes it too (same answers as POST /v1/session).
      if (user.totp_enabled_at) {
        if (!input.code) throw new TwoFactorRequired("Enter the 6-digit code from your authenticator app, or a recovery code.");
        if (!(await checkSecondFactor(services, trx, user, input.code))) {
          throw new Unauthenticated("The two-factor code is not valid.", { reason: "invalid_two_factor_code" });
        }
      }
      // Accepting from the emailed link proves the address, as a confirmation link would.
      user = await updateUser(trx, user.id, {
        partner_id: inv.partner_id,
        member_role: inv.role,
        email_verified_at: user.email_verified_at ?? now,
      });
    } else {
      if (!input.name) throw new Validation("Enter your name.", [{ path: "name", message: "Enter your name." }]);
      user = await insertUser(trx, {
        id: newId(),
        partner_id: inv.partner_id,
        email: inv.email,
        name: input.name,
        role: "partner",
        member_role: inv.role,
        password_hash: newHash,
        created_at: now,
        email_verified_at: now,
      });
    }
    await updateInvitation(trx, inv.id, { accepted_at: now, accepted_by: user.id });
    const ctx = {
      clock: services.clock,
      requestId: services.requestId,
      principal: {
        kind: "partner_user" as const,
        userId: user.id,
        partnerId: inv.partner_id,
        email: user.email,
        name: user.name,
        sessionId: "",
        role: inv.role,
        scopes: scopesOfRole(inv.role),
      },
    };
    await audit(trx, ctx, {
      partner_id: inv.partner_id,
      entity_type: "invitation",
      entity_id: inv.id,
      action: "accept",
      from_status: "PENDING",
      to_status: "ACCEPTED",
    });
    await audit(trx, ctx, {
      partner_id: inv.partner_id,
      entity_type: "member",
      entity_id: user.id,
      action: "join",
      to_status: inv.role,
      data: { invitation_id: inv.id },
    });
    await emit(trx, services, "member.joined", inv.partner_id, toMember({ ...user, member_role: inv.role }));
    return { user, partner };
  });
  return { user, partner, session: await startSession(services, user, userAgent) };
}

// ---------------------------------------------------------------------------------------------
// Staff

export async function listMembersForStaff(ctx: UseCaseContext<StaffPrincipal>, partnerId: string) {
  if (!(await findPartnerById(ctx.db, partnerId))) throw new NotFound("Partner not found.");
  return listMemberRows(ctx.db, partnerId);
}

/** An admin disables (or enables again) a partner's user; disabling ends their sessions at once. */
export async function setPartnerUserDisabled(
  ctx: UseCaseContext<StaffPrincipal>,
  partnerId: string,
  id: string,
  disabled: boolean,
) {
  return ctx.db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, id);
    if (!user || user.partner_id !== partnerId) throw new NotFound("Member not found.");
    return switchUserDisabled(trx, ctx, user, disabled, { partner_id: partnerId, entity_type: "member" });
  });
}
