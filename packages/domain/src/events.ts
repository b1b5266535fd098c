import { z } from "zod";
import type { Words } from "./catalogue/words.ts";

/** The resources events carry, in words (the portal's event picker groups by them). */
export const EVENT_RESOURCE_WORDS = {
  application: { en: "Applications", zh: "申请" },
  service: { en: "Services", zh: "服务" },
  referral_link: { en: "Referral links", zh: "推荐链接" },
  conversion: { en: "Sellers and shops", zh: "卖家与店铺" },
  api_key: { en: "API keys", zh: "API 密钥" },
  invitation: { en: "Invitations", zh: "邀请" },
  member: { en: "Team members", zh: "团队成员" },
  incentive_statement: { en: "Incentive statements", zh: "激励结算单" },
  incentive_dispute: { en: "Incentive disputes", zh: "激励申诉" },
  webhook_endpoint: { en: "Webhook endpoints", zh: "Webhook 端点" },
} as const satisfies Record<string, Words>;
export type EventResource = keyof typeof EVENT_RESOURCE_WORDS;

/**
 * The events shopreg tells its partners about, each with the resource it carries (as the API
 * returns it). A payload's shape may only grow within an api_version; a breaking change is a new
 * version, so receivers can rely on `api_version`.
 */
export const EVENT_API_VERSION = "2026-11-30";

export const EVENT_CATALOGUE = {
  "application.submitted": {
    resource: "application",
    summary: "An application was submitted (or resubmitted) for review.",
    words: { en: "submitted for review", zh: "已提交审核" },
  },
  "application.approved": {
    resource: "application",
    summary: "A reviewer approved an application: services can be created.",
    words: { en: "approved", zh: "已批准" },
  },
  "application.needs_info": {
    resource: "application",
    summary: "A reviewer asked for more information (decision_reason says what).",
    words: { en: "more information requested", zh: "需要补充信息" },
  },
  "application.rejected": {
    resource: "application",
    summary: "A reviewer rejected an application (decision_reason says why).",
    words: { en: "rejected", zh: "已拒绝" },
  },
  "application.revoked": {
    resource: "application",
    summary: "An approval was revoked; the services of its category and market were turned Off.",
    words: { en: "approval revoked", zh: "批准已撤销" },
  },
  "service.published": {
    resource: "service",
    summary: "A service was published (turned On): its referral links work.",
    words: { en: "published (On)", zh: "已发布（开启）" },
  },
  "service.deactivated": {
    resource: "service",
    summary: "A service was turned Off, by the partner or by a revocation.",
    words: { en: "turned Off", zh: "已关闭" },
  },
  "referral_link.created": {
    resource: "referral_link",
    summary: "A referral link was created (at a service's first publication).",
    words: { en: "created", zh: "已创建" },
  },
  "seller.registered": {
    resource: "conversion",
    summary: "A seller registered through one of the partner's links.",
    words: { en: "a seller registered through your link", zh: "有卖家通过您的链接注册" },
  },
  "shop.approved": {
    resource: "conversion",
    summary: "A shop credited to the partner was approved.",
    words: { en: "a shop credited to you was approved", zh: "归属于您的店铺已获批准" },
  },
  "api_key.created": { resource: "api_key", summary: "An API key was created.", words: { en: "created", zh: "已创建" } },
  "api_key.revoked": { resource: "api_key", summary: "An API key was revoked.", words: { en: "revoked", zh: "已吊销" } },
  "member.invited": {
    resource: "invitation",
    summary: "Someone was invited to join the account (or the invitation was resent).",
    words: { en: "someone was invited (or the invitation resent)", zh: "邀请了新成员（或重新发送了邀请）" },
  },
  "member.joined": {
    resource: "member",
    summary: "An invitation was accepted: a member joined with its role.",
    words: { en: "a member joined", zh: "新成员已加入" },
  },
  "member.role_changed": {
    resource: "member",
    summary: "A member's role changed (the payload has the new role).",
    words: { en: "a member's role changed", zh: "成员角色已变更" },
  },
  "member.removed": {
    resource: "member",
    summary: "A member was removed or left (the payload has the role they had).",
    words: { en: "a member was removed or left", zh: "成员已被移除或已离开" },
  },
  "ownership.transferred": {
    resource: "member",
    summary: "The owner handed the account to another member (the payload is the new owner; the previous one is now admin).",
    words: { en: "ownership was transferred", zh: "所有权已转让" },
  },
  "incentive.statement_closed": {
    resource: "incentive_statement",
    summary: "An incentive statement closed: its totals are final, and its signed document can be downloaded and verified.",
    words: { en: "a statement closed (signed, final)", zh: "结算单已关闭（已签名，不再变更）" },
  },
  "incentive.dispute_resolved": {
    resource: "incentive_dispute",
    summary: "A reviewer accepted (with an adjustment line) or rejected (with a reason) a dispute of a statement line.",
    words: { en: "a dispute was accepted or rejected", zh: "申诉已被接受或驳回" },
  },
  "webhook_endpoint.disabled": {
    resource: "webhook_endpoint",
    summary: "An endpoint failing for days was disabled.",
    words: { en: "disabled after failing for days", zh: "连续多日失败后已停用" },
  },
  "webhook_endpoint.test": {
    resource: "webhook_endpoint",
    summary: "Sent only by POST /v1/webhook-endpoints/{id}/test, to that endpoint.",
    words: { en: "a test event", zh: "测试事件" },
  },
} as const satisfies Record<string, { resource: EventResource; summary: string; words: Words }>;

export type EventType = keyof typeof EVENT_CATALOGUE;
export const EVENT_TYPES = Object.keys(EVENT_CATALOGUE) as EventType[];
/** The types an endpoint may subscribe to (the test event goes to the endpoint that asks for it). */
export const SUBSCRIBABLE_EVENT_TYPES = EVENT_TYPES.filter((t) => t !== "webhook_endpoint.test");

/** The envelope every webhook body carries. */
export type EventEnvelope<T extends string = EventType, P = Record<string, unknown>> = {
  id: string;
  type: T;
  api_version: string;
  created_at: string;
  partner_id: string | null;
  data: P;
};

const MAX_URL = 2048;

export const webhookEndpointCreateInput = z
  .object({
    url: z.string().max(MAX_URL).url(),
    description: z.string().max(500).optional(),
    /** Empty or absent: every event type. */
    event_types: z
      .array(z.enum(SUBSCRIBABLE_EVENT_TYPES as [EventType, ...EventType[]]))
      .max(SUBSCRIBABLE_EVENT_TYPES.length)
      .optional(),
  })
  .strict();

export const webhookEndpointUpdateInput = z
  .object({
    url: z.string().max(MAX_URL).url().optional(),
    description: z.string().max(500).optional(),
    event_types: z
      .array(z.enum(SUBSCRIBABLE_EVENT_TYPES as [EventType, ...EventType[]]))
      .max(SUBSCRIBABLE_EVENT_TYPES.length)
      .optional(),
    enabled: z.boolean().optional(),
  })
  .strict();

/**
 * When a failed delivery is tried again, after the first attempt (Standard Webhooks' suggested
 * shape, one more 10 h so that even the shortest jitter spans a day): 5 s, 5 min, 30 min, 2 h,
 * 5 h, 10 h, 10 h, 10 h, about 37.6 h in all (at least 30 h), each +-20% jitter.
 * A delivery that still fails after the last is marked failed.
 */
export const RETRY_SCHEDULE_SECONDS = [5, 300, 1800, 7200, 18000, 36000, 36000, 36000] as const;

/** The delay before attempt `attempt + 1` (attempt counts from 1), or null when the schedule is over. */
export function nextRetryDelayMs(
  attempt: number,
  random: () => number = Math.random,
  schedule: readonly number[] = RETRY_SCHEDULE_SECONDS,
): number | null {
  const base = schedule[attempt - 1];
  if (base === undefined) return null;
  return Math.round(base * 1000 * (0.8 + 0.4 * random()));
}
