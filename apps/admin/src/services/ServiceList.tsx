import { SERVICE_STATUS_LABELS, SERVICE_STATUSES } from "@shopreg/domain";
import { Datagrid, FunctionField, ReferenceField, SelectInput, TextField } from "react-admin";
import { formatDateTime, StatusChip } from "../format.tsx";
import { CursorPagination } from "../layout.tsx";
import { StaffList } from "../list-frame.tsx";
import { CLICKS_LABEL, ClickCount } from "./clicks.tsx";

type Service = { status: string; first_published_at: string | null; category_path: string[] };

const filters = [
  <SelectInput
    key="status"
    source="status"
    label="Status"
    alwaysOn
    choices={SERVICE_STATUSES.map((s) => ({ id: s, name: SERVICE_STATUS_LABELS[s].en }))}
  />,
];

export function ServiceList() {
  return (
    <StaffList pagination={<CursorPagination />} title="Services" filters={filters} exporter={false} perPage={25}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="name" label="Service" sortable={false} />
        <ReferenceField source="partner_id" reference="partners" label="Partner" sortable={false} link="show">
          <TextField source="company_name" />
        </ReferenceField>
        <TextField source="target_market" label="Market" sortable={false} />
        <FunctionField<Service> label="Status" render={(r) => <StatusChip status={r.status} kind="service" />} sortable={false} />
        <FunctionField<Service> label="Published" render={(r) => formatDateTime(r.first_published_at)} sortable={false} />
        <FunctionField<Service & { id: string }>
          label={CLICKS_LABEL}
          render={(r) => <ClickCount id={r.id} groupBy="service" />}
          sortable={false}
          textAlign="right"
        />
      </Datagrid>
    </StaffList>
  );
}
