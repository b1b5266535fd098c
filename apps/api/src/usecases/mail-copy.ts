import type { EventRow } from "@shopreg/db";
import { categoryPathWords, type EventType, MARKETS, type MemberRole, ROLE_WORDS } from "@shopreg/domain";
import type { Mail } from "../jobs/mail.ts";

/**
 * The words of every mail, per language, and how a mail is composed: paragraphs as plain text and
 * as HTML, where each link is a real `<a href>`. Data-only: no I/O.
 */
export type Locale = "en" | "zh-CN";
/** Paragraphs, and the links they contain (each becomes an anchor in the HTML part). */
type Copy = { subject: string; lines: string[]; links?: string[] };

const esc = (s: unknown) =>
  String(s ?? "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );

/** Paragraphs as a plain-text and an HTML mail, signed in the recipient's language. */
export function mailOf(to: string, locale: Locale, copy: Copy): Mail {
  const sign = locale === "zh-CN" ? "shopreg 团队" : "The shopreg team";
  const links = [...new Set(copy.links ?? [])].sort((a, b) => b.length - a.length);
  const paragraph = (line: string) => {
    let html = esc(line);
    for (const href of links) html = html.split(esc(href)).join(`<a href="${esc(href)}">${esc(href)}</a>`);
    return `<p>${html}</p>`;
  };
  return {
    to,
    subject: copy.subject,
    text: `${copy.lines.join("\n\n")}\n\n${sign}\n`,
    html: `<!doctype html><html lang="${locale}"><body style="font-family:sans-serif">${copy.lines
      .map(paragraph)
      .join("")}<p>${esc(sign)}</p></body></html>`,
  };
}

const lang = (locale: Locale) => (locale === "zh-CN" ? "zh" : "en");
/** "TikTok Shop Partner > Outsourced Operations > Shop registration", or its Chinese, from the taxonomy. */
const categoryOf = (d: { category_id?: string; category_path?: string[] }, locale: Locale) =>
  (d.category_id && categoryPathWords(d.category_id, lang(locale))) || (d.category_path ?? []).join(" > ");
const marketOf = (code: string, locale: Locale) => {
  const m = MARKETS.find((x) => x.code === code);
  return m ? (locale === "zh-CN" ? m.nameZh : m.name) : code;
};
/** A role as a person reads it, in the recipient's language. */
export const roleWord = (role: string | undefined, locale: Locale) =>
  role && role in ROLE_WORDS ? ROLE_WORDS[role as MemberRole][lang(locale)] : (role ?? "");

const money = (minor: number, currency: string) => `${(minor / 100).toFixed(2)} ${currency}`;

/** Where in the portal a mail's reader acts on it. */
type Portal = (path: string) => string;
const see = (locale: Locale, link: string) =>
  locale === "zh-CN" ? `在合作伙伴门户中查看：${link}` : `Open it in the partner portal: ${link}`;

// biome-ignore lint/suspicious/noExplicitAny: each event's payload has its own resource shape (the API's serializers)
type EventCopy = (d: any, locale: Locale, portal: Portal) => Copy;

/** The words of each mailed event, per language. `d` is the event's payload (the resource). */
const EVENT_MAIL: Partial<Record<EventType, Record<Locale, EventCopy>>> = {
  "application.approved": {
    en: (d, l, portal) => ({
      subject: "Your shopreg application was approved",
      lines: [
        `Your application for ${categoryOf(d, l)} in ${marketOf(d.target_market, l)} was approved.`,
        "Next step: create your service in the partner portal (App & Service > + New service) and publish it to get your two referral links.",
        `Create it here: ${portal("/services/new")}`,
      ],
      links: [portal("/services/new")],
    }),
    "zh-CN": (d, l, portal) => ({
      subject: "您的 shopreg 申请已获批准",
      lines: [
        `您在${marketOf(d.target_market, l)}的「${categoryOf(d, l)}」申请已获批准。`,
        "下一步：在合作伙伴门户中创建服务（应用与服务 > + 新建服务）并发布，即可获得两个推荐链接。",
        `在此创建：${portal("/services/new")}`,
      ],
      links: [portal("/services/new")],
    }),
  },
  "application.needs_info": {
    en: (d, l, portal) => ({
      subject: "Your shopreg application needs more information",
      lines: [
        `A reviewer needs more information about your application for ${categoryOf(d, l)} in ${marketOf(d.target_market, l)}.`,
        `Reviewer's note: ${d.decision_reason}`,
        "Update the application in the partner portal and resubmit it.",
        see(l, portal(`/applications/${d.id}`)),
      ],
      links: [portal(`/applications/${d.id}`)],
    }),
    "zh-CN": (d, l, portal) => ({
      subject: "您的 shopreg 申请需要补充信息",
      lines: [
        `审核员需要您就${marketOf(d.target_market, l)}的「${categoryOf(d, l)}」申请补充信息。`,
        `审核意见：${d.decision_reason}`,
        "请在合作伙伴门户中更新申请并重新提交。",
        see(l, portal(`/applications/${d.id}`)),
      ],
      links: [portal(`/applications/${d.id}`)],
    }),
  },
  "application.rejected": {
    en: (d, l, portal) => ({
      subject: "Your shopreg application was not approved",
      lines: [
        `Your application for ${categoryOf(d, l)} in ${marketOf(d.target_market, l)} was rejected.`,
        `Reviewer's reason: ${d.decision_reason}`,
        see(l, portal(`/applications/${d.id}`)),
      ],
      links: [portal(`/applications/${d.id}`)],
    }),
    "zh-CN": (d, l, portal) => ({
      subject: "您的 shopreg 申请未获批准",
      lines: [
        `您在${marketOf(d.target_market, l)}的「${categoryOf(d, l)}」申请被拒绝。`,
        `审核原因：${d.decision_reason}`,
        see(l, portal(`/applications/${d.id}`)),
      ],
      links: [portal(`/applications/${d.id}`)],
    }),
  },
  "application.revoked": {
    en: (d, l, portal) => ({
      subject: "Your shopreg approval was revoked; its services were turned off",
      lines: [
        `The approval for ${categoryOf(d, l)} in ${marketOf(d.target_market, l)} was revoked, and your services of that category and market were turned Off (their referral links no longer credit you).`,
        `Reason: ${d.decision_reason}`,
        see(l, portal(`/applications/${d.id}`)),
      ],
      links: [portal(`/applications/${d.id}`)],
    }),
    "zh-CN": (d, l, portal) => ({
      subject: "您的 shopreg 资格已被撤销，相关服务已关闭",
      lines: [
        `您在${marketOf(d.target_market, l)}的「${categoryOf(d, l)}」资格已被撤销，该类目和市场下的服务已关闭（其推荐链接不再为您计入转化）。`,
        `原因：${d.decision_reason}`,
        see(l, portal(`/applications/${d.id}`)),
      ],
      links: [portal(`/applications/${d.id}`)],
    }),
  },
  "webhook_endpoint.disabled": {
    en: (d, l, portal) => ({
      subject: "A shopreg webhook endpoint was disabled",
      lines: [
        `Deliveries to ${d.url} failed for too long, so the endpoint was disabled.`,
        `Reason: ${d.disabled_reason}`,
        "Fix the receiver, then enable the endpoint again in the partner portal (Webhooks) and redeliver what it missed.",
        see(l, portal(`/webhooks/${d.id}`)),
      ],
      links: [portal(`/webhooks/${d.id}`)],
    }),
    "zh-CN": (d, l, portal) => ({
      subject: "您的 shopreg Webhook 端点已被停用",
      lines: [
        `发送到 ${d.url} 的请求长时间失败，该端点已被停用。`,
        `原因：${d.disabled_reason}`,
        "请修复接收端，然后在合作伙伴门户（Webhooks）中重新启用该端点，并重新投递错过的事件。",
        see(l, portal(`/webhooks/${d.id}`)),
      ],
      links: [portal(`/webhooks/${d.id}`)],
    }),
  },
  "incentive.statement_closed": {
    en: (d, l, portal) => ({
      subject: `Your statement for ${d.program_name} is closed`,
      lines: [
        `Your statement ${d.sequence} for the incentive program ${d.program_name} is closed: ${d.totals?.eligible} eligible sellers, payable ${money(d.totals?.payable_minor ?? 0, d.totals?.currency ?? "")}${d.totals?.cap_applied ? " (the program's cap applied)" : ""}.`,
        `Its content hash is ${d.content_hash}. Download the signed statement in the partner portal (Incentives) and verify it offline with the SDK's verifyStatement().`,
        "If a line looks wrong, dispute it there.",
        see(l, portal("/incentives")),
      ],
      links: [portal("/incentives")],
    }),
    "zh-CN": (d, l, portal) => ({
      subject: `您的「${d.program_name_zh}」结算单已关闭`,
      lines: [
        `激励计划「${d.program_name_zh}」的第 ${d.sequence} 份结算单已关闭：符合条件的商家 ${d.totals?.eligible} 家，应付 ${money(d.totals?.payable_minor ?? 0, d.totals?.currency ?? "")}${d.totals?.cap_applied ? "（已按计划上限封顶）" : ""}。`,
        `内容哈希：${d.content_hash}。请在合作伙伴门户（激励）中下载已签名的结算单，并可使用 SDK 的 verifyStatement() 离线校验。`,
        "如对某一行有异议，可在门户中提出申诉。",
        see(l, portal("/incentives")),
      ],
      links: [portal("/incentives")],
    }),
  },
  "incentive.dispute_resolved": {
    en: (d, l, portal) =>
      d.status === "accepted"
        ? {
            subject: "Your incentive dispute was accepted",
            lines: [
              `A reviewer accepted your dispute of a statement line: an adjustment of ${d.adjustment_minor} (minor units) is on your next statement.`,
              `Reviewer's reason: ${d.resolution_reason}`,
              see(l, portal("/incentives")),
            ],
            links: [portal("/incentives")],
          }
        : {
            subject: "Your incentive dispute was rejected",
            lines: [
              "A reviewer rejected your dispute of a statement line.",
              `Reviewer's reason: ${d.resolution_reason}`,
              see(l, portal("/incentives")),
            ],
            links: [portal("/incentives")],
          },
    "zh-CN": (d, l, portal) =>
      d.status === "accepted"
        ? {
            subject: "您的激励申诉已被接受",
            lines: [
              `审核员接受了您对结算单某一行的申诉：调整金额 ${d.adjustment_minor}（最小货币单位）将列入您的下一份结算单。`,
              `审核原因：${d.resolution_reason}`,
              see(l, portal("/incentives")),
            ],
            links: [portal("/incentives")],
          }
        : {
            subject: "您的激励申诉已被驳回",
            lines: ["审核员驳回了您对结算单某一行的申诉。", `审核原因：${d.resolution_reason}`, see(l, portal("/incentives"))],
            links: [portal("/incentives")],
          },
  },
};

/** The event types that are mailed to the partner's contact (decisions, revocation, a disabled endpoint, incentives). */
export const MAILED_EVENT_TYPES: ReadonlySet<EventType> = new Set(Object.keys(EVENT_MAIL) as EventType[]);

/**
 * The mail for an event, in the recipient's language, as plain text and HTML; null when the event
 * sends none. `portalUrl`: the partner portal's public URL (config.partnerPublicUrl).
 */
export function renderEventMail(
  event: Pick<EventRow, "type" | "payload">,
  to: string,
  locale: Locale,
  portalUrl: string,
): Mail | null {
  const words = EVENT_MAIL[event.type as EventType];
  if (!words) return null;
  return mailOf(
    to,
    locale,
    words[locale](event.payload, locale, (path) => `${portalUrl}${path}`),
  );
}

/** Account mail: about a person's account, to that person (not an event's mail to the partner's contact). */
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
export type AccountMailData = {
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

type AccountCopy = (d: AccountMailData, link: string) => Omit<Copy, "links">;

const ACCOUNT_MAIL: Record<AccountMailKind, Record<Locale, AccountCopy>> = {
  invitation: {
    en: (d, link) => ({
      subject: `You are invited to join ${d.company_name} on shopreg`,
      lines: [
        `${d.invited_by ?? "A member"} invited you to join ${d.company_name} in the shopreg partner portal as ${roleWord(d.role, "en")}.`,
        `Accept the invitation within 7 days: ${link}`,
        "If you did not expect this, ignore this email; nothing happens without you.",
      ],
    }),
    "zh-CN": (d, link) => ({
      subject: `邀请您加入 shopreg 上的 ${d.company_name}`,
      lines: [
        `${d.invited_by ?? "一位成员"} 邀请您以${roleWord(d.role, "zh-CN")}身份加入 shopreg 合作伙伴门户中的 ${d.company_name}。`,
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
    en: (_d, link) => ({
      subject: "Your shopreg password was changed",
      lines: [
        "The password of your shopreg partner portal account was just changed, and every session signed in with the old one was ended.",
        `If this was not you, reset your password at once (${link}) and tell the owner of your account.`,
      ],
    }),
    "zh-CN": (_d, link) => ({
      subject: "您的 shopreg 密码已更改",
      lines: [
        "您的 shopreg 合作伙伴门户账户密码刚刚已更改，使用旧密码登录的所有会话均已结束。",
        `如果这不是您本人的操作，请立即重置密码（${link}），并告知您账户的所有者。`,
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

/** The portal screen each account mail links to (with ?token= when the mail carries one). */
const ACCOUNT_PAGES: Record<AccountMailKind, string> = {
  invitation: "accept-invitation",
  password_reset: "reset-password",
  staff_password_reset: "reset-password",
  password_changed: "forgot-password",
  email_verification: "verify-email",
  sign_up_attempt: "forgot-password",
  security_change: "forgot-password",
};

/** An account mail in the recipient's language; `token` (opened from its seal) goes in the link. */
export function renderAccountMail(
  portalUrl: string,
  mail: { account_mail: AccountMailKind; to: string; locale: Locale; data: AccountMailData },
  token?: string,
): Mail {
  const page = `${portalUrl}/${ACCOUNT_PAGES[mail.account_mail]}`;
  const link = token === undefined ? page : `${page}?token=${encodeURIComponent(token)}`;
  const words = ACCOUNT_MAIL[mail.account_mail][mail.locale] ?? ACCOUNT_MAIL[mail.account_mail].en;
  return mailOf(mail.to, mail.locale, { ...words(mail.data, link), links: [link] });
}
