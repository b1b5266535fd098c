import type { ColumnType, Generated, Selectable } from "kysely";

/** Incentive programs' tables (migration 0018, docs/incentives.md); part of `Database`. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, T, T>;
/** bigint money comes back as a string from both drivers; repositories hand out numbers. */
type Money = ColumnType<string | number, number, number>;

export interface IncentiveProgramsTable {
  id: string;
  name: string;
  name_zh: string;
  current_version: number;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface IncentiveProgramVersionsTable {
  program_id: string;
  version: number;
  rules: Json<Record<string, unknown>>;
  note: Generated<string>;
  created_by: string | null;
  created_at: Timestamp;
}

export type SellerEventType = "seller.first_order" | "seller.gmv" | "seller.governance_flag";

export interface SellerEventsTable {
  partner_id: string;
  event_id: string;
  event_type: SellerEventType;
  seller_id: string;
  registration_id: string;
  occurred_at: Timestamp;
  received_at: Timestamp;
  amount_minor: Money | null;
  currency: string | null;
  risk: "low" | "medium" | "high" | "cleared" | null;
}

export interface IncentiveStatementsTable {
  id: string;
  partner_id: string;
  program_id: string;
  sequence: Generated<number>;
  program_version: number;
  status: "open" | "closed";
  currency: string;
  eligible_count: Generated<number>;
  pending_count: Generated<number>;
  excluded_count: Generated<number>;
  gross_minor: ColumnType<string | number, number | undefined, number>;
  adjustments_minor: ColumnType<string | number, number | undefined, number>;
  closes_at: Timestamp;
  computed_at: Timestamp;
  closed_at: Timestamp | null;
  content_hash: string | null;
  signature: string | null;
  signed_document: Json<Record<string, unknown>> | null;
  created_at: Timestamp;
}

export interface IncentiveStatementLinesTable {
  id: string;
  partner_id: string;
  statement_id: string;
  kind: "seller" | "adjustment";
  seller_id: string | null;
  registration_id: string | null;
  registered_at: Timestamp | null;
  status: "eligible" | "pending" | "excluded" | "adjustment";
  reason_code: string | null;
  rule: string | null;
  decision_at: Timestamp | null;
  waiting_on: Json<string[]>;
  risk_level: string | null;
  reduction_percent: number;
  amount_minor: Money;
  first_order_at: Timestamp | null;
  gmv_minor: Money;
  dispute_id: string | null;
  note: string | null;
  updated_at: Timestamp;
}

export interface IncentiveDisputesTable {
  id: string;
  partner_id: string;
  program_id: string;
  statement_id: string;
  line_id: string;
  seller_reference: string | null;
  message: string;
  status: "open" | "accepted" | "rejected";
  resolution_reason: string | null;
  adjustment_minor: Money | null;
  adjustment_line_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  resolved_by: string | null;
  resolved_at: Timestamp | null;
}

export interface IncentiveTables {
  incentive_programs: IncentiveProgramsTable;
  incentive_program_versions: IncentiveProgramVersionsTable;
  seller_events: SellerEventsTable;
  incentive_statements: IncentiveStatementsTable;
  incentive_statement_lines: IncentiveStatementLinesTable;
  incentive_disputes: IncentiveDisputesTable;
}

export type IncentiveProgramRow = Selectable<IncentiveProgramsTable>;
export type IncentiveProgramVersionRow = Selectable<IncentiveProgramVersionsTable>;
export type SellerEventRow = Selectable<SellerEventsTable>;
export type StatementRow = Selectable<IncentiveStatementsTable>;
export type StatementLineRow = Selectable<IncentiveStatementLinesTable>;
export type DisputeRow = Selectable<IncentiveDisputesTable>;
