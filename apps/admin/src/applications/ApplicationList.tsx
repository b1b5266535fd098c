import { ToggleButton, ToggleButtonGroup, Typography } from "@mui/material";
import { APPLICATION_STATUS_WORDS, MARKETS } from "@shopreg/domain";
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
import { categoryName, ENTITY_CHOICES, entityLabel, formatDateTime, StatusChip } from "../format.tsx";
import { choicesOf } from "../i18n/choices.ts";
import { useT, wordKey } from "../i18n/index.tsx";
import { CursorPagination } from "../layout.tsx";
import { StaffList } from "../list-frame.tsx";
import { QUALITY_DAYS, ReferralQualityBatch, ReferralQualityCell } from "../partners/ReferralQuality.tsx";

const useFilters = () => {
  const t = useT();
  return [
    <SearchInput key="q" source="q" placeholder={t("search_partner")} alwaysOn aria-label={t("search_partner_label")} />,
    <SelectArrayInput
      key="status"
      source="status"
      label={wordKey("status")}
      alwaysOn
      choices={choicesOf(APPLICATION_STATUS_WORDS, SUBMITTED_STATUSES)}
      translateChoice={false}
    />,
    <SelectInput key="entity_type" source="entity_type" label={wordKey("entity_type")} alwaysOn choices={ENTITY_CHOICES} />,
    <SelectInput
      key="market"
      source="market"
      label={wordKey("market")}
      translateChoice={false}
      choices={MARKETS.map((m) => ({ id: m.code, name: m.code }))}
    />,
    <DateInput key="submitted_from" source="submitted_from" label={wordKey("submitted_from")} />,
    <DateInput key="submitted_to" source="submitted_to" label={wordKey("submitted_to")} />,
  ];
};

const isQueue = (status: unknown) => Array.isArray(status) && status.length === 1 && status[0] === "REVIEWING";

/**
 * Two named views over the same list: the review queue (Reviewing only) and every application. A
 * blank status filter means all statuses, as it reads.
 */
function QueueViews() {
  const { filterValues, setFilters, displayedFilters } = useListContext();
  const view = isQueue(filterValues.status) ? "queue" : "all";
  const t = useT();
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={view}
      aria-label={t("view")}
      onChange={(_, next: "queue" | "all" | null) => {
        if (!next || next === view) return;
        setFilters({ ...filterValues, status: next === "queue" ? ["REVIEWING"] : [] }, displayedFilters);
      }}
    >
      <ToggleButton value="queue">{t("review_queue")}</ToggleButton>
      <ToggleButton value="all">{t("all_applications")}</ToggleButton>
    </ToggleButtonGroup>
  );
}

function ListTitle() {
  const { filterValues } = useListContext();
  const t = useT();
  return <>{isQueue(filterValues.status) ? t("review_queue") : t("applications")}</>;
}

/** The review queue: oldest submission first, so the longest-waiting partner is decided first. */
export function ApplicationList() {
  const t = useT();
  const filters = useFilters();
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
          <TextField source="partner_company_name" label={wordKey("partner")} sortable={false} />
          <FunctionField<QueueItem>
            label={wordKey("entity_type")}
            render={(r) => entityLabel(r.partner_entity_type)}
            sortable={false}
          />
          <TextField source="target_market" label={wordKey("market")} sortable={false} />
          <FunctionField<QueueItem> label={wordKey("category")} render={(r) => categoryName(r.category_id)} sortable={false} />
          <FunctionField<QueueItem> label={wordKey("status")} render={(r) => <StatusChip status={r.status} />} sortable={false} />
          <NumberField source="revision" label={wordKey("revision")} sortable={false} />
          <FunctionField<QueueItem>
            label={wordKey("submitted")}
            render={(r) => formatDateTime(r.submitted_at)}
            sortable={false}
          />
          <FunctionField<QueueItem>
            label={t("referrals_days", { days: QUALITY_DAYS })}
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
  const t = useT();
  return (
    <Typography sx={{ p: 2 }} role="status">
      {isQueue(filterValues.status) ? t("queue_empty") : t("no_match")}
    </Typography>
  );
}
