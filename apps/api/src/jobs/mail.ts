import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { EventRow } from "@shopreg/db";
import nodemailer from "nodemailer";
import type { ApiConfig } from "../config.ts";
import { INCENTIVE_MAIL_COPY } from "./incentive-mail.ts";

export type Locale = "en" | "zh-CN";
/** `messageId`: stable across retries, so a receiving system can tell a resend from a new mail. */
export type Mail = { to: string; subject: string; text: string; html: string; messageId?: string };
export type Mailer = { send(mail: Mail): Promise<void>; describe: string };

/** SMTP when SMTP_URL is set; otherwise each mail is written as an .eml file to MAIL_DIR (readable in any mail client). */
export function createMailer(config: Pick<ApiConfig, "smtpUrl" | "mailFrom" | "mailDir">): Mailer {
  if (config.smtpUrl) {
    // Bounded waits: a hanging server must fail the attempt (and let it be retried) well before the job expires.
    const transport = nodemailer.createTransport({
      url: config.smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
    return {
      describe: `SMTP ${new URL(config.smtpUrl).host}`,
      async send(m) {
        await transport.sendMail({ from: config.mailFrom, ...m });
      },
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    describe: `files in ${config.mailDir}`,
    async send(m) {
      const info = await transport.sendMail({ from: config.mailFrom, ...m });
      await mkdir(config.mailDir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${info.messageId.replace(/[^a-zA-Z0-9]/g, "").slice(0, 16)}.eml`;
      await writeFile(join(config.mailDir, name), info.message as Buffer);
    },
  };
}

const esc = (s: unknown) =>
  String(s ?? "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );

type Copy = { subject: string; lines: string[] };

/** The words of each mail, per language. `d` is the event's payload (the resource). */
const COPY: Record<string, Record<Locale, (d: any) => Copy>> = {
  ...INCENTIVE_MAIL_COPY,
  "application.approved": {
    en: (d) => ({
      subject: "Your shopreg application was approved",
      lines: [
        `Your application for ${d.category_path?.join(" > ")} in ${d.target_market} was approved.`,
        "Next step: create your service in the partner portal (App & Service > + Category & market) and publish it to get your two referral links.",
      ],
    }),
    "zh-CN": (d) => ({
      subject: "您的 shopreg 申请已获批准",
      lines: [
        `您在 ${d.target_market} 的 ${d.category_path?.join(" > ")} 申请已获批准。`,
        "下一步：在合作伙伴门户中创建服务（App & Service > + Category & market）并发布，即可获得两个推荐链接。",
      ],
    }),
  },
  "application.needs_info": {
    en: (d) => ({
      subject: "Your shopreg application needs more information",
      lines: [
        `A reviewer needs more information about your application for ${d.category_path?.join(" > ")} in ${d.target_market}.`,
        `Reviewer's note: ${d.decision_reason}`,
        "Update the application in the partner portal and resubmit it.",
      ],
    }),
    "zh-CN": (d) => ({
      subject: "您的 shopreg 申请需要补充信息",
      lines: [
        `审核员需要您就 ${d.target_market} 的 ${d.category_path?.join(" > ")} 申请补充信息。`,
        `审核意见：${d.decision_reason}`,
        "请在合作伙伴门户中更新申请并重新提交。",
      ],
    }),
  },
  "application.rejected": {
    en: (d) => ({
      subject: "Your shopreg application was not approved",
      lines: [
        `Your application for ${d.category_path?.join(" > ")} in ${d.target_market} was rejected.`,
        `Reviewer's reason: ${d.decision_reason}`,
      ],
    }),
    "zh-CN": (d) => ({
      subject: "您的 shopreg 申请未获批准",
      lines: [`您在 ${d.target_market} 的 ${d.category_path?.join(" > ")} 申请被拒绝。`, `审核原因：${d.decision_reason}`],
    }),
  },
  "application.revoked": {
    en: (d) => ({
      subject: "Your shopreg approval was revoked; its services were turned off",
      lines: [
        `The approval for ${d.category_path?.join(" > ")} in ${d.target_market} was revoked, and your services of that category and market were turned Off (their referral links no longer credit you).`,
        `Reason: ${d.decision_reason}`,
      ],
    }),
    "zh-CN": (d) => ({
      subject: "您的 shopreg 资格已被撤销，相关服务已关闭",
      lines: [
        `您在 ${d.target_market} 的 ${d.category_path?.join(" > ")} 资格已被撤销，该类目和市场下的服务已关闭（其推荐链接不再为您计入转化）。`,
        `原因：${d.decision_reason}`,
      ],
    }),
  },
  "webhook_endpoint.disabled": {
    en: (d) => ({
      subject: "A shopreg webhook endpoint was disabled",
      lines: [
        `Deliveries to ${d.url} failed for too long, so the endpoint was disabled.`,
        `Reason: ${d.disabled_reason}`,
        "Fix the receiver, then enable the endpoint again in the partner portal (Webhooks) and redeliver what it missed.",
      ],
    }),
    "zh-CN": (d) => ({
      subject: "您的 shopreg Webhook 端点已被停用",
      lines: [
        `发送到 ${d.url} 的请求长时间失败，该端点已被停用。`,
        `原因：${d.disabled_reason}`,
        "请修复接收端，然后在合作伙伴门户（Webhooks）中重新启用该端点，并重新投递错过的事件。",
      ],
    }),
  },
};

/** The mail for an event, in the recipient's language, as plain text and HTML; null when the event sends none. */
export function renderMail(event: EventRow, to: string, locale: Locale): Mail | null {
  const copy = COPY[event.type]?.[locale] ?? COPY[event.type]?.en;
  if (!copy) return null;
  const { subject, lines } = copy(event.payload);
  return mailOf(to, locale, subject, lines);
}

/** Paragraphs as a plain-text and an HTML mail, signed in the recipient's language. */
export function mailOf(to: string, locale: Locale, subject: string, lines: string[]): Mail {
  const sign = locale === "zh-CN" ? "shopreg 团队" : "The shopreg team";
  return {
    to,
    subject,
    text: `${lines.join("\n\n")}\n\n${sign}\n`,
    html: `<!doctype html><html lang="${locale}"><body style="font-family:sans-serif">${lines
      .map((l) => `<p>${esc(l)}</p>`)
      .join("")}<p>${esc(sign)}</p></body></html>`,
  };
}
