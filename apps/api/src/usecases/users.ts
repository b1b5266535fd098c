import {
  deleteOtherSessions,
  deleteSessionsOfUser,
  deleteWebhookEndpointsBy,
  disableWebhookEndpointsBy,
  type Executor,
  findUserById,
  membersInvitedBy,
  retireAllAccountTokens,
  revokeApiKeysCreatedBy,
  revokeInvitationsBy,
  setUserDisabled,
  type User,
  updateUser,
} from "@shopreg/db";
import { EmailNotVerified, MEMBER_ROLES, type MemberRole, NotFound, scopesOfRole } from "@shopreg/domain";
import type { AppServices, PartnerPrincipal, Principal, StaffPrincipal, UseCaseContext } from "../context.ts";
import { toApiKey, toWebhookEndpoint } from "../serializers.ts";
import { audit } from "./audit.ts";
import { emit } from "./events.ts";

/**
 * Every kind of credential a person's access stands behind, and every way that access ends
 * (docs/teams-and-account-security.md, "When access ends"). `ON_END` says what each ending does to
 * each kind; it is typed by both unions, so a new kind or a new ending does not compile without its
 * row, and apps/api/test/lifecycle-sweep.db.test.ts checks every cell over HTTP.
 */
export const CREDENTIAL_KINDS = [
  "session",
  "api_key",
  "key_minted_by_key",
  "open_invitation",
  "webhook_endpoint",
  "reset_link",
  "verification_link",
] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

export const ACCESS_ENDINGS = [
  "member_removed",
  "member_demoted",
  "user_disabled",
  "ownership_transferred",
  "first_reset_unverified",
  "password_changed",
] as const;
export type AccessEnding = (typeof ACCESS_ENDINGS)[number];

/**
 * What happens to a credential: `end` / `end_others` (sessions), `revoke`, `disable`, `delete`,
 * `retire` (links); `*_beyond_role` only where the new role could not have made it; `narrowed`:
 * nothing is written, the credential acts with the scopes of the maker's role as it is at each
 * request (authenticate.ts); `keep`: unchanged.
 */
type Step =
  | "end"
  | "end_others"
  | "revoke"
  | "revoke_beyond_role"
  | "disable"
  | "disable_beyond_role"
  | "delete"
  | "retire"
  | "narrowed"
  | "keep";

const LOST: Record<CredentialKind, Step> = {
  session: "end",
  api_key: "revoke",
  key_minted_by_key: "revoke",
  open_invitation: "revoke",
  webhook_endpoint: "disable",
  reset_link: "retire",
  verification_link: "retire",
};
const NARROWED: Record<CredentialKind, Step> = {
  session: "narrowed",
  api_key: "narrowed",
  key_minted_by_key: "narrowed",
  open_invitation: "revoke_beyond_role",
  webhook_endpoint: "disable_beyond_role",
  reset_link: "keep",
  verification_link: "keep",
};

export const ON_END: Record<AccessEnding, Record<CredentialKind, Step>> = {
  member_removed: LOST,
  // A staff disable is for a compromised or departed person: nothing they made comes back on enable
  // but their sign-in.
  user_disabled: LOST,
  member_demoted: NARROWED,
  ownership_transferred: NARROWED,
  // The reset proved the address is someone else's: what the unproven account made goes (and the
  // members it brought in, below).
  first_reset_unverified: { ...LOST, webhook_endpoint: "delete" },
  password_changed: {
    session: "end_others",
    api_key: "keep",
    key_minted_by_key: "keep",
    open_invitation: "keep",
    webhook_endpoint: "keep",
    reset_link: "retire",
    verification_link: "keep",
  },
};

type EndCtx = Pick<AppServices, "clock" | "jobs"> & { requestId: string; principal?: Principal | undefined };

export type AccessEnded = {
  sessions_ended: number;
  api_keys_revoked: string[];
  invitations_revoked: string[];
  webhook_endpoints_disabled: string[];
  webhook_endpoints_deleted: string[];
  links_retired: number;
  members_removed: string[];
};

/** Roles an invitation from a member of `role` may carry now. */
export const invitableBy = (role: MemberRole | null): readonly MemberRole[] => {
  if (!role || !scopesOfRole(role).includes("members:write")) return [];
  return role === "owner" ? MEMBER_ROLES : MEMBER_ROLES.filter((r) => r !== "owner");
};

/**
 * Applies `ON_END[ending]` to everything `user` made, in the caller's transaction, with an audit row
 * (and event) for each credential it revokes, disables or deletes. `newRole` is the user's role after
 * a demotion or transfer; `keepSessionId` the session that changed the password.
 */
export async function endAccess(
  trx: Executor,
  ctx: EndCtx,
  user: Pick<User, "id" | "email">,
  ending: AccessEnding,
  opts: { newRole?: MemberRole | null; keepSessionId?: string } = {},
): Promise<AccessEnded> {
  const plan = ON_END[ending];
  const now = ctx.clock();
  const out: AccessEnded = {
    sessions_ended: 0,
    api_keys_revoked: [],
    invitations_revoked: [],
    webhook_endpoints_disabled: [],
    webhook_endpoints_deleted: [],
    links_retired: 0,
    members_removed: [],
  };
  const why = `ended: ${ending}`;

  if (plan.session === "end") out.sessions_ended = Number((await deleteSessionsOfUser(trx, user.id))[0]?.numDeletedRows ?? 0);
  if (plan.session === "end_others" && opts.keepSessionId)
    out.sessions_ended = (await deleteOtherSessions(trx, user.id, opts.keepSessionId)).length;

  // A key minted by a key has the same maker (api-keys.ts), so one statement covers both kinds.
  if (plan.api_key === "revoke" || plan.key_minted_by_key === "revoke") {
    for (const key of await revokeApiKeysCreatedBy(trx, user.id, now)) {
      out.api_keys_revoked.push(key.id);
      await audit(trx, ctx, {
        partner_id: key.partner_id,
        entity_type: "api_key",
        entity_id: key.id,
        action: "revoke",
        from_status: "ACTIVE",
        to_status: "REVOKED",
        reason: why,
      });
      await emit(trx, ctx, "api_key.revoked", key.partner_id, toApiKey(key));
    }
  }

  const invitationRoles =
    plan.open_invitation === "revoke"
      ? undefined
      : plan.open_invitation === "revoke_beyond_role"
        ? MEMBER_ROLES.filter((r) => !invitableBy(opts.newRole ?? null).includes(r))
        : null;
  if (invitationRoles !== null) {
    for (const inv of await revokeInvitationsBy(trx, user.id, now, invitationRoles)) {
      out.invitations_revoked.push(inv.id);
      await audit(trx, ctx, {
        partner_id: inv.partner_id,
        entity_type: "invitation",
        entity_id: inv.id,
        action: "revoke",
        from_status: "PENDING",
        to_status: "REVOKED",
        reason: why,
      });
    }
  }

  const endpointStep =
    plan.webhook_endpoint === "disable_beyond_role"
      ? opts.newRole && scopesOfRole(opts.newRole).includes("webhooks:write")
        ? "keep"
        : "disable"
      : plan.webhook_endpoint;
  if (endpointStep === "disable") {
    const reason = "The member who created this endpoint no longer has access to webhooks; turn it on again to keep it.";
    for (const e of await disableWebhookEndpointsBy(trx, user.id, now, reason)) {
      out.webhook_endpoints_disabled.push(e.id);
      await audit(trx, ctx, {
        partner_id: e.partner_id,
        entity_type: "webhook_endpoint",
        entity_id: e.id,
        action: "disable",
        from_status: "ENABLED",
        to_status: "DISABLED",
        reason: why,
      });
      await emit(trx, ctx, "webhook_endpoint.disabled", e.partner_id, toWebhookEndpoint(e));
    }
  }
  if (endpointStep === "delete") {
    for (const e of await deleteWebhookEndpointsBy(trx, user.id, now)) {
      out.webhook_endpoints_deleted.push(e.id);
      await audit(trx, ctx, {
        partner_id: e.partner_id,
        entity_type: "webhook_endpoint",
        entity_id: e.id,
        action: "delete",
        to_status: "DELETED",
        reason: why,
      });
    }
  }

  const purposes = [
    ...(plan.reset_link === "retire" ? (["password_reset"] as const) : []),
    ...(plan.verification_link === "retire" ? (["email_verification"] as const) : []),
  ];
  if (purposes.length > 0) {
    const res = await retireAllAccountTokens(trx, user.id, now, purposes);
    out.links_retired = Number(res[0]?.numUpdatedRows ?? 0);
  }
  return out;
}

/**
 * The first reset of an unverified account: the address was someone else's, so every member the
 * account brought in is removed too (with what they made), one generation after another.
 */
export async function removeMembersInvitedBy(trx: Executor, ctx: EndCtx, partnerId: string, userId: string): Promise<string[]> {
  const removed: string[] = [];
  for (const member of await membersInvitedBy(trx, partnerId, userId)) {
    await updateUser(trx, member.id, { partner_id: null, member_role: null });
    const ended = await endAccess(trx, ctx, member, "member_removed");
    removed.push(member.id, ...(await removeMembersInvitedBy(trx, ctx, partnerId, member.id)));
    await audit(trx, ctx, {
      partner_id: partnerId,
      entity_type: "member",
      entity_id: member.id,
      action: "remove",
      from_status: member.member_role,
      to_status: "REMOVED",
      reason: "invited by an account whose address was proven to be someone else's",
      data: { email: member.email, ...ended },
    });
  }
  return removed;
}

/**
 * Minting keys, creating webhook endpoints and inviting need a confirmed address: the member's own,
 * or for a key its maker's. An unverified account may only prepare (profile, application draft).
 */
export async function requireVerifiedMaker(ctx: UseCaseContext<PartnerPrincipal>, what: string) {
  const p = ctx.principal;
  const user = await findUserById(ctx.db, p.kind === "partner_user" ? p.userId : p.makerId);
  if (user?.email_verified_at) return;
  throw new EmailNotVerified(
    p.kind === "partner_user"
      ? `Confirm your email address before you ${what}: open the link we mailed you, or ask for a new one.`
      : `The member who created this API key has not confirmed their email address; they must before it can ${what}.`,
    { resend: "/v1/me/email-verification" },
  );
}

/**
 * An admin disables a user, ending their sessions and everything they made at once (ON_END.user_disabled),
 * or enables them again (sign-in only); audited in the caller's transaction as the partner's `member`
 * or a `staff_user`. Asking twice changes nothing.
 */
export async function switchUserDisabled(
  trx: Executor,
  ctx: UseCaseContext<StaffPrincipal>,
  user: User,
  disabled: boolean,
  as: { partner_id: string | null; entity_type: "member" | "staff_user" },
) {
  if (Boolean(user.disabled_at) === disabled) return user;
  const updated = await setUserDisabled(trx, user.id, disabled ? ctx.clock() : null);
  const ended = disabled ? await endAccess(trx, ctx, user, "user_disabled") : undefined;
  await audit(trx, ctx, {
    ...as,
    entity_id: user.id,
    action: disabled ? "disable" : "enable",
    from_status: disabled ? "ACTIVE" : "DISABLED",
    to_status: disabled ? "DISABLED" : "ACTIVE",
    ...(ended ? { data: ended } : {}),
  });
  return updated;
}

export const notStaff = () =>
  new NotFound(
    "Staff user not found: this is a former partner member, not staff. Partner users are managed under their partner.",
  );

/** The person behind a request: the member, or the maker of the key (whose keys, invitations and endpoints it makes). */
export const makerOf = (p: PartnerPrincipal) => (p.kind === "partner_user" ? p.userId : p.makerId);
