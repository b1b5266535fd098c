import { deleteSessionsOfUser, type Executor, setUserDisabled, type User } from "@shopreg/db";
import type { StaffPrincipal, UseCaseContext } from "../context.ts";
import { audit } from "./audit.ts";

/**
 * An admin disables a user, ending their sessions at once, or enables them again; audited in the
 * caller's transaction as the partner's `member` or a `staff_user`. Asking twice changes nothing.
 */
export async function switchUserDisabled(
  trx: Executor,
  ctx: UseCaseContext<StaffPrincipal>,
  user: User,
  disabled: boolean,
  as: { partner_id: string | null; entity_type: "member" | "staff_user" },
) {
  if (Boolean(user.disabled_at) === disabled) return user;
  const updated = await setUserDisabled(trx, user.id, disabled ? ctx.clock() : null);
  if (disabled) await deleteSessionsOfUser(trx, user.id);
  await audit(trx, ctx, {
    ...as,
    entity_id: user.id,
    action: disabled ? "disable" : "enable",
    from_status: disabled ? "ACTIVE" : "DISABLED",
    to_status: disabled ? "DISABLED" : "ACTIVE",
  });
  return updated;
}
