import { Link as MuiLink } from "@mui/material";
import { AUDIT_ACTION_LABELS, AUDIT_ACTOR_LABELS, AUDIT_ENTITY_LABELS } from "@shopreg/domain";
import type React from "react";
import { Datagrid, FunctionField, Link, SelectInput, TextField, TextInput, useCreatePath, useListContext } from "react-admin";
import type { AuditEvent } from "../api-types.ts";
import { actionLabel, formatDateTime, transitionLabel } from "../format.tsx";
import { CursorPagination } from "../layout.tsx";
import { StaffList } from "../list-frame.tsx";

// The filters offer the audit vocabulary the API validates them against.
const choices = (labels: Record<string, string>) => Object.entries(labels).map(([id, name]) => ({ id, name }));
const ENTITY_TYPES = choices(AUDIT_ENTITY_LABELS);
const ACTIONS = choices(AUDIT_ACTION_LABELS);
const ACTOR_TYPES = choices(AUDIT_ACTOR_LABELS);

const filters = [
  <SelectInput key="action" source="action" label="Action" alwaysOn choices={ACTIONS} />,
  <SelectInput key="entity_type" source="entity_type" label="Entity" alwaysOn choices={ENTITY_TYPES} />,
  <TextInput key="entity_id" source="entity_id" label="Entity id" />,
  <SelectInput key="actor_type" source="actor_type" label="Actor type" choices={ACTOR_TYPES} />,
  <TextInput key="actor_id" source="actor_id" label="Actor id" />,
  <TextInput key="partner_id" source="partner_id" label="Partner id" />,
];

const SHOWABLE: Record<string, string> = { application: "applications", service: "services", partner: "partners" };

function EntityCell({ e }: { e: AuditEvent }) {
  const createPath = useCreatePath();
  const resource = SHOWABLE[e.entity_type];
  // Ids are time-ordered (UUIDv7): their ends tell rows apart, their starts do not.
  const text = `${e.entity_type.replaceAll("_", " ")} …${e.entity_id.slice(-8)}`;
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
  const label = e.actor_label ?? (AUDIT_ACTOR_LABELS as Record<string, string>)[e.actor_type] ?? e.actor_type;
  if (!e.actor_id) return <>{label}</>;
  return (
    <MuiLink
      component="button"
      type="button"
      sx={{ textAlign: "left" }}
      title="Show only this actor's events"
      onClick={(ev: React.MouseEvent) => {
        ev.stopPropagation();
        setFilters({ ...filterValues, actor_id: e.actor_id }, {});
      }}
    >
      {label}
    </MuiLink>
  );
}

/** Every change, newest first. */
export function AuditList() {
  return (
    <StaffList pagination={<CursorPagination />} title="Audit log" filters={filters} exporter={false} perPage={50}>
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <FunctionField<AuditEvent> label="When" render={(e) => formatDateTime(e.occurred_at)} sortable={false} />
        <FunctionField<AuditEvent & { actor_id: string | null }>
          label="Actor"
          render={(e) => <ActorCell e={e} />}
          sortable={false}
        />
        <FunctionField<AuditEvent> label="Action" render={(e) => actionLabel(e.action)} sortable={false} />
        <FunctionField<AuditEvent> label="Entity" render={(e) => <EntityCell e={e} />} sortable={false} />
        <FunctionField<AuditEvent>
          label="Status"
          render={(e) => transitionLabel(e.entity_type, e.from_status, e.to_status)}
          sortable={false}
        />
        <TextField source="reason" label="Reason" emptyText="—" sortable={false} />
      </Datagrid>
    </StaffList>
  );
}
