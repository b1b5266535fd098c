import type { Migration, MigrationProvider } from "kysely";
import * as m0001 from "./2026_11_24_0001_initial.ts";
import * as m0002 from "./2026_11_24_0002_click_partitions.ts";
import * as m0003 from "./2026_11_24_0003_analytics.ts";
import * as m0004 from "./2026_11_24_0004_cheaper_click_writes.ts";
import * as m0005 from "./2026_11_30_0005_rate_limits.ts";
import * as m0006 from "./2026_11_30_0006_events_webhooks.ts";
import * as m0007 from "./2026_11_30_0007_distributable.ts";
import * as m0008 from "./2026_11_30_0008_campaigns.ts";
import * as m0009 from "./2026_11_30_0009_members.ts";
import * as m0010 from "./2026_11_30_0010_distributable_events.ts";
import * as m0011 from "./2026_11_30_0011_account_tokens.ts";
import * as m0012 from "./2026_12_01_0012_expiry_indexes.ts";
import * as m0013 from "./2026_12_07_0013_credential_makers.ts";
import * as m0014 from "./2026_12_07_0014_mail_delivery.ts";
import * as m0018 from "./2026_12_07_0018_incentives.ts";

/** In-code provider: works the same under tsx, vitest and bundlers (no directory scanning). */
export const migrations: Record<string, Migration> = {
  "2026_11_24_0001_initial": m0001,
  "2026_11_24_0002_click_partitions": m0002,
  "2026_11_24_0003_analytics": m0003,
  "2026_11_24_0004_cheaper_click_writes": m0004,
  "2026_11_30_0005_rate_limits": m0005,
  "2026_11_30_0006_events_webhooks": m0006,
  "2026_11_30_0007_distributable": m0007,
  "2026_11_30_0008_campaigns": m0008,
  "2026_11_30_0009_members": m0009,
  "2026_11_30_0010_distributable_events": m0010,
  "2026_11_30_0011_account_tokens": m0011,
  "2026_12_01_0012_expiry_indexes": m0012,
  "2026_12_07_0013_credential_makers": m0013,
  "2026_12_07_0014_mail_delivery": m0014,
  "2026_12_07_0018_incentives": m0018,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
