import { findMailMessage, listDeadMail, reviveDeadMail } from "@shopreg/db";

export type { MailMessage } from "@shopreg/db";

import { type Cursor, NotFound } from "@shopreg/domain";
import type { StaffPrincipal, UseCaseContext } from "../context.ts";
import { QUEUES } from "../jobs/queue.ts";
import { audit } from "./audit.ts";
import type { MailJob } from "./mail.ts";

/** Mail given up on after its whole retry schedule (the dead letters), newest first. */
export const listDeadLetters = (ctx: UseCaseContext<StaffPrincipal>, params: { limit: number; cursor?: Cursor | undefined }) =>
  listDeadMail(ctx.db, params);

/**
 * One more attempt now for a dead message (e.g. once the recipient's mailbox is fixed). If it
 * fails too, the message is dead again (its schedule was spent), and can be retried again.
 */
export async function retryDeadLetter(ctx: UseCaseContext<StaffPrincipal>, id: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findMailMessage(trx, id);
    const revived = before && (await reviveDeadMail(trx, id, ctx.clock()));
    if (!before || !revived) throw new NotFound("No dead mail with this id (it may have been retried already).");
    await ctx.jobs.send(trx, QUEUES.mail, { mail_id: id, attempt: revived.attempts + 1 } satisfies MailJob);
    await audit(trx, ctx, {
      partner_id: null,
      entity_type: "mail_message",
      entity_id: id,
      action: "redeliver",
      from_status: "dead",
      to_status: "pending",
      data: { kind: before.kind },
    });
    return revived;
  });
}
