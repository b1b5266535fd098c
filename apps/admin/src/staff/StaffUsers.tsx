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
import { STAFF_ROLE_WORDS, STAFF_ROLES, type StaffRole } from "@shopreg/domain";
import { data } from "@shopreg/web-api";
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
import { client as api } from "../client.ts";
import { formatDateTime } from "../format.tsx";
import { choicesOf } from "../i18n/choices.ts";
import { errorWords } from "../i18n/errors.ts";
import { useT, wordKey } from "../i18n/index.tsx";
import { staffRoleLabel } from "./roles.ts";

type StaffUser = {
  id: string;
  email: string;
  name: string;
  role: string;
  disabled_at: string | null;
  last_login_at: string | null;
};

const roleChoices = () => choicesOf(STAFF_ROLE_WORDS, STAFF_ROLES);

function ToggleDisabled({ user }: { user: StaffUser }) {
  const [update, { isPending }] = useUpdate();
  const notify = useNotify();
  const refresh = useRefresh();
  const { identity } = useGetIdentity();
  const [confirming, setConfirming] = useState(false);
  const t = useT();
  if (identity?.id === user.id) return null; // An admin cannot lock themselves out.
  const disabling = user.disabled_at === null;
  const act = () =>
    update(
      "staff-users",
      { id: user.id, data: { disabled_at: disabling ? new Date().toISOString() : null }, previousData: user },
      {
        mutationMode: "pessimistic",
        onSuccess: () => notify(t(disabling ? "disabled_done" : "enabled_done", { name: user.name }), { type: "success" }),
        onError: (err) => notify(errorWords(err), { type: "error" }),
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
        aria-label={t(disabling ? "disable_who" : "enable_who", { email: user.email })}
        onClick={(e) => {
          e.stopPropagation();
          // Disabling ends their sessions at once, so it asks first; enabling does not.
          if (disabling) setConfirming(true);
          else act();
        }}
      >
        {disabling ? t("disable") : t("enable")}
      </Button>
      <Confirm
        isOpen={confirming}
        loading={isPending}
        title={t("disable_title", { name: user.name })}
        content={t("disable_text", { email: user.email })}
        confirm={t("disable")}
        confirmColor="warning"
        onConfirm={act}
        onClose={() => setConfirming(false)}
      />
    </>
  );
}

/** A refusal in the page's language, by its code. */
const failure = (err: unknown) => errorWords(err);

/** An admin gives a member another role, chosen in a dialog and confirmed there. */
function ChangeRole({ user }: { user: StaffUser }) {
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [role, setRole] = useState<StaffRole>(user.role as StaffRole);
  const [pending, setPending] = useState(false);
  const t = useT();
  const save = async () => {
    setPending(true);
    try {
      const updated = await data(api.POST("/v1/staff/users/{id}/role", { params: { path: { id: user.id } }, body: { role } }));
      notify(t("role_changed", { name: user.name, role: staffRoleLabel(updated.role) }), { type: "success" });
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
        aria-label={t("change_role_of", { email: user.email })}
        onClick={(e) => {
          e.stopPropagation();
          setRole(user.role as StaffRole);
          setOpen(true);
        }}
      >
        {t("change_role")}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby={`role-title-${user.id}`}>
        <DialogTitle id={`role-title-${user.id}`}>{t("change_role_title", { name: user.name })}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>
            {t("change_role_text", { email: user.email, role: staffRoleLabel(user.role) })}
          </DialogContentText>
          <MuiTextField
            select
            fullWidth
            label={t("new_role")}
            value={role}
            onChange={(e) => setRole(e.target.value as StaffRole)}
          >
            {roleChoices().map((c) => (
              <MenuItem key={c.id} value={c.id}>
                {staffRoleLabel(c.id)}
              </MenuItem>
            ))}
          </MuiTextField>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{t("cancel")}</Button>
          <Button variant="contained" disabled={pending || role === user.role} onClick={save}>
            {t("change_role")}
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
  const t = useT();
  if (user.disabled_at) return null; // Enable the account first.
  const send = async () => {
    setPending(true);
    try {
      await data(api.POST("/v1/staff/users/{id}/password-reset", { params: { path: { id: user.id } } }));
      notify(t("reset_sent", { email: user.email }), { type: "success" });
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
        aria-label={t("reset_password_of", { email: user.email })}
        onClick={(e) => {
          e.stopPropagation();
          setConfirming(true);
        }}
      >
        {t("reset_password")}
      </Button>
      <Confirm
        isOpen={confirming}
        loading={pending}
        title={t("reset_title", { name: user.name })}
        content={t("reset_text", { email: user.email })}
        confirm={t("send_link")}
        onConfirm={send}
        onClose={() => setConfirming(false)}
      />
    </>
  );
}

export function StaffUserList() {
  const t = useT();
  return (
    <List
      title={t("staff_users")}
      exporter={false}
      actions={
        <TopToolbar>
          <CreateButton label={t("new_staff_user")} />
        </TopToolbar>
      }
    >
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <TextField source="name" sortable={false} />
        <TextField source="email" sortable={false} />
        <FunctionField<StaffUser>
          label={wordKey("role")}
          render={(u) => (
            <>
              <span>{staffRoleLabel(u.role)}</span> <ChangeRole user={u} />
            </>
          )}
          sortable={false}
        />
        <FunctionField<StaffUser>
          label={wordKey("status")}
          render={(u) => (u.disabled_at ? t("disabled_at", { when: formatDateTime(u.disabled_at) }) : t("active"))}
        />
        <FunctionField<StaffUser> label={wordKey("last_sign_in")} render={(u) => formatDateTime(u.last_login_at)} />
        <FunctionField<StaffUser> label={wordKey("password")} render={(u) => <SendPasswordReset user={u} />} />
        <FunctionField<StaffUser> label={wordKey("access")} render={(u) => <ToggleDisabled user={u} />} />
      </Datagrid>
    </List>
  );
}

export function StaffUserCreate() {
  const notify = useNotify();
  const redirect = useRedirect();
  const t = useT();
  return (
    <Create
      title={t("new_staff_user")}
      redirect="list"
      mutationOptions={{
        onSuccess: (u: StaffUser) => {
          notify(t("staff_created", { name: u.name }), { type: "success" });
          redirect("list", "staff-users");
        },
      }}
    >
      <SimpleForm>
        <TextInput source="name" validate={required()} />
        <TextInput source="email" type="email" validate={[required(), email()]} />
        <SelectInput source="role" choices={roleChoices()} translateChoice={false} validate={required()} />
        <PasswordInput source="password" validate={[required(), minLength(10)]} helperText={t("password_help")} />
      </SimpleForm>
    </Create>
  );
}
