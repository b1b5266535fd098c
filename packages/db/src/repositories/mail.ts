import { type Insertable, sql, type Updateable } from "kysely";
import type { Executor, MailMessage, MailMessagesTable, MailStatus } from "../schema.ts";
import { type Page, type PageParams, pageNewestFirst } from "./page.ts";

export const insertMailMessage = (db: Executor, row: Insertable<MailMessagesTable>) =>
  db.insertInto("mail_messages").values(row).returningAll().executeTakeFirstOrThrow();

export const findMailMessage = (db: Executor, id: string) =>
  db.selectFrom("mail_messages").selectAll().where("id", "=", id).executeTakeFirst();

/**
 * Records an attempt's outcome only if no other run of the same job recorded it first (a
 * compare-and-set on `attempts`): a retried job never forks a second retry chain.
 */
export const recordMailAttempt = (db: Executor, id: string, attempt: number, patch: Updateable<MailMessagesTable>) =>
  db
    .updateTable("mail_messages")
    .set({ ...patch, attempts: attempt })
    .where("id", "=", id)
    .where("attempts", "=", attempt - 1)
    .where("status", "=", "pending")
    .returningAll()
    .executeTakeFirst();

/** A literal, not a parameter: a generic plan can then use the partial index (status = 'dead'). */
const DEAD = sql.lit<MailStatus>("dead");

/** Mail given up on after its whole retry schedule, newest first. */
export const listDeadMail = (db: Executor, params: PageParams): Promise<Page<MailMessage>> =>
  pageNewestFirst(db.selectFrom("mail_messages").selectAll().where("status", "=", DEAD), params);

export const countDeadMail = async (db: Executor) =>
  Number(
    (
      await db
        .selectFrom("mail_messages")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("status", "=", DEAD)
        .executeTakeFirstOrThrow()
    ).n,
  );

/** A dead message back to pending for one more run of its schedule (a staff retry). */
export const reviveDeadMail = (db: Executor, id: string, now: Date) =>
  db
    .updateTable("mail_messages")
    .set({ status: "pending", next_attempt_at: now })
    .where("id", "=", id)
    .where("status", "=", "dead")
    .returningAll()
    .executeTakeFirst();

/**
 * Where a partner's mail goes: its contact address, in the language of the user with that address
 * (else the account's first user; `en` when there is none). Undefined when the partner is gone.
 */
export async function partnerMailRecipient(db: Executor, partnerId: string) {
  const partner = await db.selectFrom("partners").select(["contact_email"]).where("id", "=", partnerId).executeTakeFirst();
  if (!partner) return undefined;
  const user = await db
    .selectFrom("users")
    .select(["locale"])
    .where("partner_id", "=", partnerId)
    .orderBy(sql`email = ${partner.contact_email}`, "desc")
    .orderBy("created_at", "asc")
    .executeTakeFirst();
  return { email: partner.contact_email, locale: user?.locale ?? "en" };
}
