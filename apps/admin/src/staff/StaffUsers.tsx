import { Button } from "@mui/material";
import { STAFF_ROLES } from "@shopreg/domain";
import { useState } from "react";
import {
  Confirm,
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
  useRedirect,
  useRefresh,
  useUpdate,
} from "react-admin";
import { formatDateTime } from "../format.tsx";
import { STAFF_ROLE_LABELS, staffRoleLabel } from "./roles.ts";

type StaffUser = {
  id: string;
  email: string;
  name: string;
  role: string;
  disabled_at: string | null;
  last_login_at: string | null;
};

const ROLE_CHOICES = STAFF_ROLES.map((r) => ({ id: r, name: STAFF_ROLE_LABELS[r] }));

function ToggleDisabled({ user }: { user: StaffUser }) {
  const [update, { isPending }] = useUpdate();
  const notify = useNotify();
  const refresh = useRefresh();
  const { identity } = useGetIdentity();
  const [confirming, setConfirming] = useState(false);
  if (identity?.id === user.id) return null; // An admin cannot lock themselves out.
  const disabling = user.disabled_at === null;
  const act = () =>
    update(
      "staff-users",
      { id: user.id, data: { disabled_at: disabling ? new Date().toISOString() : null }, previousData: user },
      {
        mutationMode: "pessimistic",
        onSuccess: () =>
          notify(disabling ? `${user.name} can no longer sign in.` : `${user.name} can sign in again.`, { type: "success" }),
        onError: (err) => notify(err instanceof Error ? err.message : "Not saved.", { type: "error" }),
        onSettled: () => {
          setConfirming(false);
          refresh();
        },
      },
    );
  return (
    <>
      <Button
        size="small"
        variant="outlined"
        color={disabling ? "error" : "primary"}
        disabled={isPending}
        aria-label={`${disabling ? "Disable" : "Enable"} ${user.email}`}
        onClick={(e) => {
          e.stopPropagation();
          // Disabling ends their sessions at once, so it asks first; enabling does not.
          if (disabling) setConfirming(true);
          else act();
        }}
      >
        {disabling ? "Disable" : "Enable"}
      </Button>
      <Confirm
        isOpen={confirming}
        loading={isPending}
        title={`Disable ${user.name}?`}
        content={`${user.email} is signed out everywhere and cannot sign in until an admin enables the account again.`}
        confirm="Disable"
        confirmColor="warning"
        onConfirm={act}
        onClose={() => setConfirming(false)}
      />
    </>
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
        <FunctionField<StaffUser> label="Role" render={(u) => staffRoleLabel(u.role)} sortable={false} />
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
  const notify = useNotify();
  const redirect = useRedirect();
  return (
    <Create
      title="New staff user"
      redirect="list"
      mutationOptions={{
        onSuccess: (u: StaffUser) => {
          notify(`Staff user ${u.name} created. Share the password with them privately.`, { type: "success" });
          redirect("list", "staff-users");
        },
      }}
    >
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
