import { type Executor, type User, updateUser } from "@shopreg/db";
import { Conflict, EMAIL_VERIFICATION_TTL_MS } from "@shopreg/domain";
import type { AppServices, PartnerPrincipal, UseCaseContext } from "../context.ts";
import { me } from "./account.ts";
import { audit } from "./audit.ts";
import { sendAccountMail } from "./mail.ts";
import { asUser, issueMailedToken, useMailedToken } from "./password-reset.ts";

/**
 * Mints a confirmation link for the user's address and queues its mail, in the caller's transaction
 * (sign-up's, or a resend's). Earlier links stop working: only the latest mail counts.
 */
export async function mailEmailVerification(
  trx: Executor,
  services: Pick<AppServices, "jobs" | "config" | "clock">,
  user: Pick<User, "id" | "email" | "name" | "locale">,
) {
  const token = await issueMailedToken(trx, services, user, "email_verification", EMAIL_VERIFICATION_TTL_MS);
  await sendAccountMail(
    trx,
    services,
    { account_mail: "email_verification", to: user.email, locale: user.locale, data: { name: user.name } },
    token,
  );
}

/** The link from the mail: the address is the user's. Anyone holding the link may use it, signed in or not. */
export async function confirmEmailVerification(services: AppServices & { requestId: string }, token: string) {
  return services.db.transaction().execute(async (trx) => {
    const user = await useMailedToken(trx, services, token, "email_verification");
    if (user.email_verified_at) return user;
    const updated = await updateUser(trx, user.id, { email_verified_at: services.clock() });
    await audit(trx, services, {
      ...asUser(user),
      partner_id: user.partner_id,
      entity_type: "member",
      entity_id: user.id,
      action: "verify_email",
      from_status: "UNVERIFIED",
      to_status: "VERIFIED",
    });
    return updated;
  });
}

/** "Resend" from the portal's banner. A verified address has nothing to confirm (409). */
export async function resendEmailVerification(ctx: UseCaseContext<Extract<PartnerPrincipal, { kind: "partner_user" }>>) {
  const user = await me(ctx);
  if (user.email_verified_at)
    throw new Conflict("Your email address is already confirmed.", { reason: "already_verified" }).because("already_verified");
  await ctx.db.transaction().execute(async (trx) => {
    await mailEmailVerification(trx, ctx, user);
    await audit(trx, ctx, {
      partner_id: ctx.principal.partnerId,
      entity_type: "member",
      entity_id: user.id,
      action: "resend_email_verification",
    });
  });
}
