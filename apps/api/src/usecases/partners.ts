import {
  deleteSession,
  findPartnerById,
  findUserByEmail,
  insertApplication,
  insertPartner,
  insertSession,
  insertUser,
  newId,
  type Partner,
  recordLogin,
  type User,
  updatePartner,
} from "@shopreg/db";
import {
  APPLICATION_FORM_VERSION,
  entityTypeFor,
  type loginInput,
  NotFound,
  type profileUpdateInput,
  SHOP_REGISTRATION,
  type SignUpInput,
  scopesOfRole,
  Unauthenticated,
  Validation,
} from "@shopreg/domain";
import type { z } from "zod";
import { dummyPasswordHash, hashPassword, mintToken, verifyPassword } from "../auth/secrets.ts";
import type { AppServices, PartnerPrincipal, UseCaseContext } from "../context.ts";
import { requireSecondFactor } from "./account.ts";
import { audit } from "./audit.ts";
import { mailEmailVerification } from "./email-verification.ts";
import { sendAccountMail } from "./mail.ts";

export type NewSession = { token: string; expiresAt: Date };

export async function startSession(services: AppServices, user: User, userAgent?: string): Promise<NewSession> {
  const { token, hash } = mintToken();
  const now = services.clock();
  const expiresAt = new Date(now.getTime() + services.config.sessionTtlMs);
  await insertSession(services.db, {
    id: hash,
    user_id: user.id,
    created_at: now,
    expires_at: expiresAt,
    user_agent: userAgent?.slice(0, 512) ?? null,
  });
  await recordLogin(services.db, user.id, now);
  return { token, expiresAt };
}

/**
 * docs/architecture.md, "The partner's path", step 1: a company becomes a partner; picking Shop
 * registration opens the same draft application as step 2. The answer does not say whether the
 * address already has an account (docs/teams-and-account-security.md): a new address gets its
 * partner, its owner (unverified) and a mail to confirm the address; a known one gets nothing
 * created and a mail telling its owner someone tried. Neither signs in: the person signs in with
 * the password they chose.
 */
export async function signUpPartner(services: AppServices & { requestId: string }, input: SignUpInput) {
  const passwordHash = await hashPassword(input.password);
  const now = services.clock();
  const existing = await findUserByEmail(services.db, input.contact_email);
  if (existing) {
    await mailSignUpAttempt(services, existing);
    return;
  }
  await services.db
    .transaction()
    .execute(async (trx) => {
      const partner = await insertPartner(trx, {
        id: newId(),
        company_name: input.company_name,
        entity_type: entityTypeFor(input.company_registration_region),
        registration_region: input.registration_region,
        company_registration_region: input.company_registration_region,
        contact_name: input.contact_name,
        contact_email: input.contact_email,
        contact_phone: input.contact_phone ?? null,
        created_at: now,
        updated_at: now,
      });
      const user = await insertUser(trx, {
        id: newId(),
        partner_id: partner.id,
        email: input.contact_email,
        name: input.contact_name,
        role: "partner",
        member_role: "owner",
        password_hash: passwordHash,
        created_at: now,
        ...(input.locale ? { locale: input.locale } : {}),
      });
      const ctx = {
        ...services,
        principal: {
          kind: "partner_user" as const,
          userId: user.id,
          partnerId: partner.id,
          email: user.email,
          name: user.name,
          sessionId: "",
          role: "owner" as const,
          scopes: scopesOfRole("owner"),
        },
      };
      await audit(trx, ctx, {
        partner_id: partner.id,
        entity_type: "partner",
        entity_id: partner.id,
        action: "sign_up",
        to_status: "ACTIVE",
      });
      if (input.apply_for_shop_registration) {
        const app = await insertApplication(trx, {
          id: newId(),
          partner_id: partner.id,
          category_id: SHOP_REGISTRATION,
          target_market: "US",
          form_version: APPLICATION_FORM_VERSION,
          details: { legal_company_name: input.company_name },
          status: "DRAFT",
          created_at: now,
        });
        await audit(trx, ctx, {
          partner_id: partner.id,
          entity_type: "application",
          entity_id: app.id,
          action: "create",
          to_status: "DRAFT",
        });
      }
      await mailEmailVerification(trx, services, user);
    })
    .catch(async (err: unknown) => {
      // Two sign-ups racing with one email: the unique index lets one through; the other is told the same.
      if ((err as { code?: string }).code !== "23505") throw err;
      const winner = await findUserByEmail(services.db, input.contact_email);
      if (winner) await mailSignUpAttempt(services, winner);
    });
}

/** Nothing is created; the owner of the address learns someone tried (and how to get back in). */
async function mailSignUpAttempt(services: AppServices, user: User) {
  await services.db.transaction().execute(async (trx) => {
    await sendAccountMail(trx, services, { account_mail: "sign_up_attempt", to: user.email, locale: user.locale, data: {} });
  });
}

/** Ends a session (signing out); a missing one is already ended. */
export const logOut = (services: Pick<AppServices, "db">, sessionId: string) => deleteSession(services.db, sessionId);

/** The partner a signed-in partner user belongs to. */
export async function partnerOfUser(services: Pick<AppServices, "db">, user: { partner_id: string | null }) {
  const partner = user.partner_id ? await findPartnerById(services.db, user.partner_id) : undefined;
  if (!partner) throw new NotFound("Partner not found.");
  return partner;
}

/**
 * Same answer and similar timing for an unknown email and a wrong password. With two-factor on, the
 * right password without `code` answers 401 two_factor_required and the client asks for the code and
 * sends the same request again with it (no half-signed-in state is kept on the server).
 */
export async function logIn(
  services: AppServices & { requestId?: string },
  input: z.infer<typeof loginInput>,
  kind: "partner" | "staff",
  userAgent?: string,
) {
  const user = await findUserByEmail(services.db, input.email);
  const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password);
  const rightKind = user && (kind === "partner" ? user.role === "partner" : user.role !== "partner");
  if (!user || !ok || !rightKind) throw new Unauthenticated("The email or password is incorrect.");
  if (user.disabled_at) throw new Unauthenticated("This account has been disabled. Contact an administrator.");
  if (kind === "partner" && !user.partner_id) {
    throw new Unauthenticated("You are no longer a member of a partner account; ask its owner for a new invitation.");
  }
  await requireSecondFactor(services, user, input.code);
  return { user, session: await startSession(services, user, userAgent) };
}

export async function getProfile(ctx: UseCaseContext<PartnerPrincipal>): Promise<Partner> {
  const partner = await findPartnerById(ctx.db, ctx.principal.partnerId);
  if (!partner) throw new NotFound("Partner not found.");
  return partner;
}

/** Company and contact details; the two registration regions are fixed at sign-up. */
export async function updateProfile(ctx: UseCaseContext<PartnerPrincipal>, patch: z.infer<typeof profileUpdateInput>) {
  // An empty patch would still bump updated_at and write an audit row for a change that did not happen.
  if (Object.keys(patch).length === 0) {
    throw new Validation("Send at least one field to change.", [
      { path: "(body)", message: "Send at least one field to change." },
    ]);
  }
  return ctx.db.transaction().execute(async (trx) => {
    const updated = await updatePartner(trx, ctx.principal.partnerId, { ...patch, updated_at: ctx.clock() });
    await audit(trx, ctx, {
      partner_id: updated.id,
      entity_type: "partner",
      entity_id: updated.id,
      action: "update_profile",
      data: { fields: Object.keys(patch) },
    });
    return updated;
  });
}
