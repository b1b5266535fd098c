import {
  Alert,
  Box,
  Button,
  Chip,
  FormControlLabel,
  MenuItem,
  Paper,
  Stack,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from "@mui/material";
import { visuallyHidden } from "@shopreg/analytics-ui/format";
import { MEMBER_ROLES, type MemberRole } from "@shopreg/domain";
import { useMutation, useQuery, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { createFileRoute } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { FormField } from "../../components/fields.tsx";
import { ErrorState, LoadingState } from "../../components/states.tsx";
import { client, data, type Invitation, type Member } from "../../lib/api.ts";
import { usePermissions } from "../../lib/can.ts";
import { useApiErrors } from "../../lib/errors.ts";
import { formatDate, type MessageKey, useI18n } from "../../lib/i18n.tsx";
import { invitationsQuery, membersQuery, sessionQuery } from "../../lib/queries.ts";

export const Route = createFileRoute("/_auth/members")({
  loader: ({ context }) => context.queryClient.ensureQueryData(membersQuery),
  pendingComponent: LoadingState,
  errorComponent: ({ error, reset }) => <ErrorState error={error} onRetry={reset} />,
  component: MembersPage,
});

export const roleLabel = (role: MemberRole): MessageKey => `members.role.${role}`;

function MembersPage() {
  const { t, lang } = useI18n();
  const { errorText } = useApiErrors();
  const queryClient = useQueryClient();
  const { session, has, can } = usePermissions();
  const { data: members } = useSuspenseQuery(membersQuery);
  const manage = has("members:write");
  // Making, changing or removing an owner, transferring and the team's setting: the owner's alone.
  const ownerPowers = can("transfer_ownership");
  const invitations = useQuery({ ...invitationsQuery, enabled: manage });
  const [removing, setRemoving] = useState<Member | null>(null);
  const [transferring, setTransferring] = useState<Member | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["members"] });
  const owners = members.data.filter((m) => m.role === "owner").length;
  const assignable = MEMBER_ROLES.filter((r) => ownerPowers || r !== "owner");

  const changeRole = useMutation({
    mutationFn: (v: { id: string; role: MemberRole }) =>
      data(client.PATCH("/v1/members/{id}", { params: { path: { id: v.id } }, body: { role: v.role } })),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => data(client.DELETE("/v1/members/{id}", { params: { path: { id } } })),
    onSuccess: async () => {
      setRemoving(null);
      await refresh();
    },
  });
  const transfer = useMutation({
    mutationFn: (id: string) => data(client.POST("/v1/members/{id}/transfer-ownership", { params: { path: { id } } })),
    onSuccess: async () => {
      setTransferring(null);
      // The caller is an admin now: what they may do changed with the role.
      await queryClient.invalidateQueries({ queryKey: sessionQuery.queryKey });
      await refresh();
    },
  });

  return (
    <Stack spacing={2} sx={{ maxWidth: 1080 }}>
      <Typography variant="h1">{t("members.title")}</Typography>
      <Typography color="text.secondary">{t("members.intro")}</Typography>
      {manage ? <InviteForm roles={assignable} /> : null}
      {changeRole.error ? <Alert severity="error">{errorText(changeRole.error)}</Alert> : null}
      <TableContainer component={Paper}>
        <Table aria-label={t("members.title")} size="small">
          <TableHead>
            <TableRow>
              <TableCell>{t("members.name")}</TableCell>
              <TableCell>{t("members.email")}</TableCell>
              <TableCell>{t("members.role")}</TableCell>
              <TableCell sx={{ display: { xs: "none", md: "table-cell" } }}>{t("members.twoFactor")}</TableCell>
              <TableCell sx={{ display: { xs: "none", md: "table-cell" } }}>{t("members.lastLogin")}</TableCell>
              <TableCell>
                <Box component="span" sx={visuallyHidden}>
                  {t("members.actions")}
                </Box>
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {members.data.map((m) => {
              const self = m.id === session?.user.id;
              // Only an owner touches an owner; the API says so too (403), this keeps the button away.
              const editable = manage && (ownerPowers || m.role !== "owner");
              // An account always keeps an owner: its only owner transfers ownership before leaving.
              const soleOwner = self && m.role === "owner" && owners === 1;
              return (
                <TableRow key={m.id}>
                  <TableCell sx={{ fontWeight: 600 }}>
                    {m.name}
                    {self ? <Chip size="small" label={t("members.you")} sx={{ ml: 1 }} /> : null}
                  </TableCell>
                  <TableCell>{m.email}</TableCell>
                  <TableCell>
                    {editable && !self ? (
                      <TextField
                        select
                        size="small"
                        value={m.role}
                        onChange={(e) => changeRole.mutate({ id: m.id, role: e.target.value as MemberRole })}
                        disabled={changeRole.isPending}
                        slotProps={{ htmlInput: { "aria-label": t("members.roleOf", { name: m.name }) } }}
                      >
                        {assignable.map((r) => (
                          <MenuItem key={r} value={r}>
                            {t(roleLabel(r))}
                          </MenuItem>
                        ))}
                      </TextField>
                    ) : (
                      t(roleLabel(m.role))
                    )}
                  </TableCell>
                  <TableCell sx={{ display: { xs: "none", md: "table-cell" } }}>
                    {m.two_factor_enabled ? t("members.on") : t("members.off")}
                  </TableCell>
                  <TableCell sx={{ display: { xs: "none", md: "table-cell" } }}>
                    {m.last_login_at ? formatDate(m.last_login_at, lang) : t("common.never")}
                  </TableCell>
                  <TableCell align="right" sx={{ whiteSpace: "nowrap" }}>
                    {ownerPowers && !self && m.role !== "owner" ? (
                      <Button
                        size="small"
                        onClick={() => setTransferring(m)}
                        aria-label={t("members.transferTo", { name: m.name })}
                      >
                        {t("members.transfer")}
                      </Button>
                    ) : null}
                    {editable && !soleOwner ? (
                      <Button
                        size="small"
                        color="error"
                        onClick={() => setRemoving(m)}
                        aria-label={self ? t("members.leave") : t("members.removeWho", { name: m.name })}
                      >
                        {self ? t("members.leave") : t("members.remove")}
                      </Button>
                    ) : null}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
      {manage ? <Invitations list={invitations.data?.data ?? []} error={invitations.error} /> : null}
      {ownerPowers && session ? <TeamTwoFactor required={session.partner.require_two_factor} /> : null}
      <ConfirmDialog
        open={removing !== null}
        title={removing?.id === session?.user.id ? t("members.leaveTitle") : t("members.removeTitle")}
        body={
          removing?.id === session?.user.id
            ? t("members.leaveBody", { company: session?.partner.company_name ?? "" })
            : t("members.removeBody", { name: removing?.name ?? "" })
        }
        confirmLabel={removing?.id === session?.user.id ? t("members.leave") : t("members.remove")}
        danger
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => removing && remove.mutate(removing.id)}
        onClose={() => {
          setRemoving(null);
          remove.reset();
        }}
      />
      <ConfirmDialog
        open={transferring !== null}
        title={t("members.transferTitle")}
        body={t("members.transferBody", { name: transferring?.name ?? "" })}
        confirmLabel={t("members.transfer")}
        danger
        pending={transfer.isPending}
        error={transfer.error}
        onConfirm={() => transferring && transfer.mutate(transferring.id)}
        onClose={() => {
          setTransferring(null);
          transfer.reset();
        }}
      />
    </Stack>
  );
}

function InviteForm({ roles }: { roles: readonly MemberRole[] }) {
  const { t } = useI18n();
  const { errorText, fieldErrors } = useApiErrors();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<MemberRole>("analyst");
  const [sentTo, setSentTo] = useState<string | null>(null);
  const invite = useMutation({
    mutationFn: () => data(client.POST("/v1/invitations", { body: { email, role } })),
    onSuccess: async (inv) => {
      setSentTo(inv.email);
      setEmail("");
      await queryClient.invalidateQueries({ queryKey: invitationsQuery.queryKey });
    },
  });
  const fields = fieldErrors(invite.error);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSentTo(null);
    invite.mutate();
  };
  return (
    <Paper component="form" onSubmit={onSubmit} noValidate sx={{ p: 2 }} aria-labelledby="invite-title">
      <Typography id="invite-title" variant="h2" sx={{ mb: 1.5 }}>
        {t("members.invite")}
      </Typography>
      <Stack direction={{ xs: "column", sm: "row" }} spacing={1.5} sx={{ alignItems: { sm: "flex-start" } }}>
        <FormField
          id="invite-email"
          label={t("members.email")}
          type="email"
          value={email}
          onChange={setEmail}
          error={fields.email}
          size="small"
          sx={{ flexGrow: 1 }}
        />
        <TextField
          id="invite-role"
          select
          label={t("members.role")}
          value={role}
          onChange={(e) => setRole(e.target.value as MemberRole)}
          size="small"
          sx={{ minWidth: 160 }}
        >
          {roles.map((r) => (
            <MenuItem key={r} value={r}>
              {t(roleLabel(r))}
            </MenuItem>
          ))}
        </TextField>
        <Button type="submit" variant="contained" disabled={invite.isPending}>
          {t("members.sendInvite")}
        </Button>
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
        {t(`members.roleHelp.${role}`)}
      </Typography>
      {sentTo ? (
        <Alert severity="success" sx={{ mt: 1.5 }}>
          {t("members.invited", { email: sentTo })}
        </Alert>
      ) : null}
      {invite.error && !fields.email ? (
        <Alert severity="error" sx={{ mt: 1.5 }}>
          {errorText(invite.error)}
        </Alert>
      ) : null}
    </Paper>
  );
}

function Invitations({ list, error }: { list: Invitation[]; error: unknown }) {
  const { t, lang } = useI18n();
  const { errorText } = useApiErrors();
  const queryClient = useQueryClient();
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: invitationsQuery.queryKey });
  const resend = useMutation({
    mutationFn: (id: string) => data(client.POST("/v1/invitations/{id}/resend", { params: { path: { id } } })),
    onSuccess: refresh,
  });
  const revoke = useMutation({
    mutationFn: (id: string) => data(client.DELETE("/v1/invitations/{id}", { params: { path: { id } } })),
    onSuccess: async () => {
      setRevoking(null);
      await refresh();
    },
  });
  return (
    <Paper sx={{ p: 2 }} aria-labelledby="invitations-title">
      <Typography id="invitations-title" variant="h2" sx={{ mb: 1 }}>
        {t("members.pending")}
      </Typography>
      {error ? <ErrorState error={error} /> : null}
      {resend.error ? <Alert severity="error">{errorText(resend.error)}</Alert> : null}
      {list.length === 0 ? (
        <Typography color="text.secondary">{t("members.noInvitations")}</Typography>
      ) : (
        <Table aria-labelledby="invitations-title" size="small">
          <TableHead>
            <TableRow>
              <TableCell>{t("members.email")}</TableCell>
              <TableCell>{t("members.role")}</TableCell>
              <TableCell>{t("members.status")}</TableCell>
              <TableCell sx={{ display: { xs: "none", md: "table-cell" } }}>{t("members.expires")}</TableCell>
              <TableCell>
                <Box component="span" sx={visuallyHidden}>
                  {t("members.actions")}
                </Box>
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {list.map((i) => (
              <TableRow key={i.id}>
                <TableCell>{i.email}</TableCell>
                <TableCell>{t(roleLabel(i.role))}</TableCell>
                <TableCell>{i.status === "EXPIRED" ? t("members.expired") : t("members.pendingOne")}</TableCell>
                <TableCell sx={{ display: { xs: "none", md: "table-cell" } }}>{formatDate(i.expires_at, lang)}</TableCell>
                <TableCell align="right" sx={{ whiteSpace: "nowrap" }}>
                  <Button
                    size="small"
                    onClick={() => resend.mutate(i.id)}
                    disabled={resend.isPending}
                    aria-label={t("members.resendTo", { email: i.email })}
                  >
                    {t("members.resend")}
                  </Button>
                  <Button
                    size="small"
                    color="error"
                    onClick={() => setRevoking(i)}
                    aria-label={t("members.revokeFor", { email: i.email })}
                  >
                    {t("members.revoke")}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {resend.isSuccess ? (
        <Alert severity="success" sx={{ mt: 1.5 }}>
          {t("members.resent", { email: resend.data.email })}
        </Alert>
      ) : null}
      <ConfirmDialog
        open={revoking !== null}
        title={t("members.revokeTitle")}
        body={t("members.revokeBody", { email: revoking?.email ?? "" })}
        confirmLabel={t("members.revoke")}
        danger
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={() => revoking && revoke.mutate(revoking.id)}
        onClose={() => setRevoking(null)}
      />
    </Paper>
  );
}

function TeamTwoFactor({ required }: { required: boolean }) {
  const { t } = useI18n();
  const { errorText } = useApiErrors();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (on: boolean) => data(client.PATCH("/v1/team/security", { body: { require_two_factor: on } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionQuery.queryKey }),
  });
  return (
    <Paper sx={{ p: 2 }}>
      <FormControlLabel
        control={
          <Switch
            checked={save.isPending ? Boolean(save.variables) : required}
            onChange={(e) => save.mutate(e.target.checked)}
            disabled={save.isPending}
          />
        }
        label={t("members.requireTwoFactor")}
      />
      <Typography variant="body2" color="text.secondary">
        {t("members.requireTwoFactorHelp")}
      </Typography>
      {save.error ? (
        <Alert severity="error" sx={{ mt: 1.5 }}>
          {errorText(save.error)}
        </Alert>
      ) : null}
    </Paper>
  );
}
