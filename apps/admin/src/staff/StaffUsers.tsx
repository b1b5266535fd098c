import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  MenuItem,
  TextField as MuiTextField,
} from "@mui/material";
import { STAFF_ROLES, type StaffRole } from "@shopreg/domain";
import { createApiClient, data } from "@shopreg/web-api";
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

/** The staff calls react-admin's data provider does not speak: the typed client, straight. */
const api = createApiClient();
const failure = (err: unknown) => (err instanceof Error ? err.message : "Not saved.");

/** An admin gives a member another role, chosen in a dialog and confirmed there. */
function ChangeRole({ user }: { user: StaffUser }) {
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [role, setRole] = useState<StaffRole>(user.role as StaffRole);
  const [pending, setPending] = useState(false);
  const save = async () => {
    setPending(true);
    try {
      const updated = await data(api.POST("/v1/staff/users/{id}/role", { params: { path: { id: user.id } }, body: { role } }));
      notify(`${user.name} is now ${staffRoleLabel(updated.role)}.`, { type: "success" });
      setOpen(false);
      refresh();
    } catch (err) {
      notify(failure(err), { type: "error" });
    } finally {
      setPending(false);
    }
  };
  return (
    <>
      <Button
        size="small"
        aria-label={`Change role of ${user.email}`}
        onClick={(e) => {
          e.stopPropagation();
          setRole(user.role as StaffRole);
          setOpen(true);
        }}
      >
        Change role
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby={`role-title-${user.id}`}>
        <DialogTitle id={`role-title-${user.id}`}>Change the role of {user.name}?</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>
            {user.email} is {staffRoleLabel(user.role)}. The new role applies to their next click.
          </DialogContentText>
          <MuiTextField select fullWidth label="New role" value={role} onChange={(e) => setRole(e.target.value as StaffRole)}>
            {ROLE_CHOICES.map((c) => (
              <MenuItem key={c.id} value={c.id}>
                {c.name}
              </MenuItem>
            ))}
          </MuiTextField>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button variant="contained" disabled={pending || role === user.role} onClick={save}>
            Change role
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

/** An admin mails a member a link to choose a new password: nobody sees or types it for them. */
function SendPasswordReset({ user }: { user: StaffUser }) {
  const notify = useNotify();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  if (user.disabled_at) return null; // Enable the account first.
  const send = async () => {
    setPending(true);
    try {
      await data(api.POST("/v1/staff/users/{id}/password-reset", { params: { path: { id: user.id } } }));
      notify(`A link to choose a new password was emailed to ${user.email}. It works once, for 1 hour.`, {
        type: "success",
      });
    } catch (err) {
      notify(failure(err), { type: "error" });
    } finally {
      setPending(false);
      setConfirming(false);
    }
  };
  return (
    <>
      <Button
        size="small"
        variant="outlined"
        disabled={pending}
        aria-label={`Reset password of ${user.email}`}
        onClick={(e) => {
          e.stopPropagation();
          setConfirming(true);
        }}
      >
        Reset password
      </Button>
      <Confirm
        isOpen={confirming}
        loading={pending}
        title={`Email ${user.name} a password reset link?`}
        content={`${user.email} gets a link to choose a new password (it works once, for 1 hour). Their current password works until they use it.`}
        confirm="Send link"
        onConfirm={send}
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
        <FunctionField<StaffUser>
          label="Role"
          render={(u) => (
            <>
              <span>{staffRoleLabel(u.role)}</span> <ChangeRole user={u} />
            </>
          )}
          sortable={false}
        />
        <FunctionField<StaffUser>
          label="Status"
          render={(u) => (u.disabled_at ? `Disabled ${formatDateTime(u.disabled_at)}` : "Active")}
        />
        <FunctionField<StaffUser> label="Last sign-in" render={(u) => formatDateTime(u.last_login_at)} />
        <FunctionField<StaffUser> label="Password" render={(u) => <SendPasswordReset user={u} />} />
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
