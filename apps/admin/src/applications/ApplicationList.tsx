import { ToggleButton, ToggleButtonGroup, Typography } from "@mui/material";
import { APPLICATION_STATUS_LABELS, MARKETS } from "@shopreg/domain";
import {
  Datagrid,
  DateInput,
  FilterButton,
  FunctionField,
  NumberField,
  SearchInput,
  SelectArrayInput,
  SelectInput,
  TextField,
  TopToolbar,
  useListContext,
} from "react-admin";
import type { QueueItem } from "../api-types.ts";
import { SUBMITTED_STATUSES } from "../dataProvider.ts";
import { ENTITY_CHOICES, ENTITY_LABELS, formatDateTime, StatusChip } from "../format.tsx";
import { CursorPagination } from "../layout.tsx";
import { StaffList } from "../list-frame.tsx";
import { QUALITY_DAYS, ReferralQualityBatch, ReferralQualityCell } from "../partners/ReferralQuality.tsx";

const filters = [
  <SearchInput key="q" source="q" placeholder="Partner name" alwaysOn aria-label="Search by partner name" />,
  <SelectArrayInput
    key="status"
    source="status"
    label="Status"
    alwaysOn
    choices={SUBMITTED_STATUSES.map((s) => ({ id: s, name: APPLICATION_STATUS_LABELS[s].en }))}
  />,
  <SelectInput key="entity_type" source="entity_type" label="Entity type" alwaysOn choices={ENTITY_CHOICES} />,
  <SelectInput key="market" source="market" label="Market" choices={MARKETS.map((m) => ({ id: m.code, name: m.name }))} />,
  <DateInput key="submitted_from" source="submitted_from" label="Submitted from" />,
  <DateInput key="submitted_to" source="submitted_to" label="Submitted to" />,
];

const isQueue = (status: unknown) => Array.isArray(status) && status.length === 1 && status[0] === "REVIEWING";

/**
 * Two named views over the same list: the review queue (Reviewing only) and every application. A
 * blank status filter means all statuses, as it reads.
 */
function QueueViews() {
  const { filterValues, setFilters, displayedFilters } = useListContext();
  const view = isQueue(filterValues.status) ? "queue" : "all";
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={view}
      aria-label="View"
      onChange={(_, next: "queue" | "all" | null) => {
        if (!next || next === view) return;
        setFilters({ ...filterValues, status: next === "queue" ? ["REVIEWING"] : [] }, displayedFilters);
      }}
    >
      <ToggleButton value="queue">Review queue</ToggleButton>
      <ToggleButton value="all">All applications</ToggleButton>
    </ToggleButtonGroup>
  );
}

function ListTitle() {
  const { filterValues } = useListContext();
  return <>{isQueue(filterValues.status) ? "Review queue" : "Applications"}</>;
}

/** The review queue: oldest submission first, so the longest-waiting partner is decided first. */
export function ApplicationList() {
  return (
    <StaffList
      pagination={<CursorPagination />}
      title={<ListTitle />}
      actions={
        <TopToolbar sx={{ alignItems: "center", flexWrap: "wrap", gap: 1 }}>
          <QueueViews />
          <FilterButton />
        </TopToolbar>
      }
      filters={filters}
      filterDefaultValues={{ status: ["REVIEWING"] }}
      sort={{ field: "submitted_at", order: "ASC" }}
      perPage={25}
      exporter={false}
      empty={false}
    >
      <ReferralQualityBatch>
        <Datagrid rowClick="show" bulkActionButtons={false} empty={<NoApplications />}>
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
    </StaffList>
  );
}

/** The list's one empty state (the pager says nothing when there is nothing). */
function NoApplications() {
  const { filterValues } = useListContext();
  return (
    <Typography sx={{ p: 2 }} role="status">
      {isQueue(filterValues.status)
        ? "No applications are waiting for review."
        : "No applications match these filters. Clear a filter to see more."}
    </Typography>
  );
}
