import { interpolate, type Lang, type Params, type Words } from "./words.ts";

/**
 * Every error code a client can see, with its words in both languages; `{name}` is filled from the
 * error's `details.params`. The API's `message` and both UIs read these words (by `code`), so a
 * refusal reads the same in the API, the portal and the dashboard.
 *
 * The first block are the HTTP-level codes: what an error says when nothing more specific applies.
 * Below them, specific refusals: each has its own code, stable once published.
 */
export const ERROR_WORDS = {
  // HTTP-level
  bad_request: { en: "The request is malformed.", zh: "请求格式不正确。" },
  malformed_json: { en: "The request body is not valid JSON.", zh: "请求内容不是有效的 JSON。" },
  payload_too_large: { en: "The request body is too large.", zh: "请求内容过大。" },
  unsupported_media_type: { en: "The request body must be JSON.", zh: "请求内容必须是 JSON。" },
  method_not_allowed: { en: "This method is not allowed here.", zh: "此处不支持该请求方法。" },
  invalid_idempotency_key: {
    en: "Idempotency-Key must be 1-255 printable ASCII characters.",
    zh: "Idempotency-Key 必须是 1-255 个可打印 ASCII 字符。",
  },
  idempotency_key_reused: {
    en: "This Idempotency-Key was used with a different request; use a new key.",
    zh: "此 Idempotency-Key 已用于另一个请求，请使用新的密钥。",
  },
  idempotency_in_progress: {
    en: "A request with this Idempotency-Key is still in progress; retry shortly.",
    zh: "使用此 Idempotency-Key 的请求仍在处理中，请稍后重试。",
  },
  idempotency_secret_not_replayed: {
    en: "The first request with this Idempotency-Key succeeded and its secret is shown only once; revoke what it belongs to and create another if you lost it.",
    zh: "使用此 Idempotency-Key 的首个请求已成功，其中的密钥只显示一次；如已丢失，请撤销对应项并重新创建。",
  },
  cross_origin_request: {
    en: "This request with a session cookie comes from another site and was refused. Use the web app, or an API key.",
    zh: "此带会话 Cookie 的请求来自其他网站，已被拒绝。请使用网页应用或 API 密钥。",
  },
  replayed_request: {
    en: "This signed request was already received. To resend an event, sign it again with a new timestamp.",
    zh: "此签名请求已收到过。如需重新发送事件，请使用新的时间戳重新签名。",
  },
  not_found: { en: "Not found.", zh: "未找到。" },
  conflict: { en: "This conflicts with the current state; reload and try again.", zh: "与当前状态冲突，请刷新后重试。" },
  invalid_transition: {
    en: "This cannot be done in the current state.",
    zh: "当前状态下无法执行此操作。",
  },
  forbidden: { en: "You are not allowed to do this.", zh: "您无权执行此操作。" },
  unauthenticated: { en: "Sign in to continue.", zh: "请先登录。" },
  validation_failed: { en: "Some fields need attention.", zh: "部分字段需要修改。" },
  rate_limited: { en: "Too many requests. Wait a moment and try again.", zh: "请求过于频繁，请稍后再试。" },
  limit_reached: { en: "A limit was reached.", zh: "已达到上限。" },
  connection_error: {
    en: "Cannot reach the server. Check your connection and try again.",
    zh: "无法连接服务器，请检查网络后重试。",
  },
  timeout: { en: "The server took too long to answer. Try again.", zh: "服务器响应超时，请重试。" },
  internal_error: {
    en: "Something went wrong on our side. Retry later; quote the request id if it persists.",
    zh: "服务器出错了。请稍后重试；如果问题持续，请提供请求编号。",
  },
  two_factor_required: { en: "Enter the code from your authenticator app.", zh: "请输入身份验证器应用中的验证码。" },
  two_factor_enrolment_required: {
    en: "Turn on two-factor authentication before you continue.",
    zh: "请先开启两步验证再继续。",
  },
  email_not_verified: {
    en: "Confirm your email address first: open the link we mailed you, or ask for a new one.",
    zh: "请先验证您的邮箱：打开我们发给您的邮件中的链接，或重新发送一封。",
  },
  link_not_valid: { en: "This link is not valid any more; ask for a new one.", zh: "此链接已失效，请重新获取。" },

  // who may call
  scope_required: {
    en: 'Your role does not allow this; it needs the scope "{scope}". Ask an owner or admin of your account.',
    zh: "您的角色无权进行此操作（需要权限「{scope}」）。请联系账号的所有者或管理员。",
  },
  api_key_scope_required: {
    en: 'This API key lacks the scope "{scope}".',
    zh: "此 API 密钥缺少权限「{scope}」。",
  },
  staff_role_required: {
    en: "This needs one of the roles: {roles}.",
    zh: "此操作需要以下角色之一：{roles}。",
  },
  role_cannot_act: { en: "Your role cannot take this step.", zh: "您的角色无权执行此步骤。" },

  // applications and services
  application_not_approved: {
    en: "This needs an approved application for this category in {market}.",
    zh: "需要先获得该类目在 {market} 市场的申请批准。",
  },
  application_already_live: {
    en: "You already have an application for this category and market. Withdraw it or wait for a decision before applying again.",
    zh: "您在该类目和市场已有一个进行中的申请。请先撤回，或等待审核结果后再申请。",
  },
  application_not_editable: {
    en: "Only a draft or an application that needs more information can be edited.",
    zh: "只有草稿或需补充信息的申请可以编辑。",
  },
  reason_required: { en: "Give a reason.", zh: "请填写原因。" },

  // members and keys
  owner_required: { en: "Only an owner of the account can do this.", zh: "只有账号的所有者可以执行此操作。" },
  scopes_not_held: {
    en: "A key you create can only hold scopes you hold; not: {scopes}.",
    zh: "您创建的密钥只能拥有您自己拥有的权限；以下权限不可用：{scopes}。",
  },
  no_default_scopes: {
    en: "You hold none of the default scopes; name the scopes to give.",
    zh: "您不具备任何默认权限，请指定要授予的权限。",
  },
  api_key_required: {
    en: "This describes the API key making the request; call it with an API key.",
    zh: "此接口描述发起请求的 API 密钥，请使用 API 密钥调用。",
  },
  cannot_disable_self: { en: "You cannot disable your own account.", zh: "您不能停用自己的账号。" },
  last_owner: {
    en: "An account always has at least one owner: make another member an owner first.",
    zh: "每个账号至少要有一位所有者：请先将另一位成员设为所有者。",
  },

  invitation_used: { en: "This invitation was already used.", zh: "此邀请已被使用。" },
  invitation_revoked: { en: "This invitation was revoked; ask for a new one.", zh: "此邀请已被撤回，请重新申请邀请。" },
  invitation_expired: { en: "This invitation has expired; ask for it to be sent again.", zh: "此邀请已过期，请让对方重新发送。" },
  invitation_resend_limit: {
    en: "This invitation was sent {limit} times, the most we send; revoke it and invite again.",
    zh: "此邀请已发送 {limit} 次，已达上限；请撤回后重新邀请。",
  },
  too_many_open_invitations: {
    en: "An account can have at most {limit} open invitations.",
    zh: "每个账号最多只能有 {limit} 个未处理的邀请。",
  },
  already_member: { en: "This address is already a member of an account.", zh: "此邮箱已是某个账号的成员。" },
  email_taken: { en: "A user with this email address already exists.", zh: "已存在使用此邮箱地址的用户。" },
  last_admin: {
    en: "The last admin who can sign in must stay one: make another staff member an admin first.",
    zh: "必须保留至少一位可登录的管理员：请先将另一位员工设为管理员。",
  },
  account_disabled: { en: "This account is disabled: enable it first.", zh: "此账户已停用，请先启用。" },
  invitation_open: {
    en: "This address already has an open invitation; resend it instead.",
    zh: "此地址已有待接受的邀请，请改为重新发送。",
  },
  two_factor_already_on: {
    en: "Two-factor is already on; turn it off first to enrol a new device.",
    zh: "两步验证已开启；如需绑定新设备，请先关闭。",
  },
  two_factor_not_started: { en: "Start the two-factor enrolment first.", zh: "请先开始设置两步验证。" },
  two_factor_off: { en: "Two-factor is not on.", zh: "两步验证未开启。" },
  event_id_reused: {
    en: "This event_id was already used for a different event.",
    zh: "此 event_id 已用于另一个事件。",
  },
  seller_not_registered: {
    en: "Seller Center has not reported this seller as registered; send seller.registered first, then retry this event.",
    zh: "Seller Center 尚未报告该卖家已注册；请先发送 seller.registered，再重试此事件。",
  },
  delivery_already_scheduled: {
    en: "This delivery is already scheduled; wait for its attempt.",
    zh: "此投递已在计划中，请等待其尝试。",
  },
  endpoint_disabled: { en: "Enable the endpoint before redelivering to it.", zh: "请先启用该端点，再重新投递。" },
  dispute_open: { en: "This line already has a dispute under review.", zh: "此行已有一项正在审核的申诉。" },
  dispute_resolved: { en: "This dispute was already resolved.", zh: "此申诉已处理完毕。" },
  already_verified: { en: "Your email address is already confirmed.", zh: "您的邮箱已验证。" },

  // fields (details.fields[].code), one per validation rule
  field_required: { en: "Required.", zh: "必填。" },
  field_invalid_type: { en: "Expected {expected}.", zh: "格式不正确（应为 {expected}）。" },
  field_too_short: { en: "Too short (at least {minimum}).", zh: "太短（至少 {minimum}）。" },
  field_too_long: { en: "Too long (at most {maximum}).", zh: "太长（最多 {maximum}）。" },
  field_too_small: { en: "Must be at least {minimum}.", zh: "不能小于 {minimum}。" },
  field_too_big: { en: "Must be at most {maximum}.", zh: "不能大于 {maximum}。" },
  field_invalid_format: { en: "Not a valid {format}.", zh: "不是有效的 {format}。" },
  field_invalid_value: { en: "Must be one of: {options}.", zh: "必须是以下之一：{options}。" },
  field_unknown: { en: 'Unknown field "{key}".', zh: "未知字段「{key}」。" },
  query_unknown: { en: 'Unknown query parameter "{name}".', zh: "未知的查询参数「{name}」。" },
  field_invalid: { en: "Not valid.", zh: "无效。" },
  invalid_text: {
    en: "Contains a NUL character or an unpaired surrogate; send valid Unicode text without U+0000.",
    zh: "包含 NUL 字符或不成对的代理字符，请发送不含 U+0000 的有效 Unicode 文本。",
  },
  too_deep: { en: "Nested deeper than {max} levels.", zh: "嵌套层级超过 {max} 层。" },

  // Seller Center's signed intake
  missing_signature: { en: "The request is not signed.", zh: "请求缺少签名。" },
  stale_timestamp: { en: "The signature's timestamp is too old or in the future.", zh: "签名时间戳已过期或超前。" },
  invalid_signature: { en: "The signature does not match the body and timestamp.", zh: "签名与请求内容和时间戳不匹配。" },
} as const satisfies Record<string, Words>;

export type ErrorCode = keyof typeof ERROR_WORDS;
export const ERROR_CODES = Object.keys(ERROR_WORDS) as ErrorCode[];
export const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(ERROR_WORDS, code);

/** The HTTP-level code of a status, for an error whose own code a client does not know. */
const BY_STATUS: Record<number, ErrorCode> = {
  400: "bad_request",
  401: "unauthenticated",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  410: "link_not_valid",
  413: "payload_too_large",
  415: "unsupported_media_type",
  422: "validation_failed",
  429: "rate_limited",
};

/** The code whose words stand for an error of this status when its own code is unknown (null: no answer). */
export const fallbackErrorCode = (status: number | null | undefined): ErrorCode =>
  status == null ? "connection_error" : status >= 500 ? "internal_error" : (BY_STATUS[status] ?? "bad_request");

/** An API error as the SDK and the web clients hold it. */
export type ErrorLike = { code?: string; status?: number | null; message?: string; details?: unknown };

/** The parameters an error carries for its words (`details.params`). */
export const errorParams = (details: unknown): Params =>
  details && typeof details === "object" && "params" in details && details.params && typeof details.params === "object"
    ? (details.params as Params)
    : {};

/** One language's error words, as a client that loads only that language holds them. */
export type ErrorWordsIn = Record<ErrorCode, string>;

const hasWords = (words: ErrorWordsIn, code: string | undefined): code is ErrorCode =>
  code !== undefined && Object.hasOwn(words, code);

/**
 * An error in the reader's language, by its code, from that language's words: the catalogue's
 * words with the error's parameters. In English the API's own message is kept (it may say more); a
 * code the words do not know is worded by its HTTP status, so a Chinese screen never shows English
 * server text. (It reads only the table it is given, so a client bundling one language keeps it so.)
 */
export function errorTextIn(words: ErrorWordsIn, error: ErrorLike, lang: Lang): string {
  if (lang === "en" && error.message) return error.message;
  const code = error.code;
  if (hasWords(words, code)) return interpolate(words[code], errorParams(error.details));
  return words[fallbackErrorCode(error.status)];
}

/** A field error's words in the reader's language, from that language's words (a code per validation rule). */
export function fieldErrorTextIn(
  words: ErrorWordsIn,
  field: { code?: string; message?: string; params?: Params },
  lang: Lang,
): string {
  if (lang === "en" && field.message) return field.message;
  const code = hasWords(words, field.code) ? field.code : "field_invalid";
  return interpolate(words[code], field.params);
}

const wordsIn: Partial<Record<Lang, ErrorWordsIn>> = {};
/** The catalogue's error words in one language (made once per language). */
export const errorWordsIn = (lang: Lang): ErrorWordsIn =>
  (wordsIn[lang] ??= Object.fromEntries(ERROR_CODES.map((c) => [c, ERROR_WORDS[c][lang]])) as ErrorWordsIn);

/** An error in the reader's language, by its code (`errorTextIn` over the whole catalogue). */
export const errorText = (error: ErrorLike, lang: Lang): string => errorTextIn(errorWordsIn(lang), error, lang);

/** A field error's words in the reader's language (`fieldErrorTextIn` over the whole catalogue). */
export const fieldErrorText = (field: { code?: string; message?: string; params?: Params }, lang: Lang): string =>
  fieldErrorTextIn(errorWordsIn(lang), field, lang);
