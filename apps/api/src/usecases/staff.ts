import {
  type Executor,
  findPartnerById,
  findService,
  findUserByEmail,
  findUserById,
  insertUser,
  listApiKeys,
  listApplicationQueue,
  listAuditEvents,
  listLinks,
  listLinksOfService,
  listPartnerApplications,
  listPartners,
  listServices,
  listStaffUsers,
  lockActiveStaffAdmins,
  newId,
  updateUser,
  withLinks,
} from "@shopreg/db";
import { Conflict, Forbidden, NotFound, PASSWORD_RESET_TTL_MS, type StaffRole, Unauthenticated } from "@shopreg/domain";
import { hashPassword } from "../auth/secrets.ts";
import type { StaffPrincipal, UseCaseContext } from "../context.ts";
import { audit } from "./audit.ts";
import { sendAccountMail } from "./mail.ts";
import { issueMailedToken } from "./password-reset.ts";
import { notStaff, switchUserDisabled } from "./users.ts";

export async function createStaffUser(
  ctx: UseCaseContext<StaffPrincipal>,
  input: { email: string; name: string; role: StaffRole; password: string },
) {
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction().execute(async (trx) => {
    if (await findUserByEmail(trx, input.email))
      throw new Conflict("A user with this email already exists.", { field: "email" }).because("email_taken");
    const user = await insertUser(trx, {
      id: newId(),
      partner_id: null,
      email: input.email,
      name: input.name,
      role: input.role,
      password_hash: passwordHash,
      created_at: ctx.clock(),
    });
    await audit(trx, ctx, {
      partner_id: null,
      entity_type: "staff_user",
      entity_id: user.id,
      action: "create",
      to_status: "ACTIVE",
      data: { role: input.role },
    });
    return user;
  });
}

export async function setStaffUserDisabled(ctx: UseCaseContext<StaffPrincipal>, id: string, disabled: boolean) {
  if (id === ctx.principal.userId && disabled)
    throw new Forbidden("You cannot disable your own account.").because("cannot_disable_self");
  return ctx.db.transaction().execute(async (trx) => {
    const user = await staffUserOf(trx, id);
    if (disabled && user.role === "admin" && !user.disabled_at) await keepAnAdmin(trx, user.id, "disable");
    return switchUserDisabled(trx, ctx, user, disabled, { partner_id: null, entity_type: "staff_user" });
  });
}

async function staffUserOf(trx: Executor, id: string) {
  const user = await findUserById(trx, id);
  if (!user || user.partner_id !== null) throw new NotFound("Staff user not found.");
  if (user.role === "partner") throw notStaff();
  return user;
}

/** Someone must still be able to manage staff: the last active admin stays one. */
async function keepAnAdmin(trx: Executor, leaving: string, what: string) {
  const admins = await lockActiveStaffAdmins(trx);
  if (admins.every((a) => a.id === leaving)) {
    throw new Conflict(`You cannot ${what} the last admin: make another staff member an admin first.`, {
      reason: "last_admin",
    }).because("last_admin");
  }
}

/**
 * An admin gives a staff member another role; it applies to their next request (the role is read
 * with the session). The last active admin keeps the role. Audited with the old and new role.
 */
export async function changeStaffRole(ctx: UseCaseContext<StaffPrincipal>, id: string, role: StaffRole) {
  return ctx.db.transaction().execute(async (trx) => {
    const user = await staffUserOf(trx, id);
    if (user.role === role) return user;
    if (user.role === "admin" && !user.disabled_at) await keepAnAdmin(trx, user.id, "change the role of");
    const updated = await updateUser(trx, user.id, { role });
    await audit(trx, ctx, {
      partner_id: null,
      entity_type: "staff_user",
      entity_id: user.id,
      action: "change_role",
      from_status: user.role,
      to_status: role,
      data: { from: user.role, to: role },
    });
    return updated;
  });
}

/**
 * An admin sends a staff member a link to choose a new password (staff cannot ask for one
 * themselves): nobody sees or types a password for them. The current password works until the link
 * is used; earlier links stop working. Audited; the mail goes only if this commits.
 */
export async function sendStaffPasswordReset(ctx: UseCaseContext<StaffPrincipal>, id: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const user = await staffUserOf(trx, id);
    if (user.disabled_at)
      throw new Conflict("This account is disabled: enable it before sending a reset link.", { reason: "disabled" }).because(
        "account_disabled",
      );
    const token = await issueMailedToken(trx, ctx, user, "password_reset", PASSWORD_RESET_TTL_MS);
    await audit(trx, ctx, {
      partner_id: null,
      entity_type: "staff_user",
      entity_id: user.id,
      action: "send_password_reset",
    });
    await sendAccountMail(
      trx,
      ctx,
      { account_mail: "staff_password_reset", to: user.email, locale: user.locale, data: { name: user.name } },
      token,
    );
    return user;
  });
}

export const listStaff = (ctx: UseCaseContext<StaffPrincipal>) => listStaffUsers(ctx.db);

/** A partner with its applications, services and API keys' metadata (never secrets). */
export async function getPartnerOverview(ctx: UseCaseContext<StaffPrincipal>, id: string) {
  const partner = await findPartnerById(ctx.db, id);
  if (!partner) throw new NotFound("Partner not found.");
  const [applications, services, apiKeys] = await Promise.all([
    listPartnerApplications(ctx.db, id, { limit: 100 }),
    listServices(ctx.db, { partnerId: id, limit: 100 }),
    listApiKeys(ctx.db, id, { limit: 100 }),
  ]);
  return {
    partner,
    applications: applications.data,
    services: await withLinks(ctx.db, services.data),
    apiKeys: apiKeys.data,
  };
}

export async function getServiceForStaff(ctx: UseCaseContext<StaffPrincipal>, id: string) {
  const service = await findService(ctx.db, id);
  if (!service) throw new NotFound("Service not found.");
  return { service, links: await listLinksOfService(ctx.db, id) };
}

/** A page of every partner's services (or one partner's), each with its links. */
export async function listAllServices(ctx: UseCaseContext<StaffPrincipal>, params: Parameters<typeof listServices>[1]) {
  const page = await listServices(ctx.db, params);
  return { data: await withLinks(ctx.db, page.data), next_cursor: page.next_cursor };
}

/** The signed-in staff user, as stored now. */
export async function getStaffSelf(ctx: UseCaseContext<StaffPrincipal>) {
  const user = await findUserById(ctx.db, ctx.principal.userId);
  if (!user) throw new Unauthenticated("Sign in again.");
  return user;
}

/** A page of referral links, each with its service's status (a link refers only while its service is On). */
export async function listAllLinks(ctx: UseCaseContext<StaffPrincipal>, params: Parameters<typeof listLinks>[1]) {
  const page = await listLinks(ctx.db, params);
  const statuses = new Map<string, "DRAFT" | "ON" | "OFF">();
  for (const id of new Set(page.data.map((l) => l.service_id)))
    statuses.set(id, (await findService(ctx.db, id))?.status ?? "OFF");
  return {
    data: page.data.map((link) => ({ link, serviceStatus: statuses.get(link.service_id) ?? "OFF" })),
    next_cursor: page.next_cursor,
  };
}

export const listAudit = (ctx: UseCaseContext<StaffPrincipal>, params: Parameters<typeof listAuditEvents>[1]) =>
  listAuditEvents(ctx.db, params);
export const listAllPartners = (ctx: UseCaseContext<StaffPrincipal>, params: Parameters<typeof listPartners>[1]) =>
  listPartners(ctx.db, params);
export const listReviewQueue = (ctx: UseCaseContext<StaffPrincipal>, params: Parameters<typeof listApplicationQueue>[1]) =>
  listApplicationQueue(ctx.db, params);

export { listAuditEvents, listLinks, listServices };
