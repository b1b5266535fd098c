import { z } from "@hono/zod-openapi";
import { DEFAULT_RANGE_DAYS, isTimeZone, MAX_RANGE_DAYS, tooLongForReports, Validation } from "@shopreg/domain";
import type { Context } from "hono";
import type { AppEnv } from "../../context.ts";
import { type AnalyticsScope, checkAnalyticsScope } from "../../usecases/analytics.ts";
import { partnerOf, partnerRoute, staffOf, staffRoute } from "../factory.ts";

export type Kind = "partner" | "staff";
const q = (name: string, description?: string) => ({
  param: { name, in: "query" as const },
  ...(description ? { description } : {}),
});

export const scopeQuery = (kind: Kind) =>
  z.object({
    from: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi(
        q(
          "from",
          `Start (inclusive). Default: 30 days before \`to\`. Must be before \`to\`, at most ${MAX_RANGE_DAYS} days before it (422 on query.from).`,
        ),
      ),
    to: z.iso.datetime({ offset: true }).optional().openapi(q("to", "End (exclusive). Default: the end of the current hour.")),
    tz: z
      .string()
      .max(64)
      .default("UTC")
      .refine(isTimeZone, "Not an IANA time zone, such as America/New_York.")
      .openapi({
        ...q("tz", "An IANA time zone name (such as America/New_York) for day buckets; an unknown zone is a 422."),
        pattern: "^[A-Za-z][A-Za-z0-9_+\\-]*(/[A-Za-z0-9_+\\-]+)*$",
      }),
    service_id: z.uuid().optional().openapi(q("service_id")),
    link_id: z.uuid().optional().openapi(q("link_id")),
    ...(kind === "staff" ? { partner_id: z.uuid().optional().openapi(q("partner_id")) } : {}),
  });

/** Narrows a timeseries to one utm_campaign value (as the campaign breakdown names it, "(other)" included). */
export const campaignFilter = z
  .string()
  .min(1)
  .max(100)
  .optional()
  .openapi(q("campaign", "Only traffic tagged with this utm_campaign (inactive_clicks then read 0)."));

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
  if (kind === "partner") partnerId = partnerOf(c).partnerId;
  else {
    staffOf(c);
    partnerId = typeof input.partner_id === "string" ? input.partner_id : undefined;
  }
  const { clock } = c.get("services");
  const to = input.to ? new Date(input.to) : new Date(Math.ceil(clock().getTime() / HOUR) * HOUR);
  const from = input.from ? new Date(input.from) : new Date(to.getTime() - DEFAULT_RANGE_DAYS * 24 * HOUR);
  if (from >= to) throw new Validation("`from` must be before `to`.", [{ path: "query.from", message: "Must be before `to`." }]);
  if (tooLongForReports(from, to)) {
    throw new Validation(`The range can span at most ${MAX_RANGE_DAYS} days.`, [
      { path: "query.from", message: "Range too long." },
    ]);
  }
  return checkAnalyticsScope(c.get("services"), { from, to, partnerId, serviceId: input.service_id, linkId: input.link_id });
}

export const rangeOf = (s: AnalyticsScope) => ({ from: s.from.toISOString(), to: s.to.toISOString() });
export const tag = (kind: Kind) => (kind === "partner" ? "Analytics" : "Staff analytics");

/** The same report, declared for a partner (its own data, analytics:read) or for any staff role. */
export const analyticsRoute = <R extends Parameters<typeof partnerRoute>[1]>(kind: Kind, r: R) =>
  kind === "partner"
    ? partnerRoute("analytics:read", r)
    : staffRoute("any", { ...r, operationId: `staff${r.operationId[0]?.toUpperCase()}${r.operationId.slice(1)}` });
