import { Button } from "@mui/material";
import { STAFF_ROLES } from "@shopreg/domain";
import {
  Create,
  CreateButton,
  Datagrid,
  email,
  FunctionField,
  List,
  minLength,
  PasswordInput,
  required,
  SelectInput,
  SimpleForm,
  TextField,
  TextInput,
  TopToolbar,
  useGetIdentity,
  useNotify,
  useRefresh,
  useUpdate,
} from "react-admin";
import { formatDateTime } from "../format.tsx";

type StaffUser = {
  id: string;
  email: string;
  name: string;
  role: string;
  disabled_at: string | null;
  last_login_at: string | null;
};

const ROLE_CHOICES = STAFF_ROLES.map((r) => ({ id: r, name: r[0]!.toUpperCase() + r.slice(1) }));

function ToggleDisabled({ user }: { user: StaffUser }) {
  const [update, { isPending }] = useUpdate();
  const notify = useNotify();
  const refresh = useRefresh();
  const { identity } = useGetIdentity();
  if (identity?.id === user.id) return null; // An admin cannot lock themselves out.
  const disabling = user.disabled_at === null;
  return (
    <Button
      size="small"
      variant="outlined"
      color={disabling ? "error" : "primary"}
      disabled={isPending}
      aria-label={`${disabling ? "Disable" : "Enable"} ${user.email}`}
      onClick={(e) => {
        e.stopPropagation();
        update(
          "staff-users",
          { id: user.id, data: { disabled_at: disabling ? new Date().toISOString() : null }, previousData: user },
          {
            mutationMode: "pessimistic",
            onSuccess: () => notify(disabling ? `${user.email} disabled` : `${user.email} enabled`, { type: "success" }),
            onError: (err) => notify(err instanceof Error ? err.message : "Not saved.", { type: "error" }),
            onSettled: () => refresh(),
          },
        );
      }}
    >
      {disabling ? "Disable" : "Enable"}
    </Button>
  );
}

export function StaffUserList() {
  return (
    <List
      title="Staff users"
      exporter={false}
      actions={
        <TopToolbar>
          <CreateButton label="New staff user" />
        </TopToolbar>
      }
    >
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <TextField source="name" sortable={false} />
        <TextField source="email" sortable={false} />
        <TextField source="role" sortable={false} />
        <FunctionField<StaffUser>
          label="Status"
          render={(u) => (u.disabled_at ? `Disabled ${formatDateTime(u.disabled_at)}` : "Active")}
        />
        <FunctionField<StaffUser> label="Last sign-in" render={(u) => formatDateTime(u.last_login_at)} />
        <FunctionField<StaffUser> label="Access" render={(u) => <ToggleDisabled user={u} />} />
      </Datagrid>
    </List>
  );
}

export function StaffUserCreate() {
  return (
    <Create title="New staff user" redirect="list">
      <SimpleForm>
        <TextInput source="name" validate={required()} />
        <TextInput source="email" type="email" validate={[required(), email()]} />
        <SelectInput source="role" choices={ROLE_CHOICES} validate={required()} />
        <PasswordInput
          source="password"
          validate={[required(), minLength(10)]}
          helperText="At least 10 characters; share it privately."
        />
      </SimpleForm>
    </Create>
  );
}
