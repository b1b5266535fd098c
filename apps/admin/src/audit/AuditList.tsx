import { Link as MuiLink } from "@mui/material";
import { AUDIT_ACTION_WORDS, AUDIT_ACTOR_WORDS, AUDIT_ENTITY_WORDS } from "@shopreg/domain";
import type React from "react";
import { Datagrid, FunctionField, Link, SelectInput, TextField, TextInput, useCreatePath, useListContext } from "react-admin";
import type { AuditEvent } from "../api-types.ts";
import { actionLabel, formatDateTime, transitionLabel } from "../format.tsx";
import { choicesOf } from "../i18n/choices.ts";
import { activeLang, useT, wordKey } from "../i18n/index.tsx";
import { CursorPagination } from "../layout.tsx";
import { StaffList } from "../list-frame.tsx";

const inWords = (table: Record<string, { en: string; zh: string }>, key: string) =>
  Object.hasOwn(table, key) ? table[key]?.[activeLang()] : undefined;

const SHOWABLE: Record<string, string> = { application: "applications", service: "services", partner: "partners" };

function EntityCell({ e }: { e: AuditEvent }) {
  const createPath = useCreatePath();
  const resource = SHOWABLE[e.entity_type];
  // Ids are time-ordered (UUIDv7): their ends tell rows apart, their starts do not.
  const text = `${inWords(AUDIT_ENTITY_WORDS, e.entity_type) ?? e.entity_type} …${e.entity_id.slice(-8)}`;
  if (!resource) return <>{text}</>;
  return (
    <MuiLink
      component={Link}
      to={createPath({ resource, type: "show", id: e.entity_id })}
      onClick={(ev: React.MouseEvent) => ev.stopPropagation()}
    >
      {text}
    </MuiLink>
  );
}

/** The actor, as a button that narrows the log to that actor's events. */
function ActorCell({ e }: { e: AuditEvent & { actor_id: string | null } }) {
  const { filterValues, setFilters } = useListContext();
  const t = useT();
  const label = e.actor_label ?? inWords(AUDIT_ACTOR_WORDS, e.actor_type) ?? e.actor_type;
  if (!e.actor_id) return <>{label}</>;
  return (
    <MuiLink
      component="button"
      type="button"
      sx={{ textAlign: "left" }}
      title={t("only_this_actor")}
      onClick={(ev: React.MouseEvent) => {
        ev.stopPropagation();
        setFilters({ ...filterValues, actor_id: e.actor_id }, {});
      }}
    >
      {label}
    </MuiLink>
  );
}

// The filters offer the audit vocabulary the API validates them against, in the catalogue's words.
const useFilters = () => [
  <SelectInput
    key="action"
    source="action"
    label={wordKey("action")}
    alwaysOn
    translateChoice={false}
    choices={choicesOf(AUDIT_ACTION_WORDS)}
  />,
  <SelectInput
    key="entity_type"
    source="entity_type"
    label={wordKey("entity")}
    alwaysOn
    translateChoice={false}
    choices={choicesOf(AUDIT_ENTITY_WORDS)}
  />,
  <TextInput key="entity_id" source="entity_id" label={wordKey("entity_id")} />,
  <SelectInput
    key="actor_type"
    source="actor_type"
    label={wordKey("actor_type")}
    translateChoice={false}
    choices={choicesOf(AUDIT_ACTOR_WORDS)}
  />,
  <TextInput key="actor_id" source="actor_id" label={wordKey("actor_id")} />,
  <TextInput key="partner_id" source="partner_id" label={wordKey("partner_id")} />,
];

/** Every change, newest first. */
export function AuditList() {
  const t = useT();
  const filters = useFilters();
  return (
    <StaffList pagination={<CursorPagination />} title={t("audit_log")} filters={filters} exporter={false} perPage={50}>
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <FunctionField<AuditEvent> label={wordKey("when")} render={(e) => formatDateTime(e.occurred_at)} sortable={false} />
        <FunctionField<AuditEvent & { actor_id: string | null }>
          label={wordKey("actor")}
          render={(e) => <ActorCell e={e} />}
          sortable={false}
        />
        <FunctionField<AuditEvent> label={wordKey("action")} render={(e) => actionLabel(e.action)} sortable={false} />
        <FunctionField<AuditEvent> label={wordKey("entity")} render={(e) => <EntityCell e={e} />} sortable={false} />
        <FunctionField<AuditEvent>
          label={wordKey("status")}
          render={(e) => transitionLabel(e.entity_type, e.from_status, e.to_status)}
          sortable={false}
        />
        <TextField source="reason" label={wordKey("reason")} emptyText="—" sortable={false} translate="no" />
      </Datagrid>
    </StaffList>
  );
}
