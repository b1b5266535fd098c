import { Datagrid, FunctionField, SearchInput, SelectInput, TextField } from "react-admin";
import type { Partner } from "../api-types.ts";
import { ENTITY_CHOICES, entityLabel, formatDateTime } from "../format.tsx";
import { useT, wordKey } from "../i18n/index.tsx";
import { CursorPagination } from "../layout.tsx";
import { StaffList } from "../list-frame.tsx";

export function PartnerList() {
  const t = useT();
  const filters = [
    <SearchInput key="q" source="q" placeholder={t("search_company")} alwaysOn aria-label={t("search_company_label")} />,
    <SelectInput key="entity_type" source="entity_type" label={wordKey("entity_type")} alwaysOn choices={ENTITY_CHOICES} />,
  ];
  return (
    <StaffList pagination={<CursorPagination />} title={t("partners")} filters={filters} exporter={false} perPage={25}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="company_name" label={wordKey("company")} sortable={false} />
        <FunctionField<Partner> label={wordKey("entity_type")} render={(r) => entityLabel(r.entity_type)} sortable={false} />
        <TextField source="company_registration_region" label={wordKey("registered_in")} sortable={false} />
        <TextField source="contact_name" label={wordKey("contact")} sortable={false} />
        <TextField source="contact_email" label={wordKey("contact_email")} sortable={false} />
        <FunctionField<Partner> label={wordKey("signed_up")} render={(r) => formatDateTime(r.created_at)} sortable={false} />
      </Datagrid>
    </StaffList>
  );
}
