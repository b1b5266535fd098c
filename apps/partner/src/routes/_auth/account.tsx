import {
  Alert,
  Box,
  Button,
  Chip,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from "@mui/material";
import { visuallyHidden } from "@shopreg/analytics-ui/format";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { createFileRoute, useRouter } from "@tanstack/react-router";
import { QRCodeSVG } from "qrcode.react";
import { type FormEvent, type ReactNode, useState } from "react";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { CopyButton } from "../../components/copy.tsx";
import { FormField, PasswordField } from "../../components/fields.tsx";
import { ErrorState, LoadingState } from "../../components/states.tsx";
import { client, data, type Session } from "../../lib/api.ts";
import { useApiErrors } from "../../lib/errors.ts";
import { formatDate, useI18n } from "../../lib/i18n.tsx";
import { mySessionsQuery, sessionQuery, twoFactorQuery } from "../../lib/queries.ts";

export const Route = createFileRoute("/_auth/account")({
  loader: ({ context }) =>
    Promise.all([context.queryClient.ensureQueryData(twoFactorQuery), context.queryClient.ensureQueryData(mySessionsQuery)]),
  pendingComponent: LoadingState,
  errorComponent: ({ error, reset }) => <ErrorState error={error} onRetry={reset} />,
  component: AccountPage,
});

function AccountPage() {
  const { t } = useI18n();
  return (
    <Stack spacing={2} sx={{ maxWidth: 880 }}>
      <Typography variant="h1">{t("account.title")}</Typography>
      <PasswordCard />
      <TwoFactorCard />
      <SessionsCard />
    </Stack>
  );
}

function Card({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper component="section" aria-labelledby={id} sx={{ p: { xs: 2, sm: 3 } }}>
      <Typography id={id} variant="h2" sx={{ mb: 2 }}>
        {title}
      </Typography>
      {children}
    </Paper>
  );
}

function PasswordCard() {
  const { t, tn } = useI18n();
  const { errorText, fieldErrors } = useApiErrors();
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const change = useMutation({
    mutationFn: () => data(client.POST("/v1/me/password", { body: { current_password: current, new_password: next } })),
    onSuccess: async () => {
      setCurrent("");
      setNext("");
      await queryClient.invalidateQueries({ queryKey: mySessionsQuery.queryKey });
    },
  });
  const fields = fieldErrors(change.error);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate();
  };
  return (
    <Card id="password-title" title={t("account.password")}>
      <Stack component="form" spacing={2} onSubmit={onSubmit} noValidate sx={{ maxWidth: 420 }}>
        <PasswordField
          id="current-password"
          label={t("account.currentPassword")}
          value={current}
          onChange={setCurrent}
          error={fields.current_password}
          required={false}
          size="small"
        />
        <PasswordField
          id="new-password"
          label={t("account.newPassword")}
          autoComplete="new-password"
          value={next}
          onChange={setNext}
          error={fields.new_password}
          help={t("account.passwordHelp")}
          required={false}
          size="small"
        />
        <Box>
          <Button type="submit" variant="contained" disabled={change.isPending}>
            {t("account.changePassword")}
          </Button>
        </Box>
        {change.isSuccess ? (
          <Alert severity="success">{tn("account.passwordChanged", change.data.other_sessions_ended)}</Alert>
        ) : null}
        {change.error && !fields.current_password && !fields.new_password ? (
          <Alert severity="error">{errorText(change.error)}</Alert>
        ) : null}
      </Stack>
    </Card>
  );
}

function TwoFactorCard() {
  const { t, tn, lang } = useI18n();
  const { errorText, fieldErrors } = useApiErrors();
  const queryClient = useQueryClient();
  const { data: status } = useSuspenseQuery(twoFactorQuery);
  // The secret and the recovery codes live only in this state: they are shown once.
  const [enrolment, setEnrolment] = useState<{ otpauth_uri: string; secret: string } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState("");
  const [enrolPassword, setEnrolPassword] = useState("");
  const [disabling, setDisabling] = useState(false);
  const [password, setPassword] = useState("");
  const [disableCode, setDisableCode] = useState("");
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: twoFactorQuery.queryKey });
    // The session says whether two-factor is on (and the gate lifts once it is).
    const session = queryClient.getQueryData<Session | null>(sessionQuery.queryKey);
    if (session) await queryClient.invalidateQueries({ queryKey: sessionQuery.queryKey });
  };
  const start = useMutation({
    mutationFn: () => data(client.POST("/v1/me/two-factor")),
    onSuccess: (e) => {
      setEnrolment(e);
      setCode("");
    },
  });
  const confirm = useMutation({
    // The current password too: a session alone cannot turn two-factor on.
    mutationFn: () => data(client.POST("/v1/me/two-factor/confirm", { body: { code, password: enrolPassword } })),
    onSuccess: async (r) => {
      setEnrolment(null);
      setEnrolPassword("");
      setCodes(r.recovery_codes);
      await refresh();
    },
  });
  const disable = useMutation({
    mutationFn: () => data(client.POST("/v1/me/two-factor/disable", { body: { password, code: disableCode } })),
    onSuccess: async () => {
      setDisabling(false);
      setPassword("");
      setDisableCode("");
      await refresh();
    },
  });
  const confirmFields = fieldErrors(confirm.error);
  const disableFields = fieldErrors(disable.error);
  return (
    <Card id="two-factor-title" title={t("account.twoFactor")}>
      <Stack spacing={2}>
        <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
          {status.enabled ? (
            <Chip label={t("account.twoFactorOn")} sx={{ bgcolor: "#e8f5e9", color: "#1b5e20" }} />
          ) : (
            <Chip label={t("account.twoFactorOff")} />
          )}
          {status.enabled && status.enabled_at ? (
            <Typography variant="body2" color="text.secondary">
              {t("account.since", { date: formatDate(status.enabled_at, lang) })} ·{" "}
              {tn("account.codesLeft", status.recovery_codes_left)}
            </Typography>
          ) : null}
        </Stack>
        {status.required && !status.enabled ? <Alert severity="warning">{t("account.twoFactorRequired")}</Alert> : null}
        <Typography color="text.secondary">{t("account.twoFactorIntro")}</Typography>
        {codes ? (
          <Alert severity="success">
            <Typography sx={{ mb: 1 }}>{t("account.recoveryCodes")}</Typography>
            <Box component="ul" data-testid="recovery-codes" sx={{ fontFamily: "monospace", columns: 2, pl: 2, my: 1 }}>
              {codes.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </Box>
            <Stack direction="row" spacing={1}>
              <CopyButton text={codes.join("\n")} variant="contained" />
              <Button onClick={() => setCodes(null)}>{t("keys.done")}</Button>
            </Stack>
          </Alert>
        ) : null}
        {!status.enabled && !enrolment ? (
          <Box>
            <Button variant="contained" onClick={() => start.mutate()} disabled={start.isPending}>
              {t("account.enrol")}
            </Button>
          </Box>
        ) : null}
        {start.error ? <Alert severity="error">{errorText(start.error)}</Alert> : null}
        {enrolment ? (
          <Stack
            component="form"
            spacing={2}
            noValidate
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              confirm.mutate();
            }}
          >
            <Typography>{t("account.scan")}</Typography>
            <Box sx={{ p: 1, bgcolor: "#fff", border: 1, borderColor: "divider", borderRadius: 1, alignSelf: "flex-start" }}>
              <QRCodeSVG value={enrolment.otpauth_uri} size={176} marginSize={2} role="img" aria-label={t("account.qr")} />
            </Box>
            <Typography variant="body2" color="text.secondary">
              {t("account.typeSecret")}{" "}
              <Box component="span" data-testid="totp-secret" sx={{ fontFamily: "monospace", wordBreak: "break-all" }}>
                {enrolment.secret}
              </Box>
            </Typography>
            <PasswordField
              id="enrol-password"
              label={t("account.enrolPassword")}
              value={enrolPassword}
              onChange={setEnrolPassword}
              error={confirmFields.password}
              required={false}
              size="small"
            />
            <Stack direction={{ xs: "column", sm: "row" }} spacing={1.5} sx={{ alignItems: { sm: "flex-start" } }}>
              <FormField
                id="totp-code"
                label={t("account.code")}
                value={code}
                onChange={setCode}
                error={confirmFields.code}
                size="small"
                slotProps={{ htmlInput: { inputMode: "numeric", autoComplete: "one-time-code", maxLength: 6 } }}
              />
              <Button type="submit" variant="contained" disabled={confirm.isPending}>
                {t("account.turnOn")}
              </Button>
              <Button onClick={() => setEnrolment(null)}>{t("common.cancel")}</Button>
            </Stack>
            {confirm.error && !confirmFields.code && !confirmFields.password ? (
              <Alert severity="error">{errorText(confirm.error)}</Alert>
            ) : null}
          </Stack>
        ) : null}
        {status.enabled ? (
          <Box>
            <Button color="error" onClick={() => setDisabling(true)}>
              {t("account.turnOff")}
            </Button>
          </Box>
        ) : null}
      </Stack>
      <ConfirmDialog
        open={disabling}
        title={t("account.turnOffTitle")}
        body={t(status.required ? "account.turnOffRequired" : "account.turnOffBody")}
        confirmLabel={t("account.turnOff")}
        danger
        pending={disable.isPending}
        error={disable.error && !disableFields.code && !disableFields.password ? disable.error : undefined}
        onConfirm={() => disable.mutate()}
        onClose={() => {
          setDisabling(false);
          disable.reset();
        }}
      >
        <Stack spacing={2} sx={{ mt: 2 }}>
          <PasswordField
            id="disable-password"
            label={t("login.password")}
            value={password}
            onChange={setPassword}
            error={disableFields.password}
            required={false}
            size="small"
          />
          <FormField
            id="disable-code"
            label={t("account.codeOrRecovery")}
            value={disableCode}
            onChange={setDisableCode}
            error={disableFields.code}
            size="small"
            slotProps={{ htmlInput: { autoComplete: "one-time-code" } }}
          />
        </Stack>
      </ConfirmDialog>
    </Card>
  );
}

function SessionsCard() {
  const { t, tn, lang } = useI18n();
  const { errorText } = useApiErrors();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { auth } = Route.useRouteContext();
  const { data: sessions } = useSuspenseQuery(mySessionsQuery);
  const refresh = () => queryClient.invalidateQueries({ queryKey: mySessionsQuery.queryKey });
  const end = useMutation({
    mutationFn: (v: { id: string; current: boolean }) =>
      data(client.DELETE("/v1/me/sessions/{id}", { params: { path: { id: v.id } } })),
    onSuccess: async (_, v) => {
      if (v.current) {
        // Ending this one is signing out here.
        await auth.logOut().catch(() => undefined);
        await router.navigate({ to: "/login" });
        return;
      }
      await refresh();
    },
  });
  const endOthers = useMutation({
    mutationFn: () => data(client.POST("/v1/me/sessions/end-others")),
    onSuccess: refresh,
  });
  const others = sessions.data.filter((s) => !s.current).length;
  return (
    <Card id="sessions-title" title={t("account.sessions")}>
      <Table aria-labelledby="sessions-title" size="small">
        <TableHead>
          <TableRow>
            <TableCell>{t("account.device")}</TableCell>
            <TableCell>{t("account.lastSeen")}</TableCell>
            <TableCell sx={{ display: { xs: "none", md: "table-cell" } }}>{t("account.signedIn")}</TableCell>
            <TableCell>
              <Box component="span" sx={visuallyHidden}>
                {t("members.actions")}
              </Box>
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {sessions.data.map((s) => (
            <TableRow key={s.id}>
              <TableCell>
                {s.device}
                {s.current ? <Chip size="small" label={t("account.thisDevice")} sx={{ ml: 1 }} color="primary" /> : null}
              </TableCell>
              <TableCell>{formatDate(s.last_seen_at, lang)}</TableCell>
              <TableCell sx={{ display: { xs: "none", md: "table-cell" } }}>{formatDate(s.created_at, lang)}</TableCell>
              <TableCell align="right">
                <Button
                  size="small"
                  color="error"
                  onClick={() => end.mutate({ id: s.id, current: s.current })}
                  disabled={end.isPending}
                  // The visible words first, then which device (axe: label-content-name-mismatch).
                  aria-label={`${s.current ? t("nav.logout") : t("account.endSession")} ${s.device}`}
                >
                  {s.current ? t("nav.logout") : t("account.endSession")}
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Stack direction="row" spacing={1.5} sx={{ mt: 2, alignItems: "center" }}>
        <Button
          variant="outlined"
          color="error"
          onClick={() => endOthers.mutate()}
          disabled={others === 0 || endOthers.isPending}
        >
          {t("account.endOthers")}
        </Button>
        {endOthers.isSuccess ? (
          <Typography role="status" color="text.secondary">
            {tn("account.othersEnded", endOthers.data.sessions_ended)}
          </Typography>
        ) : null}
      </Stack>
      {(end.error ?? endOthers.error) ? (
        <Alert severity="error" sx={{ mt: 1.5 }}>
          {errorText(end.error ?? endOthers.error)}
        </Alert>
      ) : null}
    </Card>
  );
}
