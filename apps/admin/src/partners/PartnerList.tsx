import { Datagrid, FunctionField, SearchInput, SelectInput, TextField } from "react-admin";
import type { Partner } from "../api-types.ts";
import { ENTITY_CHOICES, ENTITY_LABELS, formatDateTime } from "../format.tsx";
import { CursorPagination } from "../layout.tsx";
import { StaffList } from "../list-frame.tsx";

const filters = [
  <SearchInput key="q" source="q" placeholder="Company name" alwaysOn aria-label="Search by company name" />,
  <SelectInput key="entity_type" source="entity_type" label="Entity type" alwaysOn choices={ENTITY_CHOICES} />,
];

export function PartnerList() {
  return (
    <StaffList pagination={<CursorPagination />} title="Partners" filters={filters} exporter={false} perPage={25}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="company_name" label="Company" sortable={false} />
        <FunctionField<Partner>
          label="Entity type"
          render={(r) => ENTITY_LABELS[r.entity_type] ?? r.entity_type}
          sortable={false}
        />
        <TextField source="company_registration_region" label="Registered in" sortable={false} />
        <TextField source="contact_name" label="Contact" sortable={false} />
        <TextField source="contact_email" label="Contact email" sortable={false} />
        <FunctionField<Partner> label="Signed up" render={(r) => formatDateTime(r.created_at)} sortable={false} />
      </Datagrid>
    </StaffList>
  );
}
