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
