import {
  type AccountTokenPurpose,
  deleteSessionsOfUser,
  type Executor,
  findAccountTokenForUpdate,
  findUserByEmail,
  findUserById,
  insertAccountToken,
  retireAccountTokens,
  updateUser,
  useAccountToken,
} from "@shopreg/db";
import { LinkNotValid, PASSWORD_RESET_TTL_MS } from "@shopreg/domain";
import { hashPassword, mintToken, sha256 } from "../auth/secrets.ts";
import type { AppServices } from "../context.ts";
import { audit } from "./audit.ts";
import { sendAccountMail } from "./mail.ts";
import { endAccess, removeMembersInvitedBy } from "./users.ts";

type Services = AppServices & { requestId: string };

/** The person a mailed link speaks for: the audit row's actor. */
export const asUser = (user: { id: string; email: string }) => ({
  actor_type: "user" as const,
  actor_id: user.id,
  actor_label: user.email,
});

/**
 * docs/teams-and-account-security.md: a forgotten password is reset through a link mailed to the address. The answer is
 * the same whether or not the address has an account (the route answers 202 either way), so only a
 * partner user who may sign in gets a mail; staff reset theirs through an admin. A new request
 * retires the earlier links: only the latest mail works.
 */
export async function requestPasswordReset(services: Services, email: string) {
  const user = await findUserByEmail(services.db, email);
  if (user?.role !== "partner" || user.disabled_at || !user.partner_id) return;
  await services.db.transaction().execute(async (trx) => {
    const token = await issueMailedToken(trx, services, user, "password_reset", PASSWORD_RESET_TTL_MS);
    await audit(trx, services, {
      ...asUser(user),
      partner_id: user.partner_id,
      entity_type: "member",
      entity_id: user.id,
      action: "request_password_reset",
    });
    await sendAccountMail(
      trx,
      services,
      { account_mail: "password_reset", to: user.email, locale: user.locale, data: {} },
      token,
    );
  });
}

/**
 * A new single-use token for a link mailed to the user (only its hash is stored), valid for `ttlMs`;
 * the user's earlier links for the same purpose stop working.
 */
export async function issueMailedToken(
  trx: Executor,
  services: Pick<AppServices, "clock">,
  user: { id: string },
  purpose: AccountTokenPurpose,
  ttlMs: number,
) {
  const { token, hash } = mintToken();
  const now = services.clock();
  await retireAccountTokens(trx, user.id, purpose, now);
  await insertAccountToken(trx, {
    token_hash: hash,
    user_id: user.id,
    purpose,
    created_at: now,
    expires_at: new Date(now.getTime() + ttlMs),
  });
  return token;
}

/**
 * Uses a mailed single-use token (in the caller's transaction, row locked): unknown, used and
 * expired links are 410 `link_not_valid` with `details.reason`, so the screen can offer a new one.
 */
export async function useMailedToken(
  trx: Executor,
  services: Pick<AppServices, "clock">,
  token: string,
  purpose: AccountTokenPurpose,
) {
  const row = await validMailedToken(trx, services, token, purpose);
  const now = services.clock();
  await useAccountToken(trx, row.token_hash, now);
  const user = await findUserById(trx, row.user_id);
  if (!user) throw new LinkNotValid(`This ${linkName(purpose)} link is not valid; ask for a new one.`, { reason: "unknown" });
  return user;
}

const linkName = (purpose: AccountTokenPurpose) => (purpose === "password_reset" ? "password reset" : "confirmation");

/** The token's row when its link still works; else 410 `link_not_valid` with `details.reason`. */
async function validMailedToken(
  trx: Executor,
  services: Pick<AppServices, "clock">,
  token: string,
  purpose: AccountTokenPurpose,
) {
  const row = await findAccountTokenForUpdate(trx, sha256(token), purpose);
  const what = linkName(purpose);
  if (!row) throw new LinkNotValid(`This ${what} link is not valid; ask for a new one.`, { reason: "unknown" });
  if (row.used_at) throw new LinkNotValid(`This ${what} link was already used; ask for a new one.`, { reason: "used" });
  if (row.expires_at.getTime() <= services.clock().getTime()) {
    throw new LinkNotValid(`This ${what} link has expired; ask for a new one.`, { reason: "expired" });
  }
  return row;
}

export type LinkState =
  | { valid: true; reason: null; expires_at: Date }
  | { valid: false; reason: "unknown" | "used" | "expired"; expires_at: null };

/**
 * Whether a reset link still works, so the page can say it was used or expired before asking for a
 * password. It tells the link's holder nothing they did not know (no address, no account), and
 * checking does not use the link.
 */
export async function checkPasswordResetLink(services: Pick<AppServices, "clock" | "db">, token: string): Promise<LinkState> {
  try {
    const row = await services.db.transaction().execute((trx) => validMailedToken(trx, services, token, "password_reset"));
    return { valid: true, reason: null, expires_at: row.expires_at };
  } catch (e) {
    if (!(e instanceof LinkNotValid)) throw e;
    const reason = (e.details as { reason: "unknown" | "used" | "expired" }).reason;
    return { valid: false, reason, expires_at: null };
  }
}

/**
 * Sets the new password, ends every session of the user (whoever had the old password is out),
 * audits it and mails the owner a notice, all in one transaction. A password reset is the user's
 * own matter: an audit row, no partner event (webhooks are the account's, not the person's).
 * The reset proves the address too, so an unverified user becomes verified. When it is the first
 * proof, whoever prepared the account was not shown to own the address: every credential, endpoint,
 * invitation and member that account made goes (users.ts ON_END.first_reset_unverified).
 */
export async function confirmPasswordReset(services: Services, input: { token: string; password: string }) {
  const hash = await hashPassword(input.password);
  await services.db.transaction().execute(async (trx) => {
    const user = await useMailedToken(trx, services, input.token, "password_reset");
    const now = services.clock();
    await updateUser(trx, user.id, { password_hash: hash, email_verified_at: user.email_verified_at ?? now });
    const ctx = { ...services, principal: undefined };
    let data: Record<string, unknown>;
    // Staff accounts are made by an admin, not proven by mail: their first reset is no such proof.
    if (!user.email_verified_at && user.role === "partner") {
      const ended = await endAccess(trx, ctx, user, "first_reset_unverified");
      const members = user.partner_id ? await removeMembersInvitedBy(trx, ctx, user.partner_id, user.id) : [];
      data = { first_proof_of_address: true, ...ended, members_removed: members };
    } else {
      const ended = await deleteSessionsOfUser(trx, user.id);
      data = { sessions_ended: Number(ended[0]?.numDeletedRows ?? 0) };
    }
    await audit(trx, services, {
      ...asUser(user),
      partner_id: user.partner_id,
      entity_type: user.role === "partner" ? "member" : "staff_user",
      entity_id: user.id,
      action: "reset_password",
      data,
    });
    await sendAccountMail(trx, services, { account_mail: "password_changed", to: user.email, locale: user.locale, data: {} });
  });
}

/**
 * requestPasswordReset off the request: the route answers at once, the same whether or not the
 * address has an account, and the lookup, token and mail follow (timing must not tell which
 * addresses exist). A failure is logged; the person can ask again.
 */
export function requestPasswordResetLater(services: Services, email: string): void {
  setImmediate(() => {
    requestPasswordReset(services, email).catch((err: unknown) =>
      services.logger.error("password reset request failed", {
        request_id: services.requestId,
        error: err instanceof Error ? (err.stack ?? err.message) : String(err),
      }),
    );
  });
}
