import { type Executor, findEvent, findMailMessage, insertMailMessage, newId, recordMailAttempt } from "@shopreg/db";
import { nextRetryDelayMs } from "@shopreg/domain";
import { sql } from "kysely";
import type { AppServices } from "../context.ts";
import { recordMail } from "../metrics.ts";
import { type AccountMailJob, renderAccountMail } from "./account-mail.ts";
import { type Locale, type Mail, type Mailer, renderMail } from "./mail.ts";
import { QUEUES } from "./queue.ts";

/**
 * Mail has the durability webhooks have: each message is a `mail_messages` row written in the
 * transaction of the change that sends it, and a queue job names the attempt it is for. A failed
 * attempt schedules the next one (config.mailRetrySchedule, hours long) in the transaction that
 * records it; after the last one the message is `dead`, counted by a metric and listed for staff.
 */
export type MailJob = { mail_id: string; attempt: number };

/** What a message renders from: an event's mail, or an account mail (its token sealed). */
export type MailSource = { event_id: string } | AccountMailJob;

/** Queues one message in the caller's transaction: it exists, and goes out, only if the change commits. */
export async function queueMail(
  trx: Executor,
  services: Pick<AppServices, "jobs">,
  kind: string,
  recipient: string | null,
  source: MailSource,
) {
  const now = new Date();
  const row = await insertMailMessage(trx, {
    id: newId(),
    kind,
    recipient,
    job: source as Record<string, unknown>,
    status: "pending",
    created_at: now,
    next_attempt_at: now,
  });
  await services.jobs.send(trx, QUEUES.mail, { mail_id: row.id, attempt: 1 } satisfies MailJob);
  return row;
}

/** The mail a source renders to; null when there is nothing to send (the event's partner is gone). */
export async function renderSource(services: AppServices, source: MailSource): Promise<Mail | null> {
  if ("account_mail" in source) return renderAccountMail(services.config, source);
  const { db } = services;
  const event = await findEvent(db, source.event_id);
  if (!event?.partner_id) return null;
  const partner = await db.selectFrom("partners").select(["contact_email"]).where("id", "=", event.partner_id).executeTakeFirst();
  if (!partner) return null;
  // The partner's contact, in the language of the user with that address (English otherwise).
  const user = await db
    .selectFrom("users")
    .select(["locale"])
    .where("partner_id", "=", event.partner_id)
    .orderBy(sql`email = ${partner.contact_email}`, "desc")
    .orderBy("created_at", "asc")
    .executeTakeFirst();
  return renderMail(event, partner.contact_email, (user?.locale ?? "en") as Locale);
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 1000);

/**
 * One attempt of one message, then its outcome (and the next attempt, if any) in one transaction.
 * A message already sent, or an attempt already recorded by another run of the job, is skipped, so
 * a mail the server accepted is never sent again by a retry of its job.
 */
export async function sendQueuedMail(services: AppServices, mailer: Mailer, job: MailJob, random: () => number = Math.random) {
  const { db, config } = services;
  const m = await findMailMessage(db, job.mail_id);
  if (m?.status !== "pending" || m.attempts !== job.attempt - 1) return;
  const source = m.job as MailSource;
  let mail: Mail | null = null;
  let error: string | null = null;
  try {
    mail = await renderSource(services, source);
    if (mail) await mailer.send({ ...mail, messageId: `<${m.id}@shopreg.mail>` });
  } catch (err) {
    error = errorText(err);
  }
  let outcome: "sent" | "retrying" | "dead" | "skipped" | null = null;
  await db.transaction().execute(async (trx) => {
    const now = services.clock();
    const common = { last_attempt_at: now, recipient: mail?.to ?? m.recipient };
    if (!error) {
      // The sealed link token has served its purpose: it is not kept once the mail is out.
      const { sealed_token: _, ...kept } = source as AccountMailJob;
      const done = await recordMailAttempt(trx, m.id, job.attempt, {
        ...common,
        status: mail ? "sent" : "skipped",
        sent_at: mail ? now : null,
        last_error: null,
        next_attempt_at: null,
        job: kept as Record<string, unknown>,
      });
      if (done) outcome = mail ? "sent" : "skipped";
      return;
    }
    const delay = nextRetryDelayMs(job.attempt, random, config.mailRetrySchedule);
    const next = delay === null ? null : new Date(now.getTime() + delay);
    const done = await recordMailAttempt(trx, m.id, job.attempt, {
      ...common,
      status: next ? "pending" : "dead",
      last_error: error,
      next_attempt_at: next,
    });
    if (!done) return;
    if (next)
      await services.jobs.send(trx, QUEUES.mail, { mail_id: m.id, attempt: job.attempt + 1 } satisfies MailJob, {
        startAfter: next,
      });
    outcome = next ? "retrying" : "dead";
  });
  if (outcome) recordMail(outcome, m.kind.replaceAll(".", "_"));
  if (error) services.logger.warn("mail attempt failed", { mail_id: m.id, attempt: job.attempt, outcome, error });
}
