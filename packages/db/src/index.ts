export { createDb, type DbConfig, type DbHandle, migrateToLatest } from "./create-db.ts";
export {
  citusNodesFromEnv,
  createCitusDatabase,
  DISTRIBUTED_TABLES,
  type DistributeReport,
  distribute,
  dropCitusDatabase,
  REFERENCE_TABLES,
} from "./distribute.ts";
export { newId } from "./ids.ts";
export { migrationProvider } from "./migrations/index.ts";
export * from "./repositories/account-tokens.ts";
export * from "./repositories/analytics.ts";
export * from "./repositories/api-keys.ts";
export * from "./repositories/applications.ts";
export * from "./repositories/audit.ts";
export * from "./repositories/clicks.ts";
export * from "./repositories/conversions.ts";
export * from "./repositories/idempotency.ts";
export * from "./repositories/incentives.ts";
export * from "./repositories/jobs.ts";
export * from "./repositories/mail.ts";
export * from "./repositories/members.ts";
export * from "./repositories/page.ts";
export * from "./repositories/partners.ts";
export * from "./repositories/rate-limits.ts";
export * from "./repositories/referral-links.ts";
export { lockPartners, PARTNER_WRITE_LOCK, rollUpClicks, rollUpConversions } from "./repositories/rollups.ts";
export * from "./repositories/services.ts";
export * from "./repositories/sessions.ts";
export * from "./repositories/two-factor.ts";
export * from "./repositories/users.ts";
export * from "./repositories/webhooks.ts";
export * from "./schema.ts";
export * from "./schema-incentives.ts";
