import type { Context } from "hono";
import type { AppEnv } from "../../context.ts";
import type { UserPrincipal } from "../../usecases/account.ts";
import { partnerSessionRoute, staffRoute } from "../factory.ts";

type Config = Parameters<typeof partnerSessionRoute>[0];

/**
 * A user's own account (password, sessions, two-factor) exists on both surfaces with the same shape:
 * /v1/me/... for a partner member's session and /v1/staff/me/... for staff. One declaration, two routes.
 */
export const onBothSurfaces = <R extends Config>(r: R) => ({
  partner: partnerSessionRoute({ ...r, tags: ["Account security"] }),
  staff: staffRoute("any", {
    ...r,
    operationId: `staff${r.operationId.charAt(0).toUpperCase()}${r.operationId.slice(1)}`,
    tags: ["Staff account security"],
  }),
});

/** The signed-in person, partner member or staff, that the route's guard let through. */
export const userOf = (c: Context<AppEnv>): UserPrincipal => {
  const p = c.get("principal");
  if (p?.kind !== "partner_user" && p?.kind !== "staff") throw new Error("route guard missing");
  return p;
};
