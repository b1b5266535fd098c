import {
  type Application,
  type Executor,
  findApplication,
  findLiveApplication,
  findPartnerById,
  findUserById,
  insertApplication,
  insertRevision,
  listEntityHistory,
  listLinksOfService,
  listPartnerApplications,
  listRevisions,
  lockApplication,
  lockServicesOn,
  newId,
  notifyLinkChange,
  updateApplication,
  updateService,
} from "@shopreg/db";
import {
  type Actor,
  APPLICATION_FORM_VERSION,
  type ApplicationAction,
  type ApplicationStatus,
  applyApplicationAction,
  applyServiceAction,
  Conflict,
  type Cursor,
  categoryApplicability,
  EDITABLE_APPLICATION_STATUSES,
  EmailNotVerified,
  InvalidTransition,
  NotFound,
  parseApplicationDetails,
  REVIEW_ACTIONS,
  type ReviewAction,
  serviceActionsFor,
  Validation,
} from "@shopreg/domain";
import type { PartnerPrincipal, StaffPrincipal, UseCaseContext } from "../context.ts";
import { EVENT_VIEW, toApplication, toService } from "../serializers.ts";
import { audit } from "./audit.ts";
import { emit } from "./events.ts";

const notFound = () => new NotFound("Application not found.");

/** A partner sees only its own applications: another partner's id is simply not found. */
async function ownApplication(db: Executor, partnerId: string, id: string, lock = false): Promise<Application> {
  const app = lock ? await lockApplication(db, id) : await findApplication(db, id);
  if (!app || app.partner_id !== partnerId) throw notFound();
  return app;
}

async function entityTypeOf(db: Executor, partnerId: string) {
  const partner = await findPartnerById(db, partnerId);
  if (!partner) throw new NotFound("Partner not found.");
  return partner.entity_type;
}

export async function createApplication(
  ctx: UseCaseContext<PartnerPrincipal>,
  input: { category_id: string; target_market: string; details?: Record<string, unknown> | undefined },
) {
  const why = categoryApplicability(input.category_id);
  if (why) throw new Validation(why, [{ path: "category_id", message: why }]);
  const partnerId = ctx.principal.partnerId;
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const details = parseApplicationDetails(await entityTypeOf(trx, partnerId), "draft", input.details ?? {});
      const live = await findLiveApplication(trx, partnerId, input.category_id, input.target_market);
      if (live) throw liveConflict(live);
      const to = applyApplicationAction(null, "create", "partner").to;
      const app = await insertApplication(trx, {
        id: newId(),
        partner_id: partnerId,
        category_id: input.category_id,
        target_market: input.target_market,
        form_version: APPLICATION_FORM_VERSION,
        details,
        status: to,
        created_at: ctx.clock(),
      });
      await audit(trx, ctx, {
        partner_id: partnerId,
        entity_type: "application",
        entity_id: app.id,
        action: "create",
        to_status: to,
      });
      return app;
    });
  } catch (err) {
    // Two creates racing: the partial unique index lets one through.
    if ((err as { code?: string }).code === "23505") {
      const live = await findLiveApplication(ctx.db, partnerId, input.category_id, input.target_market);
      if (live) throw liveConflict(live);
    }
    throw err;
  }
}

const liveConflict = (live: Application) =>
  new Conflict(
    `You already have an application for this category and market (status ${live.status}). Withdraw it or wait for a decision before applying again.`,
    { application_id: live.id, status: live.status },
  ).because("application_already_live");

export const getApplication = (ctx: UseCaseContext<PartnerPrincipal>, id: string) =>
  ownApplication(ctx.db, ctx.principal.partnerId, id);

export const listApplications = (
  ctx: UseCaseContext<PartnerPrincipal>,
  params: { limit: number; cursor?: Cursor | undefined; status?: ApplicationStatus | undefined },
) => listPartnerApplications(ctx.db, ctx.principal.partnerId, params);

/** Merges the given fields into the details (null removes one); allowed while the partner holds the pen. */
export async function updateApplicationDetails(
  ctx: UseCaseContext<PartnerPrincipal>,
  id: string,
  patch: Record<string, unknown>,
) {
  return ctx.db.transaction().execute(async (trx) => {
    const app = await ownApplication(trx, ctx.principal.partnerId, id, true);
    if (!EDITABLE_APPLICATION_STATUSES.includes(app.status)) {
      throw new InvalidTransition(
        "application",
        app.status,
        "update",
        `An application that is ${app.status} cannot be edited; only Draft and Needs more info can.`,
      ).because("application_not_editable");
    }
    const merged: Record<string, unknown> = { ...app.details };
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) delete merged[k];
      else merged[k] = v;
    }
    const details = parseApplicationDetails(await entityTypeOf(trx, app.partner_id), "draft", merged);
    const updated = await updateApplication(trx, id, { details, updated_at: ctx.clock() });
    await audit(trx, ctx, {
      partner_id: app.partner_id,
      entity_type: "application",
      entity_id: id,
      action: "update_details",
      data: { fields: Object.keys(patch) },
    });
    return updated;
  });
}

/** Runs one transition of the application machine under a row lock, with its audit row. */
async function transitionApplication(
  ctx: UseCaseContext,
  id: string,
  action: ApplicationAction,
  actor: Actor,
  opts: { partnerId?: string; reason?: string | undefined } = {},
) {
  return ctx.db.transaction().execute(async (trx) => {
    const app = opts.partnerId ? await ownApplication(trx, opts.partnerId, id, true) : await lockApplication(trx, id);
    if (!app) throw notFound();
    const row = applyApplicationAction(app.status, action, actor);
    if (row.reasonRequired && !opts.reason) {
      throw new Validation("A reason is required.", [{ path: "reason", message: "Required.", code: "field_required" }]);
    }
    const now = ctx.clock();
    let patch: Parameters<typeof updateApplication>[2] = { status: row.to, updated_at: now };

    if (action === "submit" || action === "resubmit") {
      const details = parseApplicationDetails(await entityTypeOf(trx, app.partner_id), "complete", app.details);
      const revision = action === "resubmit" ? app.revision + 1 : app.revision;
      patch = { ...patch, details, revision, submitted_at: now };
      await insertRevision(trx, { application_id: id, revision, details, submitted_at: now });
    }
    if (isReviewAction(action)) {
      patch = {
        ...patch,
        decided_at: now,
        decided_by: ctx.principal.kind === "staff" ? ctx.principal.userId : null,
        decision_reason: opts.reason ?? null,
      };
    }
    const updated = await updateApplication(trx, id, patch);
    await audit(trx, ctx, {
      partner_id: app.partner_id,
      entity_type: "application",
      entity_id: id,
      action,
      from_status: app.status,
      to_status: row.to,
      reason: opts.reason ?? null,
      ...(action === "resubmit" ? { data: { revision: updated.revision } } : {}),
    });
    // The row says which event the step emits (and, through it, whether it is mailed).
    if (row.event) await emit(trx, ctx, row.event, app.partner_id, toApplication(updated));

    if (action === "revoke") {
      // Revocation turns every On service of that category and market Off, each audited.
      const services = await lockServicesOn(trx, app.partner_id, app.category_id, app.target_market);
      for (const s of services) {
        const off = applyServiceAction(s.status, "force_off", "admin");
        const offService = await updateService(trx, s.id, { status: off.to, updated_at: now });
        await audit(trx, ctx, {
          partner_id: s.partner_id,
          entity_type: "service",
          entity_id: s.id,
          action: "force_off",
          from_status: s.status,
          to_status: off.to,
          reason: `Application revoked: ${opts.reason}`,
        });
        await emit(
          trx,
          ctx,
          "service.deactivated",
          s.partner_id,
          // Off for want of an approval: publishing is not among its next steps.
          toService(
            offService,
            await listLinksOfService(trx, s.id),
            ctx.config.gatewayPublicUrl,
            serviceActionsFor(off.to, false, EVENT_VIEW),
          ),
        );
        await notifyLinkChange(trx, s.id);
      }
    }
    return updated;
  });
}

/** Tells every gateway instance that a service's links changed (LINK_CHANGES_CHANNEL, beside its repository). */
export { notifyLinkChange };

/**
 * As docs/teams-and-account-security.md decides: an unverified person signs in and
 * prepares the application, but a submission (or resubmission) needs a confirmed address: the
 * member's own, or for an API key the member's who created it. The answer is 403 email_not_verified.
 */
async function requireVerifiedEmail(ctx: UseCaseContext<PartnerPrincipal>) {
  const p = ctx.principal;
  // Every key has a maker (authenticate.ts refuses one without): no key skips this.
  const user = await findUserById(ctx.db, p.kind === "partner_user" ? p.userId : p.makerId);
  if (!user?.email_verified_at) {
    throw new EmailNotVerified(
      p.kind === "partner_user"
        ? "Confirm your email address before submitting: open the link we mailed you, or ask for a new one."
        : "The member who created this API key has not confirmed their email address; they must before it can submit.",
      { resend: "/v1/me/email-verification" },
    );
  }
}

export async function submitApplication(ctx: UseCaseContext<PartnerPrincipal>, id: string) {
  await requireVerifiedEmail(ctx);
  return transitionApplication(ctx, id, "submit", "partner", { partnerId: ctx.principal.partnerId });
}
export async function resubmitApplication(ctx: UseCaseContext<PartnerPrincipal>, id: string) {
  await requireVerifiedEmail(ctx);
  return transitionApplication(ctx, id, "resubmit", "partner", { partnerId: ctx.principal.partnerId });
}
export const withdrawApplication = (ctx: UseCaseContext<PartnerPrincipal>, id: string) =>
  transitionApplication(ctx, id, "withdraw", "partner", { partnerId: ctx.principal.partnerId });

/**
 * A staff decision (approve, request info, reject, revoke, whatever the machine's rows give a staff
 * role): the one use case behind every staff review operation, which the routes derive from the rows.
 */
export const decideApplication = (
  ctx: UseCaseContext<StaffPrincipal>,
  id: string,
  action: ReviewAction,
  reason?: string | undefined,
) => transitionApplication(ctx, id, action, ctx.principal.role, { reason });

const isReviewAction = (action: ApplicationAction): action is ReviewAction => REVIEW_ACTIONS.some((a) => a === action);

export async function applicationHistory(ctx: UseCaseContext, id: string, partnerId?: string) {
  const app = partnerId ? await ownApplication(ctx.db, partnerId, id) : await findApplication(ctx.db, id);
  if (!app) throw notFound();
  return listEntityHistory(ctx.db, "application", id);
}

/** Everything a reviewer needs on one page. */
export async function getApplicationForReview(ctx: UseCaseContext<StaffPrincipal>, id: string) {
  const app = await findApplication(ctx.db, id);
  if (!app || app.submitted_at === null) throw notFound();
  const [partner, history, revisions] = await Promise.all([
    findPartnerById(ctx.db, app.partner_id),
    listEntityHistory(ctx.db, "application", id),
    listRevisions(ctx.db, id),
  ]);
  if (!partner) throw notFound();
  return { app, partner, history, revisions };
}
