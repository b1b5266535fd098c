import {
  type Executor,
  findService,
  insertLinksIfAbsent,
  insertService,
  listLinksOfService,
  listServices as listServiceRows,
  lockLiveApplication,
  lockService,
  newId,
  type Service,
  updateService,
  withLinks,
} from "@shopreg/db";
import {
  AUDIENCES,
  applyServiceAction,
  type Cursor,
  categoryApplicability,
  Forbidden,
  mintLinkToken,
  NotFound,
  type ServiceCreateInput,
  type ServiceStatus,
  Validation,
} from "@shopreg/domain";
import type { PartnerPrincipal, UseCaseContext } from "../context.ts";
import { toLink, toService } from "../serializers.ts";
import { notifyLinkChange } from "./applications.ts";
import { audit } from "./audit.ts";
import { emit } from "./events.ts";

const notFound = () => new NotFound("Service not found.");

async function ownService(db: Executor, partnerId: string, id: string, lock = false): Promise<Service> {
  const s = lock ? await lockService(db, id) : await findService(db, id);
  if (!s || s.partner_id !== partnerId) throw notFound();
  return s;
}

/**
 * Creating and publishing need an Approved application for the same category and market. The
 * application is share-locked so a revoke running at the same time cannot leave a service On.
 */
async function requireApproved(db: Executor, partnerId: string, categoryId: string, market: string, doing: string) {
  const app = await lockLiveApplication(db, partnerId, categoryId, market);
  if (app?.status !== "APPROVED") {
    throw new Forbidden(
      `You can ${doing} only with an approved application for this category in ${market}. ${
        app ? `Your application is ${app.status}.` : "Apply under My Account > Profile > Service category first."
      }`,
      { reason: "application_not_approved", application_id: app?.id ?? null, application_status: app?.status ?? null },
    ).because("application_not_approved", { market });
  }
}

export async function createService(ctx: UseCaseContext<PartnerPrincipal>, input: ServiceCreateInput) {
  if (input.type !== "CUSTOM") {
    throw new Validation("Public services are not available yet; create a CUSTOM service.", [
      { path: "type", message: "Only CUSTOM is available now." },
    ]);
  }
  const why = categoryApplicability(input.category_id);
  if (why) throw new Validation(why, [{ path: "category_id", message: why }]);
  const partnerId = ctx.principal.partnerId;
  return ctx.db.transaction().execute(async (trx) => {
    await requireApproved(trx, partnerId, input.category_id, input.target_market, "create a service");
    const now = ctx.clock();
    const to = applyServiceAction(null, "create", "partner").to;
    const service = await insertService(trx, {
      id: newId(),
      partner_id: partnerId,
      type: input.type,
      category_id: input.category_id,
      target_market: input.target_market,
      name: input.name,
      description: input.description,
      contact_email: input.contact_email,
      status: to,
      first_published_at: null,
      created_at: now,
      updated_at: now,
    });
    await audit(trx, ctx, {
      partner_id: partnerId,
      entity_type: "service",
      entity_id: service.id,
      action: "create",
      to_status: to,
    });
    return { service, links: [] };
  });
}

export async function updateServiceDetails(
  ctx: UseCaseContext<PartnerPrincipal>,
  id: string,
  patch: { name?: string | undefined; description?: string | undefined; contact_email?: string | undefined },
) {
  return ctx.db.transaction().execute(async (trx) => {
    await ownService(trx, ctx.principal.partnerId, id, true);
    const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const service = await updateService(trx, id, { ...clean, updated_at: ctx.clock() });
    await audit(trx, ctx, {
      partner_id: service.partner_id,
      entity_type: "service",
      entity_id: id,
      action: "update",
      data: { fields: Object.keys(clean) },
    });
    return { service, links: await listLinksOfService(trx, id) };
  });
}

/**
 * DRAFT or OFF -> ON after the partner confirms the target market. The first publication mints one
 * link per audience; later ones find them and keep them. The row lock makes concurrent publishes
 * queue: the second sees ON and is refused, so two links exist, never four.
 */
export async function publishService(ctx: UseCaseContext<PartnerPrincipal>, id: string, confirmedMarket: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const check = (s: Service) => {
      if (confirmedMarket !== s.target_market) {
        throw new Validation(`Confirm the service's target market (${s.target_market}) to publish.`, [
          { path: "confirm_target_market", message: `Must be ${s.target_market}.` },
        ]);
      }
      return applyServiceAction(s.status, "publish", "partner");
    };
    // The application is locked before the service, the order a revoke locks them in: on Citus a
    // row lock on a reference table locks its whole shard, so the other order deadlocks.
    const seen = await ownService(trx, ctx.principal.partnerId, id);
    check(seen);
    await requireApproved(trx, seen.partner_id, seen.category_id, seen.target_market, "publish");
    const s = await ownService(trx, ctx.principal.partnerId, id, true);
    const row = check(s); // a publish that got the lock first has made it ON by now: 409
    if (s.category_id !== seen.category_id || s.target_market !== seen.target_market) {
      await requireApproved(trx, s.partner_id, s.category_id, s.target_market, "publish");
    }
    const now = ctx.clock();
    const service = await updateService(trx, id, {
      status: row.to,
      first_published_at: s.first_published_at ?? now,
      updated_at: now,
    });
    await insertLinksIfAbsent(
      trx,
      AUDIENCES.map((audience) => ({
        id: newId(),
        service_id: id,
        partner_id: s.partner_id,
        audience,
        target_market: s.target_market,
        token: mintLinkToken(),
        created_at: now,
      })),
    );
    const links = await listLinksOfService(trx, id);
    await audit(trx, ctx, {
      partner_id: s.partner_id,
      entity_type: "service",
      entity_id: id,
      action: "publish",
      from_status: s.status,
      to_status: row.to,
      data: { confirmed_target_market: confirmedMarket, first_publication: s.first_published_at === null },
    });
    const gw = ctx.config.gatewayPublicUrl;
    await emit(trx, ctx, "service.published", s.partner_id, toService(service, links, gw));
    if (s.first_published_at === null)
      for (const l of links) await emit(trx, ctx, "referral_link.created", s.partner_id, toLink(l, gw, service.status));
    await notifyLinkChange(trx, id);
    return { service, links };
  });
}

export async function deactivateService(ctx: UseCaseContext<PartnerPrincipal>, id: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const s = await ownService(trx, ctx.principal.partnerId, id, true);
    const row = applyServiceAction(s.status, "deactivate", "partner");
    const service = await updateService(trx, id, { status: row.to, updated_at: ctx.clock() });
    await audit(trx, ctx, {
      partner_id: s.partner_id,
      entity_type: "service",
      entity_id: id,
      action: "deactivate",
      from_status: s.status,
      to_status: row.to,
    });
    await notifyLinkChange(trx, id);
    const links = await listLinksOfService(trx, id);
    await emit(trx, ctx, "service.deactivated", s.partner_id, toService(service, links, ctx.config.gatewayPublicUrl));
    return { service, links };
  });
}

export async function getService(ctx: UseCaseContext<PartnerPrincipal>, id: string) {
  const service = await ownService(ctx.db, ctx.principal.partnerId, id);
  return { service, links: await listLinksOfService(ctx.db, id) };
}

/** A page of the partner's services, each with its links. */
export async function listServices(
  ctx: UseCaseContext<PartnerPrincipal>,
  params: { limit: number; cursor?: Cursor | undefined; status?: ServiceStatus | undefined },
) {
  const page = await listServiceRows(ctx.db, { ...params, partnerId: ctx.principal.partnerId });
  return { data: await withLinks(ctx.db, page.data), next_cursor: page.next_cursor };
}
