import { APPLICATION_ACTION_WORDS, type ApplicationAction } from "./application.ts";
import type { Lang, Words } from "./catalogue/words.ts";

const APPLICATION_AUDIT_WORDS = Object.fromEntries(
  Object.entries(APPLICATION_ACTION_WORDS).map(([action, w]) => [action, w.past]),
) as Record<ApplicationAction, Words>;

/**
 * The audit log's vocabulary: every action an audit row records and every kind of entity it is
 * about, with the words the reviewer dashboard shows for them. The API can only write what is listed
 * here (the audit writer takes these types), so the dashboard's filters and labels cover every row.
 */
export const AUDIT_ACTION_WORDS = {
  // applications: every action of the machine, in the words of its history
  ...APPLICATION_AUDIT_WORDS,
  update: { en: "Updated", zh: "已更新" },
  update_details: { en: "Updated details", zh: "已更新信息" },
  // services
  publish: { en: "Published", zh: "已发布" },
  deactivate: { en: "Deactivated", zh: "已关闭" },
  force_off: { en: "Turned Off", zh: "已强制关闭" },
  // partners, members and invitations
  sign_up: { en: "Signed up", zh: "已注册" },
  update_profile: { en: "Updated profile", zh: "已更新资料" },
  invite: { en: "Invited", zh: "已邀请" },
  resend: { en: "Resent invitation", zh: "已重新发送邀请" },
  accept: { en: "Accepted invitation", zh: "已接受邀请" },
  join: { en: "Joined", zh: "已加入" },
  change_role: { en: "Changed role", zh: "已变更角色" },
  remove: { en: "Removed", zh: "已移除" },
  leave: { en: "Left", zh: "已离开" },
  transfer_ownership: { en: "Transferred ownership", zh: "已转让所有权" },
  require_two_factor: { en: "Required two-factor", zh: "已要求两步验证" },
  stop_requiring_two_factor: { en: "Stopped requiring two-factor", zh: "已取消要求两步验证" },
  // staff users
  disable: { en: "Disabled", zh: "已停用" },
  enable: { en: "Enabled", zh: "已启用" },
  // account security
  verify_email: { en: "Verified email", zh: "已验证邮箱" },
  resend_email_verification: { en: "Resent email verification", zh: "已重新发送验证邮件" },
  request_password_reset: { en: "Requested password reset", zh: "已申请重置密码" },
  send_password_reset: { en: "Sent a password reset link", zh: "已发送密码重置链接" },
  reset_password: { en: "Reset password", zh: "已重置密码" },
  change_password: { en: "Changed password", zh: "已修改密码" },
  start_two_factor: { en: "Started two-factor enrolment", zh: "已开始设置两步验证" },
  enable_two_factor: { en: "Turned on two-factor", zh: "已开启两步验证" },
  disable_two_factor: { en: "Turned off two-factor", zh: "已关闭两步验证" },
  regenerate_recovery_codes: { en: "Regenerated recovery codes", zh: "已重新生成恢复码" },
  use_recovery_code: { en: "Used a recovery code", zh: "已使用恢复码" },
  end_session: { en: "Ended a session", zh: "已结束会话" },
  end_other_sessions: { en: "Ended other sessions", zh: "已结束其他会话" },
  // webhook endpoints and deliveries
  delete: { en: "Deleted", zh: "已删除" },
  rotate_secret: { en: "Rotated secret", zh: "已轮换密钥" },
  redeliver: { en: "Redelivered", zh: "已重新投递" },
  send_test: { en: "Sent a test event", zh: "已发送测试事件" },
  // conversions from Seller Center
  "seller.registered": { en: "Seller registered", zh: "卖家已注册" },
  "shop.approved": { en: "Shop approved", zh: "店铺已获批准" },
  // incentive programs
  "seller.first_order": { en: "Seller's first order", zh: "卖家首单" },
  "seller.gmv": { en: "Seller's GMV reported", zh: "已上报卖家 GMV" },
  "seller.governance_flag": { en: "Seller's governance flag", zh: "卖家治理标记" },
  create_version: { en: "Published a new version", zh: "已发布新版本" },
  close: { en: "Closed", zh: "已关闭" },
  dispute: { en: "Disputed", zh: "已申诉" },
  accept_dispute: { en: "Accepted a dispute", zh: "已接受申诉" },
  reject_dispute: { en: "Rejected a dispute", zh: "已驳回申诉" },
} as const satisfies Record<string, Words>;
export type AuditAction = keyof typeof AUDIT_ACTION_WORDS;
/** The dashboard's English labels, read from the words. */
export const AUDIT_ACTION_LABELS = english(AUDIT_ACTION_WORDS);

export const AUDIT_ENTITY_WORDS = {
  application: { en: "Application", zh: "申请" },
  service: { en: "Service", zh: "服务" },
  partner: { en: "Partner", zh: "合作伙伴" },
  member: { en: "Member", zh: "成员" },
  invitation: { en: "Invitation", zh: "邀请" },
  api_key: { en: "API key", zh: "API 密钥" },
  staff_user: { en: "Staff user", zh: "员工账号" },
  webhook_endpoint: { en: "Webhook endpoint", zh: "Webhook 端点" },
  webhook_delivery: { en: "Webhook delivery", zh: "Webhook 投递" },
  mail_message: { en: "Mail message", zh: "邮件" },
  conversion: { en: "Conversion", zh: "转化" },
  seller_event: { en: "Seller event", zh: "卖家事件" },
  incentive_program: { en: "Incentive program", zh: "激励计划" },
  incentive_statement: { en: "Incentive statement", zh: "激励结算单" },
  incentive_dispute: { en: "Incentive dispute", zh: "激励申诉" },
} as const satisfies Record<string, Words>;
export type AuditEntityType = keyof typeof AUDIT_ENTITY_WORDS;
export const AUDIT_ENTITY_LABELS = english(AUDIT_ENTITY_WORDS);

/** Who acted: a person (partner member or staff), an API key, the system (jobs), or Seller Center (conversions). */
export const AUDIT_ACTOR_WORDS = {
  user: { en: "Person (partner or staff)", zh: "人员（合作伙伴或员工）" },
  api_key: { en: "API key", zh: "API 密钥" },
  system: { en: "System", zh: "系统" },
  seller_center: { en: "Seller Center", zh: "Seller Center" },
} as const satisfies Record<string, Words>;
export type AuditActorType = keyof typeof AUDIT_ACTOR_WORDS;
export const AUDIT_ACTOR_LABELS = english(AUDIT_ACTOR_WORDS);

/** An action in words; an action written before this list existed shows as its own name. */
export const auditActionLabel = (action: string, lang: Lang = "en"): string =>
  Object.hasOwn(AUDIT_ACTION_WORDS, action) ? AUDIT_ACTION_WORDS[action as AuditAction][lang] : action.replaceAll("_", " ");

/** A status that no state machine labels (a partner's, a key's, a member's) in words: "NEEDS_INFO" -> "Needs info". */
export const statusWords = (status: string): string => {
  const words = status.replaceAll("_", " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** The English of a table of words, keyed alike (what the English-only filters of the dashboard list). */
function english<K extends string>(words: Record<K, Words>): Record<K, string> {
  return Object.fromEntries(Object.entries<Words>(words).map(([k, w]) => [k, w.en])) as Record<K, string>;
}
