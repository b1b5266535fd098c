import {
  advanceTotpStep,
  countUnusedRecoveryCodes,
  deleteOtherSessions,
  deleteSessionByPublicId,
  findUserById,
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
  totpStep,
  totpUri,
} from "../auth/two-factor.ts";
import type { AppServices, Principal, UseCaseContext } from "../context.ts";
import { audit } from "./audit.ts";

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

/** Changing the password ends the user's other sessions: whoever knew the old one is signed out. */
export async function changePassword(ctx: Ctx, input: { current_password: string; new_password: string }) {
  const user = await me(ctx);
  if (!(await verifyPassword(user.password_hash, input.current_password))) {
    throw new Validation("The current password is incorrect.", [
      { path: "current_password", message: "The current password is incorrect." },
    ]);
  }
  if (input.current_password === input.new_password) {
    throw new Validation("Choose a new password.", [{ path: "new_password", message: "Choose a password you do not use now." }]);
  }
  const hash = await hashPassword(input.new_password);
  return ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { password_hash: hash });
    const ended = await deleteOtherSessions(trx, user.id, ctx.principal.sessionId);
    await audit(trx, ctx, {
      partner_id: partnerIdOf(ctx.principal),
      entity_type: entityOf(ctx.principal),
      entity_id: user.id,
      action: "change_password",
      data: { other_sessions_ended: ended.length },
    });
    return { other_sessions_ended: ended.length };
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
  if (user.totp_enabled_at) throw new Conflict("Two-factor is already on; turn it off first to enrol a new device.");
  const secret = newTotpSecret();
  await updateUser(ctx.db, user.id, {
    totp_secret_enc: encryptSecret(ctx.config.twoFactorKey, secret),
    totp_last_step: null,
  });
  return { otpauth_uri: totpUri(secret, user.email), secret };
}

/** Step 2: a code from the app proves it holds the secret; two-factor is on and ten recovery codes are shown once. */
export async function confirmTwoFactor(ctx: Ctx, code: string) {
  const user = await me(ctx);
  if (user.totp_enabled_at) throw new Conflict("Two-factor is already on.");
  if (!user.totp_secret_enc) throw new Conflict("Start the enrolment first (POST .../two-factor).");
  const step = totpStep(decryptSecret(ctx.config.twoFactorKey, user.totp_secret_enc), code, ctx.clock());
  if (step === undefined)
    throw new Validation("The code is not valid.", [
      { path: "code", message: "The code is not valid; check the time on your device." },
    ]);
  const codes = newRecoveryCodes();
  await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { totp_enabled_at: ctx.clock(), totp_last_step: step });
    await replaceRecoveryCodes(trx, user.id, codes.map(hashRecoveryCode));
    await audit(trx, ctx, {
      partner_id: partnerIdOf(ctx.principal),
      entity_type: entityOf(ctx.principal),
      entity_id: user.id,
      action: "enable_two_factor",
      from_status: "OFF",
      to_status: "ON",
    });
  });
  return { recovery_codes: codes };
}

/** Turning it off needs the password and a current code (or a recovery code). */
export async function disableTwoFactor(ctx: Ctx, input: { password: string; code: string }) {
  const user = await me(ctx);
  if (!user.totp_enabled_at) throw new Conflict("Two-factor is not on.");
  if (!(await verifyPassword(user.password_hash, input.password))) {
    throw new Validation("The password is incorrect.", [{ path: "password", message: "The password is incorrect." }]);
  }
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await checkSecondFactor(ctx, trx, user, input.code))) {
      throw new Validation("The code is not valid.", [{ path: "code", message: "The code is not valid." }]);
    }
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
  });
}

/** New recovery codes replace the old ones (all of them, used or not). */
export async function regenerateRecoveryCodes(ctx: Ctx, code: string) {
  const user = await me(ctx);
  if (!user.totp_enabled_at) throw new Conflict("Two-factor is not on.");
  const codes = newRecoveryCodes();
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await checkSecondFactor(ctx, trx, user, code))) {
      throw new Validation("The code is not valid.", [{ path: "code", message: "The code is not valid." }]);
    }
    await replaceRecoveryCodes(trx, user.id, codes.map(hashRecoveryCode));
    await audit(trx, ctx, {
      partner_id: partnerIdOf(ctx.principal),
      entity_type: entityOf(ctx.principal),
      entity_id: user.id,
      action: "regenerate_recovery_codes",
    });
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
  return (await useRecoveryCode(trx, user.id, hashRecoveryCode(code), services.clock())) ? "recovery" : undefined;
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
