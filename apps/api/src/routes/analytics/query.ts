import { z } from "@hono/zod-openapi";
import { type AnalyticsScope, findLinkByToken, findService } from "@shopreg/db";
import { DEFAULT_RANGE_DAYS, isTimeZone, MAX_RANGE_DAYS, NotFound, tooLongForReports, Validation } from "@shopreg/domain";
import type { Context } from "hono";
import type { AppEnv } from "../../context.ts";
import { requirePartner, requireStaff } from "../../middleware/authenticate.ts";

export type Kind = "partner" | "staff";
const q = (name: string, description?: string) => ({
  param: { name, in: "query" as const },
  ...(description ? { description } : {}),
});

export const scopeQuery = (kind: Kind) =>
  z.object({
    from: z.iso.datetime({ offset: true }).optional().openapi(q("from", "Start (inclusive). Default: 30 days before `to`.")),
    to: z.iso.datetime({ offset: true }).optional().openapi(q("to", "End (exclusive). Default: the end of the current hour.")),
    tz: z
      .string()
      .max(64)
      .default("UTC")
      .refine(isTimeZone, "Not an IANA time zone, such as America/New_York.")
      .openapi(q("tz", "Time zone for day buckets.")),
    service_id: z.uuid().optional().openapi(q("service_id")),
    link_id: z.uuid().optional().openapi(q("link_id")),
    ...(kind === "staff" ? { partner_id: z.uuid().optional().openapi(q("partner_id")) } : {}),
  });

type ScopeInput = {
  from?: string | undefined;
  to?: string | undefined;
  service_id?: string | undefined;
  link_id?: string | undefined;
  partner_id?: unknown;
};

const HOUR = 3_600_000;

/**
 * Who may see what: a partner only its own partner id (another partner's service or link is not
 * found); staff anything, optionally narrowed to one partner.
 */
export async function resolveScope(c: Context<AppEnv>, kind: Kind, input: ScopeInput): Promise<AnalyticsScope> {
  let partnerId: string | undefined;
  if (kind === "partner") partnerId = requirePartner(c, "analytics:read").partnerId;
  else {
    requireStaff(c);
    partnerId = typeof input.partner_id === "string" ? input.partner_id : undefined;
  }
  const { db, clock } = c.get("services");
  const to = input.to ? new Date(input.to) : new Date(Math.ceil(clock().getTime() / HOUR) * HOUR);
  const from = input.from ? new Date(input.from) : new Date(to.getTime() - DEFAULT_RANGE_DAYS * 24 * HOUR);
  if (from >= to) throw new Validation("`from` must be before `to`.", [{ path: "query.from", message: "Must be before `to`." }]);
  if (tooLongForReports(from, to)) {
    throw new Validation(`The range can span at most ${MAX_RANGE_DAYS} days.`, [
      { path: "query.from", message: "Range too long." },
    ]);
  }
  if (input.service_id) {
    const s = await findService(db, input.service_id);
    if (!s || (partnerId && s.partner_id !== partnerId)) throw new NotFound("Service not found.");
  }
  if (input.link_id) {
    const link = await db
      .selectFrom("referral_links")
      .select(["id", "partner_id", "token"])
      .where("id", "=", input.link_id)
      .executeTakeFirst();
    if (!link || (partnerId && link.partner_id !== partnerId) || !(await findLinkByToken(db, link.token)))
      throw new NotFound("Referral link not found.");
  }
  return { from, to, partnerId, serviceId: input.service_id, linkId: input.link_id };
}

export const rangeOf = (s: AnalyticsScope) => ({ from: s.from.toISOString(), to: s.to.toISOString() });
export const tag = (kind: Kind) => (kind === "partner" ? "Analytics" : "Staff analytics");
export const security = (kind: Kind): Record<string, string[]>[] =>
  kind === "partner" ? [{ apiKey: [] }, { partnerSession: [] }] : [{ staffSession: [] }];
