export { Shopreg, Shopreg as default, type ShopregOptions } from "./client.ts";
export type { ApiRequest, Fetch, RequestOptions } from "./core.ts";
export {
  AbortError,
  AuthenticationError,
  ConflictError,
  ConnectionError,
  errorFromResponse,
  type FieldError,
  InvalidRequestError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
  ShopregError,
  TimeoutError,
  ValidationError,
} from "./errors.ts";
export {
  type IncentiveDispute,
  type IncentiveDisputeCreateParams,
  type IncentiveProgram,
  type IncentiveSigningKey,
  type IncentiveStatement,
  type IncentiveStatementLine,
  type IncentiveStatementParams,
  type IncentiveStatementWithLines,
  Incentives,
  type PartnerIncentiveProgram,
  type SellerEvent,
  type SellerEventResult,
  type SignedIncentiveStatement,
  type StatementVerification,
  sendSellerEvent,
  verifyStatement,
} from "./incentives.ts";
export { CAMPAIGN_TAG_MAX_LENGTH, type CampaignTags, referralLinkUrl } from "./links.ts";
export { Page, type PageData, PagePromise } from "./pagination.ts";
export type { Analytics, ApiKeys, Applications, CatalogResource, Profile, Services, WebhookEndpoints } from "./resources.ts";
export type * from "./types.ts";
export { verifyWebhook, WebhookVerificationError } from "./webhooks.ts";
