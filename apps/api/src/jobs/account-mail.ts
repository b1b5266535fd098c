import type { Executor } from "@shopreg/db";
import type { AppServices } from "../context.ts";
import { type Locale, type Mail, mailOf } from "./mail.ts";
import { QUEUES } from "./queue.ts";
import { decryptSecret, encryptSecret } from "./secrets.ts";

/**
 * Mail about a person's account (an invitation), sent through the same queue as event mail. Its
 * link holds a single-use token, which the job carries sealed (AES-256-GCM under the webhook key):
 * the queue's table never holds it in clear, and the worker opens it only to write the mail.
 */
export type AccountMailJob = {
  account_mail: "invitation";
  to: string;
  locale: Locale;
  data: { company_name: string; role: string; invited_by: string | null };
  sealed_token: string;
};

type Copy = (d: AccountMailJob["data"], link: string) => { subject: string; lines: string[] };

const COPY: Record<AccountMailJob["account_mail"], Record<Locale, Copy>> = {
  invitation: {
    en: (d, link) => ({
      subject: `You are invited to join ${d.company_name} on shopreg`,
      lines: [
        `${d.invited_by ?? "A member"} invited you to join ${d.company_name} in the shopreg partner portal as ${d.role}.`,
        `Accept the invitation within 7 days: ${link}`,
        "If you did not expect this, ignore this email; nothing happens without you.",
      ],
    }),
    "zh-CN": (d, link) => ({
      subject: `邀请您加入 shopreg 上的 ${d.company_name}`,
      lines: [
        `${d.invited_by ?? "一位成员"} 邀请您以 ${d.role} 身份加入 shopreg 合作伙伴门户中的 ${d.company_name}。`,
        `请在 7 天内接受邀请：${link}`,
        "如果您并未预期此邮件，请忽略；未经您的操作不会有任何变化。",
      ],
    }),
  },
};

const PAGES: Record<AccountMailJob["account_mail"], string> = { invitation: "accept-invitation" };

/** Enqueues the mail in the caller's transaction: it goes out only if the change commits. */
export async function sendAccountMail(
  trx: Executor,
  services: Pick<AppServices, "jobs" | "config">,
  mail: Omit<AccountMailJob, "sealed_token">,
  token: string,
) {
  const job: AccountMailJob = { ...mail, sealed_token: encryptSecret(services.config.webhookSecretKey, token) };
  await services.jobs.send(trx, QUEUES.mail, job);
}

export function renderAccountMail(config: AppServices["config"], job: AccountMailJob): Mail {
  const token = decryptSecret(config.webhookSecretKey, job.sealed_token);
  const link = `${config.partnerPublicUrl}/${PAGES[job.account_mail]}?token=${encodeURIComponent(token)}`;
  const copy = COPY[job.account_mail][job.locale] ?? COPY[job.account_mail].en;
  const { subject, lines } = copy(job.data, link);
  return mailOf(job.to, job.locale, subject, lines);
}
