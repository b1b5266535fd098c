import { createHash } from "node:crypto";
import { type Executor, hitRateLimit } from "@shopreg/db";
import type { AppServices } from "../context.ts";
import { recordMail } from "../metrics.ts";
import { type Locale, type Mail, mailOf } from "./mail.ts";
import { queueMail } from "./mail-queue.ts";
import { decryptSecret, encryptSecret } from "./secrets.ts";

/**
 * Mail about a person's account (an invitation, a password reset, an address to confirm...), sent
 * through the same queue as event mail. A link holds a single-use token, which the job carries sealed
 * (AES-256-GCM under the webhook key): the queue's table never holds it in clear, and the worker opens
 * it only to write the mail. Mails without a link (a notice) carry no token.
 */
export type AccountMailJob = {
  account_mail: AccountMailKind;
  to: string;
  locale: Locale;
  data: AccountMailData;
  sealed_token?: string;
};
export type AccountMailKind =
  | "invitation"
  | "password_reset"
  | "staff_password_reset"
  | "password_changed"
  | "email_verification"
  | "sign_up_attempt"
  | "security_change";
/** A change to how the person signs in, mailed to them as it happens (issue 22, item 6). */
export type SecurityChange = "two_factor_on" | "two_factor_off" | "recovery_codes";
type AccountMailData = {
  company_name?: string;
  role?: string;
  invited_by?: string | null;
  name?: string;
  change?: SecurityChange;
};

const SECURITY_CHANGE: Record<SecurityChange, Record<Locale, { subject: string; what: string }>> = {
  two_factor_on: {
    en: { subject: "Two-factor sign-in was turned on for your shopreg account", what: "Two-factor sign-in was turned on." },
    "zh-CN": { subject: "您的 shopreg 账户已开启双重验证登录", what: "双重验证登录已开启。" },
  },
  two_factor_off: {
    en: { subject: "Two-factor sign-in was turned off for your shopreg account", what: "Two-factor sign-in was turned off." },
    "zh-CN": { subject: "您的 shopreg 账户已关闭双重验证登录", what: "双重验证登录已关闭。" },
  },
  recovery_codes: {
    en: {
      subject: "New recovery codes were made for your shopreg account",
      what: "New recovery codes were made; the old ones no longer work.",
    },
    "zh-CN": { subject: "已为您的 shopreg 账户生成新的恢复码", what: "已生成新的恢复码，旧的恢复码不再有效。" },
  },
};

type Copy = (d: AccountMailData, link: string) => { subject: string; lines: string[] };

const COPY: Record<AccountMailKind, Record<Locale, Copy>> = {
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
  password_reset: {
    en: (_d, link) => ({
      subject: "Reset your shopreg password",
      lines: [
        "Someone (we hope you) asked to reset the password of your shopreg partner portal account.",
        `Choose a new password within 1 hour: ${link}`,
        "The link works once. If you did not ask for it, ignore this email: your password stays as it is.",
      ],
    }),
    "zh-CN": (_d, link) => ({
      subject: "重置您的 shopreg 密码",
      lines: [
        "有人（希望是您本人）请求重置您的 shopreg 合作伙伴门户账户密码。",
        `请在 1 小时内设置新密码：${link}`,
        "该链接只能使用一次。如果不是您本人的请求，请忽略此邮件，您的密码不会改变。",
      ],
    }),
  },
  staff_password_reset: {
    en: (d, link) => ({
      subject: "Choose a new password for the shopreg dashboard",
      lines: [
        `${d.name ? `${d.name}, an` : "An"} admin of the shopreg reviewer dashboard sent you this link to choose a new password for your staff account.`,
        `Choose a new password within 1 hour: ${link}`,
        "Then sign in to the dashboard with it. The link works once; until you use it, your current password still works.",
      ],
    }),
    "zh-CN": (d, link) => ({
      subject: "为 shopreg 审核后台设置新密码",
      lines: [
        `${d.name ? `${d.name}，` : ""}shopreg 审核后台的管理员向您发送了此链接，用于为您的员工账户设置新密码。`,
        `请在 1 小时内设置新密码：${link}`,
        "然后使用新密码登录后台。该链接只能使用一次；在使用前，您当前的密码仍然有效。",
      ],
    }),
  },
  password_changed: {
    en: () => ({
      subject: "Your shopreg password was changed",
      lines: [
        "The password of your shopreg partner portal account was just changed, and every session signed in with the old one was ended.",
        "If this was not you, reset your password at once from the log-in screen (Forgot password?) and tell the owner of your account.",
      ],
    }),
    "zh-CN": () => ({
      subject: "您的 shopreg 密码已更改",
      lines: [
        "您的 shopreg 合作伙伴门户账户密码刚刚已更改，使用旧密码登录的所有会话均已结束。",
        "如果这不是您本人的操作，请立即在登录页面（忘记密码？）重置密码，并告知您账户的所有者。",
      ],
    }),
  },
  email_verification: {
    en: (d, link) => ({
      subject: "Confirm your email address for shopreg",
      lines: [
        `Welcome${d.name ? `, ${d.name}` : ""}. Confirm that this address is yours within 24 hours: ${link}`,
        "Until you do, you can sign in and prepare your application, but not submit it.",
        "If you did not sign up for the shopreg partner portal, ignore this email.",
      ],
    }),
    "zh-CN": (d, link) => ({
      subject: "确认您在 shopreg 的邮箱地址",
      lines: [
        `欢迎${d.name ? `，${d.name}` : ""}。请在 24 小时内确认此邮箱地址属于您：${link}`,
        "确认之前，您可以登录并准备申请，但无法提交。",
        "如果您没有注册 shopreg 合作伙伴门户，请忽略此邮件。",
      ],
    }),
  },
  sign_up_attempt: {
    en: (_d, link) => ({
      subject: "Someone tried to sign up for shopreg with your address",
      lines: [
        "Someone tried to create a shopreg partner account with this email address, which already has an account. Nothing was created or changed.",
        `If it was you, sign in instead; if you forgot your password, reset it: ${link}`,
        "If it was not you, you can ignore this email.",
      ],
    }),
    "zh-CN": (_d, link) => ({
      subject: "有人尝试使用您的邮箱注册 shopreg",
      lines: [
        "有人尝试使用此邮箱地址创建 shopreg 合作伙伴账户，但该地址已有账户。没有创建或更改任何内容。",
        `如果是您本人，请直接登录；如果忘记了密码，请重置：${link}`,
        "如果不是您本人，可以忽略此邮件。",
      ],
    }),
  },
  security_change: {
    en: (d, link) => ({
      subject: SECURITY_CHANGE[d.change ?? "two_factor_on"].en.subject,
      lines: [
        `${SECURITY_CHANGE[d.change ?? "two_factor_on"].en.what} This was done from the account page of your shopreg partner portal account, with your password.`,
        `If this was not you, reset your password at once (${link}) and tell the owner of your account.`,
      ],
    }),
    "zh-CN": (d, link) => ({
      subject: SECURITY_CHANGE[d.change ?? "two_factor_on"]["zh-CN"].subject,
      lines: [
        `${SECURITY_CHANGE[d.change ?? "two_factor_on"]["zh-CN"].what}此操作是在您的 shopreg 合作伙伴门户账户页面中使用您的密码完成的。`,
        `如果这不是您本人的操作，请立即重置密码（${link}），并告知您账户的所有者。`,
      ],
    }),
  },
};

/** The portal screen each mail links to (with ?token= when the mail carries one). */
const PAGES: Record<AccountMailKind, string> = {
  invitation: "accept-invitation",
  password_reset: "reset-password",
  staff_password_reset: "reset-password",
  password_changed: "forgot-password",
  email_verification: "verify-email",
  sign_up_attempt: "forgot-password",
  security_change: "forgot-password",
};

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
    token === undefined ? mail : { ...mail, sealed_token: encryptSecret(services.config.webhookSecretKey, token) };
  await queueMail(trx, services, mail.account_mail, mail.to, job);
}

export function renderAccountMail(config: AppServices["config"], job: AccountMailJob): Mail {
  const page = `${config.partnerPublicUrl}/${PAGES[job.account_mail]}`;
  const link = job.sealed_token
    ? `${page}?token=${encodeURIComponent(decryptSecret(config.webhookSecretKey, job.sealed_token))}`
    : page;
  const copy = COPY[job.account_mail][job.locale] ?? COPY[job.account_mail].en;
  const { subject, lines } = copy(job.data, link);
  return mailOf(job.to, job.locale, subject, lines);
}
