import { Alert, Box, Button, Card, CardContent, Divider, Stack, TextField, Typography } from "@mui/material";
import type { components } from "@shopreg/sdk";
import { useMutation, useQuery } from "@tanstack/react-query";
import { QRCodeSVG } from "qrcode.react";
import { type FormEvent, useState } from "react";
import { Title, useLogout, useRedirect } from "react-admin";
import { client, data } from "../client.ts";
import { formatDateTime } from "../format.tsx";

type Enrolment = components["schemas"]["TwoFactorEnrolment"];

/**
 * The staff user's Security page, inside the dashboard's layout and open to every staff role from the
 * account menu: two-factor (an admin without it is sent here, since the API answers everything else
 * with 403 two_factor_enrolment_required), new recovery codes, the password, and other sessions.
 */
export function SecurityPage() {
  return (
    <Box sx={{ maxWidth: 640, py: 2 }}>
      <Title title="Security" />
      <Typography variant="h4" component="h1" sx={{ mb: 2 }}>
        Security
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
            Two-factor authentication
          </Typography>
          {status.data?.required && !enabled ? (
            <Alert severity="warning">Staff admins must turn on two-factor authentication before they can act.</Alert>
          ) : null}
          {status.error ? <Alert severity="error">{status.error.message}</Alert> : null}
          {codes ? (
            <>
              <Alert severity="success">
                Two-factor is on. Keep these recovery codes somewhere safe: each signs you in once if you lose your authenticator.
                They are shown only now.
              </Alert>
              <Box component="ul" data-testid="recovery-codes" sx={{ fontFamily: "monospace", columns: 2, pl: 3, m: 0 }}>
                {codes.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </Box>
              <Button variant="contained" onClick={() => redirect("/")}>
                Continue to the dashboard
              </Button>
            </>
          ) : enabled ? (
            <>
              <Alert severity="success">Two-factor is on for your account.</Alert>
              <RecoveryCodes left={status.data?.recovery_codes_left ?? 0} onNew={setCodes} />
            </>
          ) : enrolment ? (
            <Stack component="form" spacing={2} onSubmit={onConfirm} aria-label="Confirm two-factor" noValidate>
              <Typography>Scan this QR code with your authenticator app, then enter the 6-digit code it shows.</Typography>
              <Box sx={{ p: 1, bgcolor: "#fff", border: 1, borderColor: "divider", alignSelf: "flex-start" }}>
                <QRCodeSVG
                  value={enrolment.otpauth_uri}
                  size={176}
                  marginSize={2}
                  role="img"
                  aria-label="QR code for your authenticator app"
                />
              </Box>
              <Typography variant="body2" color="text.secondary">
                Cannot scan? Type this key:{" "}
                <Box component="span" data-testid="totp-secret" sx={{ fontFamily: "monospace", wordBreak: "break-all" }}>
                  {enrolment.secret}
                </Box>
              </Typography>
              <TextField
                label="Your current password"
                name="password"
                type="password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                slotProps={{ htmlInput: { autoComplete: "current-password" } }}
                required
              />
              <TextField
                label="6-digit code"
                name="code"
                value={code}
                onChange={(e) => setCode(e.target.value)}
                slotProps={{ htmlInput: { inputMode: "numeric", autoComplete: "one-time-code", maxLength: 6 } }}
                required
              />
              {confirm.error ? <Alert severity="error">{confirm.error.message}</Alert> : null}
              <Button type="submit" variant="contained" disabled={confirm.isPending}>
                Turn on two-factor
              </Button>
            </Stack>
          ) : (
            <>
              <Typography>Signing in will ask for a code from an authenticator app after your password.</Typography>
              {start.error ? <Alert severity="error">{start.error.message}</Alert> : null}
              <Button variant="contained" onClick={() => start.mutate()} disabled={start.isPending || status.isPending}>
                Set up two-factor
              </Button>
            </>
          )}
          {status.data?.required && !enabled ? <Button onClick={() => logout()}>Log out</Button> : null}
        </Stack>
      </CardContent>
    </Card>
  );
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** How many recovery codes are left, and ten new ones for a current code (the old ones stop working). */
function RecoveryCodes({ left, onNew }: { left: number; onNew(codes: string[]): void }) {
  const [code, setCode] = useState("");
  const [password, setPassword] = useState("");
  const renew = useMutation({
    mutationFn: () => data(client.POST("/v1/staff/me/two-factor/recovery-codes", { body: { code, password } })),
    onSuccess: (r) => onNew(r.recovery_codes),
  });
  return (
    <Stack
      component="form"
      spacing={1.5}
      aria-label="New recovery codes"
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        renew.mutate();
      }}
    >
      <Divider />
      <Typography component="h3" variant="subtitle1" sx={{ fontWeight: 600 }}>
        Recovery codes
      </Typography>
      <Typography variant="body2">
        {plural(left, "recovery code", "recovery codes")} left. New codes replace all the old ones.
      </Typography>
      <Stack direction={{ xs: "column", sm: "row" }} spacing={1} sx={{ alignItems: { sm: "flex-start" } }}>
        <TextField
          label="Your current password"
          name="recovery-renew-password"
          type="password"
          size="small"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          slotProps={{ htmlInput: { autoComplete: "current-password" } }}
        />
        <TextField
          label="Code from your authenticator"
          name="recovery-renew-code"
          size="small"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          slotProps={{ htmlInput: { inputMode: "numeric", autoComplete: "one-time-code", maxLength: 6 } }}
        />
        <Button type="submit" variant="outlined" disabled={renew.isPending || code.trim().length !== 6 || password === ""}>
          Get new recovery codes
        </Button>
      </Stack>
      {renew.error ? <Alert severity="error">{renew.error.message}</Alert> : null}
    </Stack>
  );
}

/** Change the password with the current one. */
function PasswordCard() {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
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
            Password
          </Typography>
          <TextField
            label="Current password"
            type="password"
            name="current-password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            required
          />
          <TextField
            label="New password"
            type="password"
            name="new-password"
            autoComplete="new-password"
            helperText="At least 10 characters."
            value={next}
            onChange={(e) => setNext(e.target.value)}
            required
          />
          {change.error ? <Alert severity="error">{change.error.message}</Alert> : null}
          {change.isSuccess ? <Alert severity="success">Your password is changed.</Alert> : null}
          <Button
            type="submit"
            variant="contained"
            disabled={change.isPending || !current || !next}
            sx={{ alignSelf: "flex-start" }}
          >
            Change password
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
  return (
    <Card component="section" aria-labelledby="sessions-heading">
      <CardContent>
        <Stack spacing={2}>
          <Typography variant="h5" component="h2" id="sessions-heading">
            Other sessions
          </Typography>
          {sessions.data ? (
            <Box component="ul" aria-label="Signed-in sessions" sx={{ m: 0, pl: 3 }}>
              {sessions.data.data.map((x) => (
                <li key={x.id}>
                  {x.device}
                  {x.current ? " (this browser)" : ""} · last seen {formatDateTime(x.last_seen_at)}
                </li>
              ))}
            </Box>
          ) : null}
          <Typography variant="body2">Log out of the dashboard in every other browser; this one stays signed in.</Typography>
          {end.error ? <Alert severity="error">{end.error.message}</Alert> : null}
          {ended !== undefined ? (
            <Alert severity="success">
              {ended === 0
                ? "No other sessions were open."
                : `Logged out of ${plural(ended, "other session", "other sessions")}.`}
            </Alert>
          ) : null}
          <Button variant="outlined" onClick={() => end.mutate()} disabled={end.isPending} sx={{ alignSelf: "flex-start" }}>
            Log out other sessions
          </Button>
        </Stack>
      </CardContent>
    </Card>
  );
}
