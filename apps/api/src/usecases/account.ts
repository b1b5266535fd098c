import {
  advanceTotpStep,
  countUnusedRecoveryCodes,
  decrementRateLimit,
  deleteOtherSessions,
  deleteSessionByPublicId,
  type Executor,
  findUserById,
  hitRateLimit,
  listSessionsOfUser,
  replaceRecoveryCodes,
  type User,
  updateUser,
  useRecoveryCode,
} from "@shopreg/db";
import { Conflict, NotFound, TwoFactorRequired, Unauthenticated, Validation } from "@shopreg/domain";
import { hashPassword, verifyPassword } from "../auth/secrets.ts";
import {
  decryptSecret,
  encryptSecret,
  hashRecoveryCode,
  isTotpCode,
  newRecoveryCodes,
  newTotpSecret,
  recoveryCodeHashes,
  totpStep,
  totpUri,
} from "../auth/two-factor.ts";
import type { AppServices, Principal, UseCaseContext } from "../context.ts";
import { RateLimited } from "../errors.ts";
import { audit } from "./audit.ts";
import { sendAccountMail } from "./mail.ts";
import type { SecurityChange } from "./mail-copy.ts";
import { endAccess } from "./users.ts";

/** A signed-in person (a partner member or staff), as opposed to an API key. */
export type UserPrincipal = Extract<Principal, { kind: "partner_user" | "staff" }>;
type Ctx = UseCaseContext<UserPrincipal>;

const partnerIdOf = (p: UserPrincipal) => (p.kind === "partner_user" ? p.partnerId : null);
const entityOf = (p: UserPrincipal) => (p.kind === "partner_user" ? "member" : "staff_user");

/** The signed-in user's own row (role, two-factor), as the session answer shows it. */
export async function me(ctx: Ctx): Promise<User> {
  const user = await findUserById(ctx.db, ctx.principal.userId);
  if (!user) throw new NotFound("User not found.");
  return user;
}

/**
 * Failed password and code checks on the account page (password change, two-factor on/off, new
 * recovery codes) are counted per user: at most SECURITY_CHECK_FAILURES in SECURITY_CHECK_WINDOW_MS,
 * then 429 until the window ends. Each attempt is counted before it is checked, in one upsert, so
 * parallel guesses cannot pass together; a successful one gives its count back.
 */
export const SECURITY_CHECK_FAILURES = 5;
export const SECURITY_CHECK_WINDOW_MS = 15 * 60_000;

async function guardedCheck<T>(ctx: Ctx, user: User, check: () => Promise<T | undefined>): Promise<T | undefined> {
  const key = `security-check:${user.id}`;
  const now = ctx.clock();
  const count = await hitRateLimit(ctx.db, key, now, SECURITY_CHECK_WINDOW_MS);
  if (count.hits > SECURITY_CHECK_FAILURES) {
    throw new RateLimited(Math.max(1, Math.ceil((count.resetAt.getTime() - now.getTime()) / 1000)));
  }
  const ok = await check();
  if (ok !== undefined && ok !== false) await decrementRateLimit(ctx.db, key);
  return ok;
}

/** The current password, checked under the failure counter; 422 on `field` when wrong. */
async function requirePassword(ctx: Ctx, user: User, password: string, field: string) {
  const ok = await guardedCheck(ctx, user, async () => ((await verifyPassword(user.password_hash, password)) ? true : undefined));
  if (!ok) {
    const message = field === "current_password" ? "The current password is incorrect." : "The password is incorrect.";
    throw new Validation(message, [{ path: field, message }]);
  }
}

/** Tells the person by mail, in their language, in the change's transaction (it goes only if the change commits). */
const mailSecurityChange = (trx: Executor, ctx: Ctx, user: User, change: SecurityChange) =>
  sendAccountMail(trx, ctx, { account_mail: "security_change", to: user.email, locale: user.locale, data: { change } });

/**
 * Changing the password ends the user's other sessions and retires their reset links (users.ts
 * ON_END.password_changed): whoever knew the old one is signed out. The person is mailed.
 */
export async function changePassword(ctx: Ctx, input: { current_password: string; new_password: string }) {
  const user = await me(ctx);
  await requirePassword(ctx, user, input.current_password, "current_password");
  if (input.current_password === input.new_password) {
    throw new Validation("Choose a new password.", [{ path: "new_password", message: "Choose a password you do not use now." }]);
  }
  const hash = await hashPassword(input.new_password);
  return ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { password_hash: hash });
    const ended = await endAccess(trx, ctx, user, "password_changed", { keepSessionId: ctx.principal.sessionId });
    await audit(trx, ctx, {
      partner_id: partnerIdOf(ctx.principal),
      entity_type: entityOf(ctx.principal),
      entity_id: user.id,
      action: "change_password",
      data: { other_sessions_ended: ended.sessions_ended, links_retired: ended.links_retired },
    });
    await sendAccountMail(trx, ctx, { account_mail: "password_changed", to: user.email, locale: user.locale, data: {} });
    return { other_sessions_ended: ended.sessions_ended };
  });
}

export async function listMySessions(ctx: Ctx) {
  const rows = await listSessionsOfUser(ctx.db, ctx.principal.userId, ctx.clock());
  return rows.map((s) => ({ ...s, current: s.id === ctx.principal.sessionId }));
}

export async function endMySession(ctx: Ctx, publicId: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const ended = await deleteSessionByPublicId(trx, ctx.principal.userId, publicId);
    if (!ended) throw new NotFound("Session not found.");
    await audit(trx, ctx, {
      partner_id: partnerIdOf(ctx.principal),
      entity_type: entityOf(ctx.principal),
      entity_id: ctx.principal.userId,
      action: "end_session",
      data: { session_id: publicId, current: ended.id === ctx.principal.sessionId },
    });
  });
}

export async function endOtherSessions(ctx: Ctx) {
  return ctx.db.transaction().execute(async (trx) => {
    const ended = await deleteOtherSessions(trx, ctx.principal.userId, ctx.principal.sessionId);
    await audit(trx, ctx, {
      partner_id: partnerIdOf(ctx.principal),
      entity_type: entityOf(ctx.principal),
      entity_id: ctx.principal.userId,
      action: "end_other_sessions",
      data: { sessions_ended: ended.length },
    });
    return { sessions_ended: ended.length };
  });
}

export async function twoFactorStatus(ctx: Ctx) {
  const user = await me(ctx);
  return {
    enabled: user.totp_enabled_at !== null,
    enabled_at: user.totp_enabled_at,
    recovery_codes_left: user.totp_enabled_at ? await countUnusedRecoveryCodes(ctx.db, user.id) : 0,
    required: ctx.principal.twoFactor?.required ?? false,
  };
}

/**
 * Step 1: a new secret, stored encrypted and not yet in force, shown once as an otpauth:// URI.
 * Starting again before confirming replaces it.
 */
export async function startTwoFactorEnrolment(ctx: Ctx) {
  const user = await me(ctx);
  if (user.totp_enabled_at)
    throw new Conflict("Two-factor is already on; turn it off first to enrol a new device.").because("two_factor_already_on");
  const secret = newTotpSecret();
  await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, {
      totp_secret_enc: encryptSecret(ctx.config.twoFactorKey, secret),
      totp_last_step: null,
    });
    await audit(trx, ctx, {
      partner_id: partnerIdOf(ctx.principal),
      entity_type: entityOf(ctx.principal),
      entity_id: user.id,
      action: "start_two_factor",
    });
  });
  return { otpauth_uri: totpUri(secret, user.email), secret };
}

/**
 * Step 2: the current password (a stolen session alone cannot enrol a device of its own) and a code
 * from the app proving it holds the secret; two-factor is on, ten recovery codes are shown once and
 * the person is mailed.
 */
export async function confirmTwoFactor(ctx: Ctx, input: { code: string; password: string }) {
  const { code } = input;
  const user = await me(ctx);
  if (user.totp_enabled_at) throw new Conflict("Two-factor is already on.").because("two_factor_already_on");
  if (!user.totp_secret_enc)
    throw new Conflict("Start the enrolment first (POST .../two-factor).").because("two_factor_not_started");
  await requirePassword(ctx, user, input.password, "password");
  const step = totpStep(decryptSecret(ctx.config.twoFactorKey, user.totp_secret_enc), code, ctx.clock());
  if (step === undefined)
    throw new Validation("The code is not valid.", [
      { path: "code", message: "The code is not valid; check the time on your device." },
    ]);
  const codes = newRecoveryCodes();
  await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { totp_enabled_at: ctx.clock(), totp_last_step: step });
    await replaceRecoveryCodes(
      trx,
      user.id,
      codes.map((c) => hashRecoveryCode(ctx.config.twoFactorKey, c)),
    );
    await audit(trx, ctx, {
      partner_id: partnerIdOf(ctx.principal),
      entity_type: entityOf(ctx.principal),
      entity_id: user.id,
      action: "enable_two_factor",
      from_status: "OFF",
      to_status: "ON",
    });
    await mailSecurityChange(trx, ctx, user, "two_factor_on");
  });
  return { recovery_codes: codes };
}

/** Turning it off needs the password and a current code (or a recovery code). */
export async function disableTwoFactor(ctx: Ctx, input: { password: string; code: string }) {
  const user = await me(ctx);
  if (!user.totp_enabled_at) throw new Conflict("Two-factor is not on.").because("two_factor_off");
  await requirePassword(ctx, user, input.password, "password");
  await requireCode(ctx, user, input.code);
  await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { totp_enabled_at: null, totp_secret_enc: null, totp_last_step: null });
    await replaceRecoveryCodes(trx, user.id, []);
    await audit(trx, ctx, {
      partner_id: partnerIdOf(ctx.principal),
      entity_type: entityOf(ctx.principal),
      entity_id: user.id,
      action: "disable_two_factor",
      from_status: "ON",
      to_status: "OFF",
    });
    await mailSecurityChange(trx, ctx, user, "two_factor_off");
  });
}

/**
 * A second-factor code on the account page, under the failure counter; checked (and used up) before
 * the change's transaction, so a failure stays counted.
 */
async function requireCode(ctx: Ctx, user: User, code: string) {
  const ok = await guardedCheck(ctx, user, () => checkSecondFactor(ctx, ctx.db, user, code));
  if (!ok) throw new Validation("The code is not valid.", [{ path: "code", message: "The code is not valid." }]);
}

/** New recovery codes replace the old ones (all of them, used or not); needs the password and a current code. */
export async function regenerateRecoveryCodes(ctx: Ctx, input: { code: string; password: string }) {
  const user = await me(ctx);
  if (!user.totp_enabled_at) throw new Conflict("Two-factor is not on.").because("two_factor_off");
  await requirePassword(ctx, user, input.password, "password");
  await requireCode(ctx, user, input.code);
  const codes = newRecoveryCodes();
  await ctx.db.transaction().execute(async (trx) => {
    await replaceRecoveryCodes(
      trx,
      user.id,
      codes.map((c) => hashRecoveryCode(ctx.config.twoFactorKey, c)),
    );
    await audit(trx, ctx, {
      partner_id: partnerIdOf(ctx.principal),
      entity_type: entityOf(ctx.principal),
      entity_id: user.id,
      action: "regenerate_recovery_codes",
    });
    await mailSecurityChange(trx, ctx, user, "recovery_codes");
  });
  return { recovery_codes: codes };
}

/**
 * A TOTP code (each time step accepted once) or an unused recovery code (then used up).
 * Runs in the caller's transaction, so a failed sign-in does not consume anything.
 */
export async function checkSecondFactor(
  services: Pick<AppServices, "config" | "clock">,
  trx: AppServices["db"] | Parameters<typeof updateUser>[0],
  user: User,
  code: string,
): Promise<"totp" | "recovery" | undefined> {
  if (!user.totp_enabled_at || !user.totp_secret_enc) return undefined;
  if (isTotpCode(code)) {
    const step = totpStep(decryptSecret(services.config.twoFactorKey, user.totp_secret_enc), code.trim(), services.clock());
    return step !== undefined && (await advanceTotpStep(trx, user.id, step)) ? "totp" : undefined;
  }
  const hashes = recoveryCodeHashes(services.config.twoFactorKey, code);
  return (await useRecoveryCode(trx, user.id, hashes, services.clock())) ? "recovery" : undefined;
}

/** Sign-in's second step: without a code the answer is 401 two_factor_required; a wrong code is 401 too. */
export async function requireSecondFactor(services: AppServices & { requestId?: string }, user: User, code: string | undefined) {
  if (!user.totp_enabled_at) return;
  if (!code) throw new TwoFactorRequired("Enter the 6-digit code from your authenticator app, or a recovery code.");
  const used = await services.db.transaction().execute(async (trx) => {
    const kind = await checkSecondFactor(services, trx, user, code);
    if (kind === "recovery") {
      await audit(
        trx,
        { clock: services.clock, requestId: services.requestId ?? "" },
        {
          actor_type: "user",
          actor_id: user.id,
          actor_label: user.email,
          partner_id: user.partner_id,
          entity_type: user.partner_id ? "member" : "staff_user",
          entity_id: user.id,
          action: "use_recovery_code",
        },
      );
    }
    return kind;
  });
  if (!used) throw new Unauthenticated("The two-factor code is not valid.", { reason: "invalid_two_factor_code" });
}
