import { Alert, Box, Button, Card, CardContent, Divider, Stack, TextField, Typography } from "@mui/material";
import type { components } from "@shopreg/sdk";
import { useMutation, useQuery } from "@tanstack/react-query";
import { QRCodeSVG } from "qrcode.react";
import { type FormEvent, useState } from "react";
import { Title, useLogout, useRedirect } from "react-admin";
import { client, data } from "../client.ts";
import { formatDateTime } from "../format.tsx";

import { errorWords } from "../i18n/errors.ts";
import { useT } from "../i18n/index.tsx";

type Enrolment = components["schemas"]["TwoFactorEnrolment"];

/**
 * The staff user's Security page, inside the dashboard's layout and open to every staff role from the
 * account menu: two-factor (an admin without it is sent here, since the API answers everything else
 * with 403 two_factor_enrolment_required), new recovery codes, the password, and other sessions.
 */
export function SecurityPage() {
  const t = useT();
  return (
    <Box sx={{ maxWidth: 640, py: 2 }}>
      <Title title={t("security")} />
      <Typography variant="h4" component="h1" sx={{ mb: 2 }}>
        {t("security")}
      </Typography>
      <Stack spacing={2}>
        <TwoFactorCard />
        <PasswordCard />
        <SessionsCard />
      </Stack>
    </Box>
  );
}

function TwoFactorCard() {
  const redirect = useRedirect();
  const logout = useLogout();
  const t = useT();
  const status = useQuery({ queryKey: ["staff-two-factor"], queryFn: () => data(client.GET("/v1/staff/me/two-factor")) });
  // The secret and the recovery codes are shown once and kept only in this state.
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState("");
  const [password, setPassword] = useState("");
  const start = useMutation({
    mutationFn: () => data(client.POST("/v1/staff/me/two-factor")),
    onSuccess: setEnrolment,
  });
  const confirm = useMutation({
    mutationFn: () =>
      data(
        client.POST("/v1/staff/me/two-factor/confirm", {
          // The current password too: a session alone cannot turn two-factor on.
          body: { code, password },
        }),
      ),
    onSuccess: (r) => {
      setEnrolment(null);
      setCodes(r.recovery_codes);
    },
  });
  const onConfirm = (e: FormEvent) => {
    e.preventDefault();
    confirm.mutate();
  };
  const enabled = status.data?.enabled || codes !== null;
  return (
    <Card component="section" aria-labelledby="two-factor-heading">
      <CardContent>
        <Stack spacing={2}>
          <Typography variant="h5" component="h2" id="two-factor-heading">
            {t("two_factor_title")}
          </Typography>
          {status.data?.required && !enabled ? <Alert severity="warning">{t("admins_must_enrol")}</Alert> : null}
          {status.error ? <Alert severity="error">{errorWords(status.error)}</Alert> : null}
          {codes ? (
            <>
              <Alert severity="success">{t("two_factor_on_codes")}</Alert>
              <Box component="ul" data-testid="recovery-codes" sx={{ fontFamily: "monospace", columns: 2, pl: 3, m: 0 }}>
                {codes.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </Box>
              <Button variant="contained" onClick={() => redirect("/")}>
                {t("continue_to_dashboard")}
              </Button>
            </>
          ) : enabled ? (
            <>
              <Alert severity="success">{t("two_factor_is_on")}</Alert>
              <RecoveryCodes left={status.data?.recovery_codes_left ?? 0} onNew={setCodes} />
            </>
          ) : enrolment ? (
            <Stack component="form" spacing={2} onSubmit={onConfirm} aria-label={t("confirm_two_factor")} noValidate>
              <Typography>{t("scan_qr")}</Typography>
              <Box sx={{ p: 1, bgcolor: "#fff", border: 1, borderColor: "divider", alignSelf: "flex-start" }}>
                <QRCodeSVG value={enrolment.otpauth_uri} size={176} marginSize={2} role="img" aria-label={t("qr_label")} />
              </Box>
              <Typography variant="body2" color="text.secondary">
                {t("cannot_scan")}{" "}
                <Box component="span" data-testid="totp-secret" sx={{ fontFamily: "monospace", wordBreak: "break-all" }}>
                  {enrolment.secret}
                </Box>
              </Typography>
              <TextField
                label={t("current_password_yours")}
                name="password"
                type="password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                slotProps={{ htmlInput: { autoComplete: "current-password" } }}
                required
              />
              <TextField
                label={t("six_digit_code")}
                name="code"
                value={code}
                onChange={(e) => setCode(e.target.value)}
                slotProps={{ htmlInput: { inputMode: "numeric", autoComplete: "one-time-code", maxLength: 6 } }}
                required
              />
              {confirm.error ? <Alert severity="error">{errorWords(confirm.error)}</Alert> : null}
              <Button type="submit" variant="contained" disabled={confirm.isPending}>
                {t("turn_on_two_factor")}
              </Button>
            </Stack>
          ) : (
            <>
              <Typography>{t("two_factor_explain")}</Typography>
              {start.error ? <Alert severity="error">{errorWords(start.error)}</Alert> : null}
              <Button variant="contained" onClick={() => start.mutate()} disabled={start.isPending || status.isPending}>
                {t("set_up_two_factor")}
              </Button>
            </>
          )}
          {status.data?.required && !enabled ? <Button onClick={() => logout()}>{t("log_out")}</Button> : null}
        </Stack>
      </CardContent>
    </Card>
  );
}

/** How many recovery codes are left, and ten new ones for a current code (the old ones stop working). */
function RecoveryCodes({ left, onNew }: { left: number; onNew(codes: string[]): void }) {
  const [code, setCode] = useState("");
  const [password, setPassword] = useState("");
  const t = useT();
  const renew = useMutation({
    mutationFn: () => data(client.POST("/v1/staff/me/two-factor/recovery-codes", { body: { code, password } })),
    onSuccess: (r) => onNew(r.recovery_codes),
  });
  return (
    <Stack
      component="form"
      spacing={1.5}
      aria-label={t("new_recovery_codes")}
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        renew.mutate();
      }}
    >
      <Divider />
      <Typography component="h3" variant="subtitle1" sx={{ fontWeight: 600 }}>
        {t("recovery_codes")}
      </Typography>
      <Typography variant="body2">{left === 1 ? t("recovery_left_one") : t("recovery_left", { count: left })}</Typography>
      <Stack direction={{ xs: "column", sm: "row" }} spacing={1} sx={{ alignItems: { sm: "flex-start" } }}>
        <TextField
          label={t("current_password_yours")}
          name="recovery-renew-password"
          type="password"
          size="small"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          slotProps={{ htmlInput: { autoComplete: "current-password" } }}
        />
        <TextField
          label={t("code_from_authenticator")}
          name="recovery-renew-code"
          size="small"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          slotProps={{ htmlInput: { inputMode: "numeric", autoComplete: "one-time-code", maxLength: 6 } }}
        />
        <Button type="submit" variant="outlined" disabled={renew.isPending || code.trim().length !== 6 || password === ""}>
          {t("get_new_codes")}
        </Button>
      </Stack>
      {renew.error ? <Alert severity="error">{errorWords(renew.error)}</Alert> : null}
    </Stack>
  );
}

/** Change the password with the current one. */
function PasswordCard() {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const t = useT();
  const change = useMutation({
    mutationFn: () => data(client.POST("/v1/staff/me/password", { body: { current_password: current, new_password: next } })),
    onSuccess: () => {
      setCurrent("");
      setNext("");
    },
  });
  return (
    <Card component="section" aria-labelledby="password-heading">
      <CardContent>
        <Stack
          component="form"
          spacing={2}
          noValidate
          aria-labelledby="password-heading"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            change.mutate();
          }}
        >
          <Typography variant="h5" component="h2" id="password-heading">
            {t("password")}
          </Typography>
          <TextField
            label={t("current_password")}
            type="password"
            name="current-password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            required
          />
          <TextField
            label={t("new_password")}
            type="password"
            name="new-password"
            autoComplete="new-password"
            helperText={t("at_least_10")}
            value={next}
            onChange={(e) => setNext(e.target.value)}
            required
          />
          {change.error ? <Alert severity="error">{errorWords(change.error)}</Alert> : null}
          {change.isSuccess ? <Alert severity="success">{t("password_changed")}</Alert> : null}
          <Button
            type="submit"
            variant="contained"
            disabled={change.isPending || !current || !next}
            sx={{ alignSelf: "flex-start" }}
          >
            {t("change_password")}
          </Button>
        </Stack>
      </CardContent>
    </Card>
  );
}

/** Where this staff user is signed in, and logging out of every other browser (this one stays). */
function SessionsCard() {
  const sessions = useQuery({
    queryKey: ["staff-sessions"],
    queryFn: () => data(client.GET("/v1/staff/me/sessions")),
  });
  const end = useMutation({
    mutationFn: () => data(client.POST("/v1/staff/me/sessions/end-others")),
    onSuccess: () => void sessions.refetch(),
  });
  const ended = end.data?.sessions_ended;
  const t = useT();
  return (
    <Card component="section" aria-labelledby="sessions-heading">
      <CardContent>
        <Stack spacing={2}>
          <Typography variant="h5" component="h2" id="sessions-heading">
            {t("other_sessions")}
          </Typography>
          {sessions.data ? (
            <Box component="ul" aria-label={t("signed_in_sessions")} sx={{ m: 0, pl: 3 }}>
              {sessions.data.data.map((x) => (
                <li key={x.id}>
                  {x.device}
                  {x.current ? t("this_browser") : ""} · {t("last_seen", { when: formatDateTime(x.last_seen_at) })}
                </li>
              ))}
            </Box>
          ) : null}
          <Typography variant="body2">{t("log_out_others_explain")}</Typography>
          {end.error ? <Alert severity="error">{errorWords(end.error)}</Alert> : null}
          {ended !== undefined ? (
            <Alert severity="success">
              {ended === 0
                ? t("no_other_sessions")
                : ended === 1
                  ? t("logged_out_other")
                  : t("logged_out_others", { count: ended })}
            </Alert>
          ) : null}
          <Button variant="outlined" onClick={() => end.mutate()} disabled={end.isPending} sx={{ alignSelf: "flex-start" }}>
            {t("log_out_others")}
          </Button>
        </Stack>
      </CardContent>
    </Card>
  );
}
