import { APPLICATION_STATUS_LABELS, APPLICATION_STATUSES, MARKETS } from "@shopreg/domain";
import {
  Datagrid,
  DateInput,
  FunctionField,
  List,
  NumberField,
  SearchInput,
  SelectArrayInput,
  SelectInput,
  TextField,
} from "react-admin";
import type { QueueItem } from "../api-types.ts";
import { ENTITY_CHOICES, ENTITY_LABELS, formatDateTime, StatusChip } from "../format.tsx";
import { CursorPagination } from "../layout.tsx";
import { QUALITY_DAYS, ReferralQualityBatch, ReferralQualityCell } from "../partners/ReferralQuality.tsx";

const filters = [
  <SearchInput key="q" source="q" placeholder="Partner name" alwaysOn aria-label="Search by partner name" />,
  <SelectArrayInput
    key="status"
    source="status"
    label="Status"
    alwaysOn
    choices={APPLICATION_STATUSES.filter((s) => s !== "DRAFT").map((s) => ({ id: s, name: APPLICATION_STATUS_LABELS[s].en }))}
  />,
  <SelectInput key="entity_type" source="entity_type" label="Entity type" alwaysOn choices={ENTITY_CHOICES} />,
  <SelectInput key="market" source="market" label="Market" choices={MARKETS.map((m) => ({ id: m.code, name: m.name }))} />,
  <DateInput key="submitted_from" source="submitted_from" label="Submitted from" />,
  <DateInput key="submitted_to" source="submitted_to" label="Submitted to" />,
];

/** The review queue: oldest submission first, so the longest-waiting partner is decided first. */
export function ApplicationList() {
  return (
    <List
      pagination={<CursorPagination />}
      title="Review queue"
      filters={filters}
      filterDefaultValues={{ status: ["REVIEWING"] }}
      sort={{ field: "submitted_at", order: "ASC" }}
      perPage={25}
      exporter={false}
      empty={false}
    >
      <ReferralQualityBatch>
        <Datagrid rowClick="show" bulkActionButtons={false}>
          <TextField source="partner_company_name" label="Partner" sortable={false} />
          <FunctionField<QueueItem>
            label="Entity type"
            render={(r) => ENTITY_LABELS[r.partner_entity_type] ?? r.partner_entity_type}
            sortable={false}
          />
          <TextField source="target_market" label="Market" sortable={false} />
          <FunctionField<QueueItem> label="Category" render={(r) => r.category_path.at(-1) ?? ""} sortable={false} />
          <FunctionField<QueueItem> label="Status" render={(r) => <StatusChip status={r.status} />} sortable={false} />
          <NumberField source="revision" label="Revision" sortable={false} />
          <FunctionField<QueueItem> label="Submitted" render={(r) => formatDateTime(r.submitted_at)} sortable={false} />
          <FunctionField<QueueItem>
            label={`Referrals (${QUALITY_DAYS} days)`}
            render={(r) => <ReferralQualityCell partnerId={r.partner_id} />}
            sortable={false}
          />
        </Datagrid>
      </ReferralQualityBatch>
    </List>
  );
}
