import { SERVICE_STATUS_LABELS } from "@shopreg/domain";
import { Datagrid, FunctionField, ReferenceField, SelectInput, TextField } from "react-admin";
import { formatDateTime, StatusChip } from "../format.tsx";
import { choicesOf } from "../i18n/choices.ts";
import { useT, wordKey } from "../i18n/index.tsx";
import { CursorPagination } from "../layout.tsx";
import { StaffList } from "../list-frame.tsx";
import { CLICKS_LABEL, ClickCount } from "./clicks.tsx";

type Service = { status: string; first_published_at: string | null; category_path: string[] };

export function ServiceList() {
  const t = useT();
  const filters = [
    <SelectInput
      key="status"
      source="status"
      label={wordKey("status")}
      alwaysOn
      choices={choicesOf(SERVICE_STATUS_LABELS)}
      translateChoice={false}
    />,
  ];
  return (
    <StaffList pagination={<CursorPagination />} title={t("services")} filters={filters} exporter={false} perPage={25}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="name" label={wordKey("service")} sortable={false} />
        <ReferenceField source="partner_id" reference="partners" label={wordKey("partner")} sortable={false} link="show">
          <TextField source="company_name" />
        </ReferenceField>
        <TextField source="target_market" label={wordKey("market")} sortable={false} />
        <FunctionField<Service>
          label={wordKey("status")}
          render={(r) => <StatusChip status={r.status} kind="service" />}
          sortable={false}
        />
        <FunctionField<Service>
          label={wordKey("published")}
          render={(r) => formatDateTime(r.first_published_at)}
          sortable={false}
        />
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
