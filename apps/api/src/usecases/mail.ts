import { createHash } from "node:crypto";
import {
  type Executor,
  findEvent,
  findMailMessage,
  hitRateLimit,
  insertMailMessage,
  newId,
  partnerMailRecipient,
  recordMailAttempt,
} from "@shopreg/db";
import { nextRetryDelayMs } from "@shopreg/domain";
import { open, seal } from "../auth/sealer.ts";
import type { AppServices } from "../context.ts";
import type { Mail, Mailer } from "../jobs/mail.ts";
import { QUEUES } from "../jobs/queue.ts";
import { recordMail } from "../metrics.ts";
import { type AccountMailData, type AccountMailKind, type Locale, renderAccountMail, renderEventMail } from "./mail-copy.ts";

/**
 * Mail has the durability webhooks have: each message is a `mail_messages` row written in the
 * transaction of the change that sends it, and a queue job names the attempt it is for. A failed
 * attempt schedules the next one (config.mailRetrySchedule, hours long) in the transaction that
 * records it; after the last one the message is `dead`, counted by a metric and listed for staff.
 */
export type MailJob = { mail_id: string; attempt: number };

/**
 * Mail about a person's account (an invitation, a password reset, an address to confirm...), sent
 * through the same queue as event mail. A link holds a single-use token, which the row carries sealed
 * (auth/sealer.ts, under the webhook key): the table never holds it in clear, and the worker opens it
 * only to write the mail. Mails without a link (a notice) carry no token.
 */
export type AccountMailJob = {
  account_mail: AccountMailKind;
  to: string;
  locale: Locale;
  data: AccountMailData;
  sealed_token?: string;
};

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

/** The rate_limits key counting the account mail one address received this hour (the address hashed). */
export const recipientCapKey = (to: string) =>
  `mail-to:${createHash("sha256").update(to.trim().toLowerCase()).digest("base64url")}`;

/**
 * Enqueues the mail in the caller's transaction: it goes out only if the change commits. Each address
 * receives at most MAIL_PER_RECIPIENT_PER_HOUR account mails an hour, counted in rate_limits (shared by
 * every API process); past that a mail is dropped (and counted as `capped`), so nobody can use these
 * mails to flood an inbox.
 */
export async function sendAccountMail(
  trx: Executor,
  services: Pick<AppServices, "jobs" | "config">,
  mail: Omit<AccountMailJob, "sealed_token">,
  token?: string,
) {
  const { hits } = await hitRateLimit(trx, recipientCapKey(mail.to), new Date(), 3600_000);
  if (hits > services.config.mailPerRecipientPerHour) {
    recordMail("capped", mail.account_mail);
    return;
  }
  const job: AccountMailJob =
    token === undefined ? mail : { ...mail, sealed_token: seal(services.config.webhookSecretKey, token) };
  await queueMail(trx, services, mail.account_mail, mail.to, job);
}

/** The mail a source renders to; null when there is nothing to send (the event's partner is gone). */
export async function renderSource(services: Pick<AppServices, "db" | "config">, source: MailSource): Promise<Mail | null> {
  const { db, config } = services;
  if ("account_mail" in source) {
    const token = source.sealed_token && open(config.webhookSecretKey, source.sealed_token);
    return renderAccountMail(config.partnerPublicUrl, source, token || undefined);
  }
  const event = await findEvent(db, source.event_id);
  if (!event?.partner_id) return null;
  // The partner's contact, in the language of the user with that address (English otherwise).
  const to = await partnerMailRecipient(db, event.partner_id);
  if (!to) return null;
  return renderEventMail(event, to.email, to.locale, config.partnerPublicUrl);
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 1000);

/**
 * One attempt of one message, then its outcome (and the next attempt, if any) in one transaction.
 * A message already sent, or an attempt already recorded by another run of the job, is skipped, so
 * a mail the server accepted is never sent again by a retry of its job.
 */
export async function sendQueuedMail(
  services: Pick<AppServices, "db" | "config" | "clock" | "jobs" | "logger">,
  mailer: Mailer,
  job: MailJob,
  random: () => number = Math.random,
) {
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
